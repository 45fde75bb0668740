/// What the analysis says of one request.
public enum ColdStartVerdict: String, Sendable, Hashable, Codable {
    /// Served by a new instance that paid a cold start.
    case cold
    /// Served by a warm instance.
    case warm
    /// Throttled (429): no instance served it.
    case throttled
    /// Timed out at the gateway (504).
    case timedOut
    /// No response (a transport failure).
    case failed

    /// The verdict for a sample that was not served, or nil when it was.
    static func unserved(_ sample: ColdStartSample) -> ColdStartVerdict? {
        switch sample.status {
        case nil: .failed
        case 429: .throttled
        case 504: .timedOut
        default: nil
        }
    }
}
