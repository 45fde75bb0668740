/// How requests were told cold or warm.
public enum ColdStartMethod: String, Sendable, Hashable, Codable {
    /// From the deployment's own response header (`X-Cold-Start: true|false`).
    case header
    /// From the latency distribution; see ``ColdStartClassifier``.
    case statistical
}
