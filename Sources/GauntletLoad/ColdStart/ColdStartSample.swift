/// What the cold-start analysis needs to know of one request of a load run.
public struct ColdStartSample: Sendable, Hashable, Codable {
    /// When the request was due, from the start of the run.
    public var offset: Duration
    /// How long it took (the load engine's latency).
    public var latency: Duration
    /// The response status, or nil for a transport failure.
    public var status: Int?
    /// The value of the deployment's cold-start header (by default `X-Cold-Start`), if the
    /// response carried it.
    public var coldStartHeader: String?
    /// The index of the load stage the request belongs to.
    public var stage: Int
    /// The request id the response carried (``ColdStartClassifier/requestIDHeader``), read only
    /// when a Lambda log is to label the requests (``LambdaReportLog``).
    public var requestID: String?
    /// Whether the request opened a new connection (a new user's first request, or one after
    /// the server closed an idle connection); nil when not known (an older `load-result.json`).
    public var newConnection: Bool?
    /// False when the request never reached the wire (libcurl failed to resolve, connect or
    /// shake hands: ``LoadCompletion/wasSent``), so it has no latency; nil when it was sent, or
    /// when not known (an older `load-result.json`, whose requests read as sent).
    public var wasSent: Bool?
    /// True when the client's own request timeout ended it (no status): an answer that may have
    /// been a cold start slower than the limit; nil otherwise, or when not known.
    public var timedOut: Bool?

    /// Creates a sample.
    /// - Parameters:
    ///   - offset: When the request was due, from the start of the run.
    ///   - latency: How long it took.
    ///   - status: The response status, nil for a transport failure.
    ///   - coldStartHeader: The cold-start header's value, if any.
    ///   - stage: The load stage's index.
    ///   - requestID: The response's request id, if read.
    ///   - newConnection: Whether it opened a new connection, if known.
    ///   - wasSent: False when it never reached the wire; nil when it did.
    ///   - timedOut: True when the client's timeout ended it; nil otherwise.
    public init(
        offset: Duration, latency: Duration, status: Int?, coldStartHeader: String? = nil, stage: Int = 0, requestID: String? = nil,
        newConnection: Bool? = nil, wasSent: Bool? = nil, timedOut: Bool? = nil
    ) {
        self.offset = offset
        self.latency = latency
        self.status = status
        self.coldStartHeader = coldStartHeader
        self.stage = stage
        self.requestID = requestID
        self.newConnection = newConnection
        self.wasSent = wasSent
        self.timedOut = timedOut
    }

    /// Whether the request reached the wire, so that its latency means something (true unless
    /// ``wasSent`` says otherwise).
    public var reachedWire: Bool { self.wasSent != false }

    /// Whether an instance served the request: a response that is neither a throttle (429)
    /// nor a 5xx (a gateway timeout, 504, or a server error such as the 500 or 502 API Gateway
    /// answers for a throttled Lambda). Only served requests are classified cold or warm.
    public var isServed: Bool {
        guard let status else { return false }
        return status != 429 && !(500...599).contains(status)
    }
}
