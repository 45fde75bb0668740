/// Emits the intended start times of the open model: arrivals at a rate that is constant or
/// ramps linearly through stages, whatever the latency of the requests already sent.
///
/// Times are nanoseconds from the start of the load. Arrival `k` (from 0) is due when the
/// integral of the rate reaches `k`. A scheduler can take a share of the arrivals (every
/// `stride`-th from `offset`) so that several loops split one rate exactly.
public struct OpenModelScheduler: Sendable {
    /// One piece of the piecewise-linear rate.
    struct Segment: Sendable {
        var start: Double
        var length: Double  // seconds; .infinity for the final hold
        var fromRate: Double
        var toRate: Double
        var startCount: Double  // arrivals due before `start`
        var count: Double { length.isInfinite ? .infinity : (fromRate + toRate) / 2 * length }
    }

    private let segments: [Segment]
    private let end: Double?
    private let stride: Int
    private var nextArrival: Int
    private var segmentIndex = 0
    /// What ``peek()`` last computed, and for which arrival: a loop asks several times per wake
    /// (is the load over, when is the next due, is it due now), a square root and a division each
    /// time otherwise.
    private var peeked: (arrival: Int, due: UInt64?) = (-1, nil)

    /// Creates a scheduler.
    /// - Parameters:
    ///   - rate: The starting rate, per second (the whole rate when there are no stages).
    ///   - stages: Linear ramps after the start.
    ///   - duration: When arrivals stop; nil for no time bound. After the last stage, its target holds.
    ///   - offset: The first arrival this scheduler emits (0-based).
    ///   - stride: Emit every `stride`-th arrival.
    public init(rate: Double, stages: [LoadStage] = [], duration: Duration?, offset: Int = 0, stride: Int = 1) {
        var segments: [Segment] = []
        var time = 0.0, count = 0.0, current = rate
        for stage in stages {
            let segment = Segment(
                start: time, length: stage.duration.secondsDouble, fromRate: current, toRate: stage.target,
                startCount: count)
            segments.append(segment)
            time += segment.length
            count += segment.count
            current = stage.target
        }
        segments.append(Segment(start: time, length: .infinity, fromRate: current, toRate: current, startCount: count))
        self.segments = segments
        self.end = duration?.secondsDouble
        self.stride = max(1, stride)
        self.nextArrival = max(0, offset)
    }

    /// The arrival rate at `seconds` after the start, per second (the whole rate, not this share).
    public func rate(at seconds: Double) -> Double {
        for segment in segments where seconds < segment.start + segment.length {
            guard segment.length.isFinite, segment.length > 0 else { return segment.fromRate }
            return segment.fromRate + (segment.toRate - segment.fromRate) * (seconds - segment.start) / segment.length
        }
        return segments.last?.toRate ?? 0
    }

    /// The stage an arrival due `nanos` after the start belongs to: the index of its ramp, or
    /// the number of ramps for the final hold (``LoadModel/stageNames`` order).
    public func stage(at nanos: UInt64) -> Int {
        let seconds = Double(nanos) / 1e9
        return segments.firstIndex { seconds < $0.start + $0.length } ?? segments.count - 1
    }

    /// How many arrivals (the whole rate, not this share) are due in the first `seconds`.
    public func expectedArrivals(until seconds: Double) -> Double {
        var total = 0.0
        for segment in segments where seconds > segment.start {
            let span = min(seconds, segment.start + segment.length) - segment.start
            let endRate = segment.length.isFinite && segment.length > 0
                ? segment.fromRate + (segment.toRate - segment.fromRate) * span / segment.length
                : segment.fromRate
            total += (segment.fromRate + endRate) / 2 * span
        }
        return total
    }

    /// The intended start of the next arrival, in nanoseconds from the start, without consuming it;
    /// nil when no arrival remains before the end.
    public mutating func peek() -> UInt64? {
        if peeked.arrival == nextArrival { return peeked.due }
        let due = due(of: nextArrival)
        peeked = (nextArrival, due)
        return due
    }

    /// The intended start of arrival `arrival`, moving ``segmentIndex`` on to its segment.
    private mutating func due(of arrival: Int) -> UInt64? {
        let target = Double(arrival)
        while segmentIndex < segments.count - 1,
            segments[segmentIndex].startCount + segments[segmentIndex].count <= target
        {
            segmentIndex += 1
        }
        let segment = segments[segmentIndex]
        let x = target - segment.startCount
        let offset: Double
        if x <= 0 {
            offset = 0
        } else if segment.length.isInfinite || segment.fromRate == segment.toRate {
            guard segment.fromRate > 0 else { return nil }
            offset = x / segment.fromRate
        } else {
            // Solve fromRate·t + a·t² = x with a = (to - from) / (2·length), in the stable form.
            let a = (segment.toRate - segment.fromRate) / (2 * segment.length)
            let discriminant = max(0, segment.fromRate * segment.fromRate + 4 * a * x)
            offset = 2 * x / (segment.fromRate + discriminant.squareRoot())
        }
        let seconds = segment.start + offset
        guard seconds.isFinite else { return nil }
        if let end, seconds >= end { return nil }
        return UInt64((seconds * 1e9).rounded())
    }

    /// Consumes, without emitting them one by one, this share's arrivals due at or before
    /// `nanos` (at most `limit`), and returns how many: what an overloaded loop drops at once, so
    /// that the work of shedding load does not grow with the requested rate.
    public mutating func skip(through nanos: UInt64, limit: Int = .max) -> Int {
        var seconds = Double(nanos) / 1e9
        if let end { seconds = min(seconds, end) }
        // Arrival k is due when the rate's integral reaches k; one short of the integral keeps
        // clear of rounding at the boundary (``peek()`` settles the last ones exactly).
        let lastDue = expectedArrivals(until: seconds).rounded(.down) - 1
        guard lastDue.isFinite, lastDue >= Double(nextArrival) else { return 0 }
        let due = Int(min(lastDue, Double(Int.max / 2))) - nextArrival
        let count = min(limit, due / stride + 1)
        guard count > 0 else { return 0 }
        nextArrival += count * stride
        return count
    }

    /// The intended start of the next arrival, consumed; nil when none remains.
    public mutating func next() -> UInt64? {
        guard let due = peek() else { return nil }
        nextArrival += stride
        return due
    }
}
