/// One second of the run: throughput, errors and latency percentiles of the requests that
/// completed in it.
public struct TimeSeriesPoint: Sendable, Equatable, Codable {
    /// Seconds from the start of the load (this point covers `second ..< second + 1`).
    public var second: Int
    /// Requests completed in this second.
    public var completed: Int
    /// Of which failed.
    public var errors: Int
    /// Iterations started in this second.
    public var started: Int
    /// Arrivals dropped for lack of capacity in this second.
    public var dropped: Int
    /// The open model's target arrival rate at the middle of this second, per second.
    public var targetRate: Double?
    /// Median latency, microseconds.
    public var p50Micros: UInt64
    /// 99th percentile latency, microseconds.
    public var p99Micros: UInt64
    /// Maximum latency, microseconds.
    public var maxMicros: UInt64
    /// Transfers in flight at the end of the second (summed over loops).
    public var inFlight: Int
    /// The second's latencies as histogram buckets, so that shards' seconds merge exactly.
    public var latency: LatencyBuckets?
    /// How many seconds this point holds, from ``second``, when more than one: a long load's
    /// series is coarsened so that it keeps at most ``TimeSeriesLimit/maxPoints`` points
    /// (``TimeSeriesLimit``); nil for one second. The counts are then those seconds', not a
    /// second's; the last point of a load may hold fewer seconds than the others.
    public var span: Int?

    /// The seconds this point covers: ``span``, or 1.
    public var spanSeconds: Int { span ?? 1 }

    /// Creates a point.
    public init(
        second: Int, completed: Int, errors: Int, started: Int = 0, dropped: Int = 0, targetRate: Double? = nil,
        p50Micros: UInt64, p99Micros: UInt64, maxMicros: UInt64, inFlight: Int = 0
    ) {
        self.second = second
        self.completed = completed
        self.errors = errors
        self.started = started
        self.dropped = dropped
        self.targetRate = targetRate
        self.p50Micros = p50Micros
        self.p99Micros = p99Micros
        self.maxMicros = maxMicros
        self.inFlight = inFlight
    }
}

extension TimeSeriesPoint {
    /// Sets the second's latency figures (p50, p99, max) and buckets from its requests'
    /// histogram, with one walk for both percentiles: for each second of a load as it runs, and
    /// for each second of a merge.
    mutating func summarize(_ latency: LatencyRecorder) {
        let percentiles = latency.micros(atPercentiles: [50, 99])
        p50Micros = percentiles[0]
        p99Micros = percentiles[1]
        maxMicros = latency.maxMicros
        self.latency = LatencyBuckets(latency)
    }
}
