/// Keeps a load's time series bounded, whatever its duration: at most ``maxPoints`` points, each
/// covering a span of seconds that doubles whenever the series would grow past them.
///
/// Each point carries its latencies as histogram buckets (``TimeSeriesPoint/latency``, about
/// 700–2,700 of them at 70,000 requests a second), so one point per second grew a load's memory
/// by 17–37 KB a second and its `load-result.json` by 6–10 KB a second: a 24-hour soak would have
/// held some 1.5–3 GB and written close to 1 GB. Coarsened, a 24-hour load keeps points of
/// 64 seconds; a load of up to ``maxPoints`` seconds keeps every second.
public enum TimeSeriesLimit {
    /// The most points a series keeps: 30 minutes of seconds. More than a 720-pixel chart can
    /// show, and at most some 30–50 MB of buckets.
    public static let maxPoints = 1_800

    /// Adds `point` to `series`, whose points each cover up to `span` seconds from a multiple of
    /// `span`: into the point of its span when there is one, else as a new point; then, while the
    /// series holds more than `limit` points, doubles `span` and merges the points pairwise. A
    /// point's ``TimeSeriesPoint/span`` says the seconds it holds, which the last one of a load
    /// (cut by its end) and one a merge made of seconds apart may hold fewer of than `span`: its
    /// rate per second and its average target rate are over those.
    /// - Parameters:
    ///   - point: A point of one second (or of a span that divides `span`).
    ///   - series: Points in order of ``TimeSeriesPoint/second``.
    ///   - span: The seconds each point of `series` covers; a power of two.
    ///   - limit: The most points kept.
    public static func append(_ point: TimeSeriesPoint, to series: inout [TimeSeriesPoint], span: inout Int, limit: Int = maxPoints) {
        let start = Int(Int64(point.second).floorDivided(by: Int64(span))) * span
        if let index = series.lastIndex(where: { $0.second <= start }), series[index].second == start {
            series[index] = series[index].combined(with: point, span: span)
        } else {
            var point = point
            point.second = start
            let index = series.lastIndex(where: { $0.second < start }).map { $0 + 1 } ?? 0
            series.insert(point, at: index)
        }
        while series.count > max(1, limit) {
            span *= 2
            series = coarsened(series, to: span)
        }
    }

    /// `series` (in order, of any spans: a merge of shards' series) within `limit` points: its
    /// points merged into spans of the power of two that holds its widest point, doubled while
    /// more than `limit` are left.
    public static func bounded(_ series: [TimeSeriesPoint], limit: Int = maxPoints) -> [TimeSeriesPoint] {
        let widest = series.map(\.spanSeconds).max() ?? 1
        var span = 1
        while span < widest { span *= 2 }
        var result = span > 1 ? coarsened(series, to: span) : series
        while result.count > max(1, limit) {
            span *= 2
            result = coarsened(result, to: span)
        }
        return result
    }

    /// `series` (in order) with its points merged into spans of `span` seconds from multiples of
    /// `span`; a point is placed by its first second.
    public static func coarsened(_ series: [TimeSeriesPoint], to span: Int) -> [TimeSeriesPoint] {
        var result: [TimeSeriesPoint] = []
        var ignored = span
        for point in series { append(point, to: &result, span: &ignored, limit: .max) }
        return result
    }
}

extension TimeSeriesPoint {
    /// This point and `other`, seconds of one span of `span` seconds, as one point starting at
    /// this one's second and holding the seconds of both (at most `span`): counts summed,
    /// latencies merged, the in-flight count of the later one, the target rate averaged over
    /// the seconds each held.
    func combined(with other: TimeSeriesPoint, span: Int) -> TimeSeriesPoint {
        var merged = self
        let held = min(span, spanSeconds + other.spanSeconds)
        merged.span = held > 1 ? held : nil
        merged.completed += other.completed
        merged.errors += other.errors
        merged.started += other.started
        merged.dropped += other.dropped
        if other.second >= second { merged.inFlight = other.inFlight }
        if let mine = targetRate, let theirs = other.targetRate {
            let (a, b) = (Double(spanSeconds), Double(other.spanSeconds))
            merged.targetRate = (mine * a + theirs * b) / (a + b)
        } else {
            merged.targetRate = targetRate ?? other.targetRate
        }
        var latency = LatencyRecorder()
        // Buckets this process wrote always read back.
        for buckets in [self.latency, other.latency] {
            if let buckets, let recorder = try? buckets.recorder() { latency.add(recorder) }
        }
        if latency.count > 0 {
            merged.summarize(latency)
        }
        return merged
    }
}
