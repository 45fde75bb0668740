/// How requests were told cold or warm.
public enum ColdStartMethod: String, Sendable, Hashable, Codable {
    /// From the deployment's own response header (`X-Cold-Start: true|false`).
    case header
    /// From the latency distribution; see ``ColdStartClassifier``.
    case statistical
    /// From the function's CloudWatch log: a request matched to a `REPORT` record is cold when
    /// the record has an `Init Duration` (see ``LambdaReportLog``); unmatched requests keep the
    /// client-side verdict.
    case log
}
