/// One request of a load run and the instant it is due to start.
public struct LoadRequest: Sendable {
    /// The caller's identifier, handed back in the ``LoadCompletion``.
    public var tag: UInt64
    /// When the request should start (the open model's schedule).
    public var scheduledStart: ContinuousClock.Instant
    /// The request. Its `options` are replaced by the driver's.
    public var request: RequestSpec

    /// Creates a scheduled request.
    /// - Parameters:
    ///   - tag: The caller's identifier.
    ///   - scheduledStart: When it should start.
    ///   - request: What to send.
    public init(tag: UInt64, scheduledStart: ContinuousClock.Instant, request: RequestSpec) {
        self.tag = tag
        self.scheduledStart = scheduledStart
        self.request = request
    }
}
