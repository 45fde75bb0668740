/// What the analysis says of one request.
public enum ColdStartVerdict: String, Sendable, Hashable, Codable {
    /// Served by a new instance that paid a cold start.
    case cold
    /// Served by a warm instance.
    case warm
    /// Throttled (429): no instance served it.
    case throttled
    /// Timed out: the gateway answered 504, or the client's own request timeout ended it
    /// before any answer. Either may hide a cold start slower than the limit, so `cold.*` and
    /// `warm.*` thresholds pass only if they hold whichever series these requests belonged to.
    case timedOut
    /// A 5xx answer other than 504 (500, 502, 503…): the deployment or its gateway failed, as
    /// API Gateway answers a throttled Lambda through a proxy integration (500 or 502). No
    /// measure of the function's latency, so neither cold nor warm, nor throttled (429 only).
    case serverError
    /// No response (a transport failure other than a timeout, or never sent).
    case failed

    /// The verdict for a sample that was not served, or nil when it was.
    static func unserved(_ sample: ColdStartSample) -> ColdStartVerdict? {
        switch sample.status {
        case nil: sample.timedOut == true && sample.reachedWire ? .timedOut : .failed
        case 429: .throttled
        case 504: .timedOut
        case let status? where (500...599).contains(status): .serverError
        default: nil
        }
    }
}
