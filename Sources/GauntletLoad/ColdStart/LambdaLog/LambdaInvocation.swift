/// One Lambda invocation as its platform `REPORT` record tells it: its request id, when it
/// ended, how long it ran, and its init duration when it was a cold start.
public struct LambdaInvocation: Sendable, Hashable, Codable {
    /// The Lambda request id (`RequestId:` in text, `requestId` in JSON).
    public var requestID: String
    /// When the record was logged, nanoseconds since 1970: the invocation's end. Nil when the
    /// line carried no time (a raw message line), which rules out matching by time window.
    public var endNanos: Int64?
    /// `Duration`: the handler's run time.
    public var durationMilliseconds: Double
    /// `Billed Duration`, if given.
    public var billedDurationMilliseconds: Double?
    /// `Memory Size`, if given.
    public var memorySizeMB: Int?
    /// `Max Memory Used`, if given.
    public var maxMemoryUsedMB: Int?
    /// `Init Duration`: present only when the invocation paid a cold start.
    public var initDurationMilliseconds: Double?

    /// Creates an invocation record.
    public init(
        requestID: String, endNanos: Int64?, durationMilliseconds: Double, billedDurationMilliseconds: Double? = nil,
        memorySizeMB: Int? = nil, maxMemoryUsedMB: Int? = nil, initDurationMilliseconds: Double? = nil
    ) {
        self.requestID = requestID
        self.endNanos = endNanos
        self.durationMilliseconds = durationMilliseconds
        self.billedDurationMilliseconds = billedDurationMilliseconds
        self.memorySizeMB = memorySizeMB
        self.maxMemoryUsedMB = maxMemoryUsedMB
        self.initDurationMilliseconds = initDurationMilliseconds
    }

    /// Whether the platform reported an init phase: Lambda's own word for a cold start.
    public var isCold: Bool { initDurationMilliseconds != nil }

    /// When the invocation (its init phase included, when cold) ran, nanoseconds since 1970:
    /// `[end − duration − init, end]`; nil without a time.
    public var window: ClosedRange<Int64>? {
        guard let endNanos else { return nil }
        let span = (durationMilliseconds + (initDurationMilliseconds ?? 0)) * 1e6
        return (endNanos - Int64(span.rounded(.up)))...endNanos
    }
}
