public import GauntletLoad

/// The side-by-side table every report shows when a load ran against a baseline: for each
/// request name and the total, p50, p90, p99 and the mean of the baseline and of this run, with
/// the change (the "delta column").
public struct BaselineTable: Sendable {
    /// One measure of one request.
    public struct Row: Sendable, Codable, Equatable {
        public var request: String
        public var measure: String
        /// Milliseconds.
        public var baseline: Double
        /// Milliseconds.
        public var current: Double
        /// This run relative to the baseline, in percent; nil when the baseline is 0.
        public var changePercent: Double?
    }

    public var rows: [Row]

    /// The rows for `result` against its comparison.
    public init(_ result: LoadResult, _ comparison: BaselineComparison) {
        var rows: [Row] = []
        for stats in result.byName + [result.total] {
            guard let before = comparison.baselineStats(for: stats.name == "total" ? nil : stats.name) else { continue }
            let measures: [(String, (LatencyRecorder) -> Double)] = [
                ("p50", { Double($0.micros(atPercentile: 50)) }), ("p90", { Double($0.micros(atPercentile: 90)) }),
                ("p99", { Double($0.micros(atPercentile: 99)) }), ("mean", { $0.meanMicros }),
            ]
            for (measure, value) in measures {
                let old = value(before.latency) / 1_000, new = value(stats.latency) / 1_000
                rows.append(Row(
                    request: stats.name, measure: measure, baseline: (old * 1_000).rounded() / 1_000,
                    current: (new * 1_000).rounded() / 1_000, changePercent: old > 0 ? ((new / old - 1) * 1_000).rounded() / 10 : nil))
            }
        }
        self.rows = rows
    }

    /// `+12.5%`, `-3.0%`, or `n/a`.
    public static func change(_ percent: Double?) -> String {
        guard let percent else { return "n/a" }
        return (percent >= 0 ? "+" : "") + LoadFormat.number(percent, decimals: 1) + "%"
    }
}
