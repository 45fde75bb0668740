/// libcurl's phase timings over all requests, one histogram each (microseconds).
public struct PhaseLatencies: Sendable {
    /// TCP connect, for requests that opened a connection.
    public var connect = LatencyRecorder()
    /// TLS handshake, for requests that made one.
    public var tls = LatencyRecorder()
    /// From the request being sent to the first response byte.
    public var timeToFirstByte = LatencyRecorder()
    /// From the first to the last response byte.
    public var transfer = LatencyRecorder()
    /// How late each request started after its intended start (open model).
    public var startDelay = LatencyRecorder()

    /// Creates empty histograms.
    public init() {}

    /// Adds every value of `other`.
    public mutating func add(_ other: PhaseLatencies) {
        connect.add(other.connect)
        tls.add(other.tls)
        timeToFirstByte.add(other.timeToFirstByte)
        transfer.add(other.transfer)
        startDelay.add(other.startDelay)
    }

    /// The phases with their display names, in order.
    public var named: [(name: String, recorder: LatencyRecorder)] {
        [("connect", connect), ("tls", tls), ("ttfb", timeToFirstByte), ("transfer", transfer),
         ("start delay", startDelay)]
    }
}
