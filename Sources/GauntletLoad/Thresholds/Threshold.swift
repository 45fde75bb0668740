import GauntletUnits

/// A pass/fail criterion on a load result, written `p99<250ms`, `errors<0.1%`, `rate>=950`,
/// optionally scoped to a request name (`get-event:p99<50ms`) or a series (`cold.p99<1500ms`).
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    /// What the threshold measures.
    public enum Metric: Sendable, Equatable {
        /// A latency percentile (0–100).
        case percentile(Double)
        /// The largest latency.
        case max
        /// The smallest latency.
        case min
        /// The mean latency.
        case mean
        /// The share of failed requests.
        case errors
        /// The share of 429 responses. Only 429: a 500 or 502 with which API Gateway may answer
        /// a throttled Lambda is an error (and, for the cold-start analysis, a server error).
        case throttled
        /// Requests completed per second.
        case rate
        /// Requests completed.
        case count
        /// The share of the open model's arrivals that were not sent because `max_in_flight`
        /// transfers were already in flight: requests the plan asked for and nobody measured.
        case dropped

        /// Whether it is read from the latency histogram, which holds only requests that were
        /// sent (``RequestStats/unsent`` have no latency).
        public var isLatency: Bool {
            switch self {
            case .percentile, .max, .min, .mean: true
            case .errors, .throttled, .rate, .count, .dropped: false
            }
        }
    }

    /// A comparison.
    public enum Comparison: String, Sendable, Equatable {
        case lessThan = "<"
        case lessThanOrEqual = "<="
        case greaterThan = ">"
        case greaterThanOrEqual = ">="

        func holds(_ actual: Double, _ limit: Double) -> Bool {
            switch self {
            case .lessThan: actual < limit
            case .lessThanOrEqual: actual <= limit
            case .greaterThan: actual > limit
            case .greaterThanOrEqual: actual >= limit
            }
        }
    }

    /// The request name it applies to; nil for every request together.
    public var requestName: String?
    /// A named series of measurements (`cold`), nil for the main one.
    public var series: String?
    /// What it measures.
    public var metric: Metric
    /// How the measured value compares with the limit.
    public var comparison: Comparison
    /// The limit, in microseconds for latencies, 0–1 for shares, per second for rates.
    public var limit: Double
    /// The threshold as written. The abort rule is not part of it: a threshold parsed again
    /// from its source (a merge of shards' results) judges the same, it just no longer aborts.
    public var source: String
    /// Whether and how the threshold stops the load early; nil for a threshold judged only at the end.
    public var abort: AbortRule? = nil
    /// Whether the load added it rather than its file or command line (``noErrors``).
    public var isDefault = false

    /// `errors<=0%`, the threshold a load judges when none of its own bounds errors
    /// (``LoadResult/judgedThresholds``): a failed check fails a load as it fails a run, unless the
    /// load says how many it tolerates (`errors<1%`). Without it, a load of a deployment that
    /// answers every request with a 500 would pass.
    public static let noErrors = Threshold(
        requestName: nil, series: nil, metric: .errors, comparison: .lessThanOrEqual, limit: 0, source: "errors<=0%",
        isDefault: true)

    /// `dropped<=0%`, the threshold an open-model load (or any load that dropped arrivals) judges
    /// when none of its own bounds dropped arrivals: an arrival dropped for lack of capacity is a request the plan asked for that was
    /// never sent nor measured (when a deployment stalls, most of them), so a load that dropped
    /// most of its plan would otherwise pass on the latencies of the few it sent.
    public static let noDrops = Threshold(
        requestName: nil, series: nil, metric: .dropped, comparison: .lessThanOrEqual, limit: 0, source: "dropped<=0%",
        isDefault: true)

    private init(
        requestName: String?, series: String?, metric: Metric, comparison: Comparison, limit: Double, source: String,
        isDefault: Bool
    ) {
        self.requestName = requestName
        self.series = series
        self.metric = metric
        self.comparison = comparison
        self.limit = limit
        self.source = source
        self.isDefault = isDefault
    }

    /// Parses a threshold.
    /// - Throws: `ThresholdParseError` with a user-facing message.
    public init(parsing text: String) throws(ThresholdParseError) {
        let source = text.filter { !$0.isWhitespace }
        self.source = source
        guard let opIndex = source.firstIndex(where: { $0 == "<" || $0 == ">" }) else {
            throw ThresholdParseError(text, "expected a comparison (<, <=, >, >=), as in 'p99<250ms'")
        }
        var afterOp = source.index(after: opIndex)
        var op = String(source[opIndex])
        if afterOp < source.endIndex, source[afterOp] == "=" {
            op += "="
            afterOp = source.index(after: afterOp)
        }
        comparison = Comparison(rawValue: op)!
        var subject = Substring(source[..<opIndex])
        let valueText = source[afterOp...]
        requestName = nil
        if let colon = subject.lastIndex(of: ":") {
            let name = subject[..<colon]
            guard !name.isEmpty else { throw ThresholdParseError(text, "empty request name before ':'") }
            requestName = String(name)
            subject = subject[subject.index(after: colon)...]
        }
        series = nil
        if let dot = subject.firstIndex(of: "."), !Self.isPercentile(subject),
            subject[..<dot].allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" })
        {
            series = String(subject[..<dot])
            subject = subject[subject.index(after: dot)...]
        }
        guard let metric = Self.metric(subject) else {
            throw ThresholdParseError(
                text, "unknown metric '\(subject)' (use pNN, max, min, mean, errors, throttled, rate, count or dropped)")
        }
        if metric == .dropped, requestName != nil || series != nil {
            throw ThresholdParseError(text, "'dropped' counts the load's arrivals, not those of a request or a series: write 'dropped<1%'")
        }
        if let series { try Self.checkSeries(series, metric: metric, named: subject, requestName: requestName, text: text) }
        self.metric = metric
        switch metric {
        case .percentile, .max, .min, .mean:
            guard let duration = Duration.parseLoad(String(valueText)) else {
                do throws(DurationTextError) { _ = try DurationText.parseExplained(String(valueText)) } catch {
                    if case .tooLong = error { throw ThresholdParseError(text, error.description) }
                }
                throw ThresholdParseError(text, "'\(valueText)' is not a duration (use a unit: 250ms, 1s, 500us)")
            }
            limit = Double(duration.nanosecondsUInt64) / 1_000
        case .errors, .throttled, .dropped:
            if valueText.hasSuffix("%"), let percent = Double(valueText.dropLast()), (0...100).contains(percent) {
                limit = percent / 100
            } else if let share = Double(valueText), share == 1 {
                // 'errors<1' reads as "fewer than one error" as easily as "below 100%".
                throw ThresholdParseError(text, "'\(valueText)' is ambiguous: write 1% or 100% (a share without % is below 1: 0.01 is 1%)")
            } else if let share = Double(valueText), (0...1).contains(share) {
                limit = share
            } else {
                throw ThresholdParseError(text, "'\(valueText)' is not a share (use 0% to 100%, or a share below 1: 0.1% or 0.001)")
            }
        case .rate, .count:
            guard let number = Double(valueText), number >= 0 else {
                throw ThresholdParseError(text, "'\(valueText)' is not a number")
            }
            limit = number
        }
    }

    /// The series a threshold may name: the cold-start analysis's.
    public static let seriesNames = ["cold", "warm"]

    /// Rejects, before any request, a series threshold the load could only fail at its end: a
    /// series other than ``seriesNames`` (`colds.p99`, `Cold.p99`), one scoped to a request
    /// name, or a metric a series does not give (p95, p99.9, min, errors…).
    private static func checkSeries(
        _ series: String, metric: Metric, named name: Substring, requestName: String?, text: String
    ) throws(ThresholdParseError) {
        guard Self.seriesNames.contains(series) else {
            let hint = Self.seriesNames.contains(series.lowercased()) ? "; did you mean '\(series.lowercased()).\(name)'?" : ""
            throw ThresholdParseError(text, "unknown series '\(series)' (the series are cold and warm, as in 'cold.p99<1500ms')\(hint)")
        }
        if requestName != nil {
            throw ThresholdParseError(text, "the \(series) series covers the whole load, not one request name: write '\(series).\(name)…'")
        }
        switch metric {
        case .percentile(50), .percentile(90), .percentile(99), .max, .mean, .count: return
        default:
            throw ThresholdParseError(
                text, "the \(series) series has p50 (median), p90, p99, max, mean and count only, not '\(name)'")
        }
    }

    private static func isPercentile(_ subject: Substring) -> Bool {
        subject.first == "p" && Double(subject.dropFirst()) != nil
    }

    private static func metric(_ name: Substring) -> Metric? {
        switch name {
        case "max": return .max
        case "min": return .min
        case "mean", "avg": return .mean
        case "errors", "error_rate": return .errors
        case "throttled": return .throttled
        case "rate", "rps": return .rate
        case "count": return .count
        case "dropped": return .dropped
        case "median": return .percentile(50)
        default:
            guard name.first == "p" else { return nil }
            return percentile(digits: name.dropFirst()).map(Metric.percentile)
        }
    }

    /// The percentile a `pNN` name's digits stand for (0–100): `99`, `99.9`, and `999` for 99.9
    /// (`9999` for 99.99), as in most load tools; nil for anything else.
    static func percentile(digits: Substring) -> Double? {
        if !digits.contains("."), digits.count > 2, digits.allSatisfy({ $0 == "9" }) {
            return Double("99." + digits.dropFirst(2))
        }
        guard let value = Double(digits), value >= 0, value <= 100 else { return nil }
        return value
    }

    /// The threshold as written.
    public var description: String { source }
}

/// A threshold that does not parse.
public struct ThresholdParseError: Error, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong.
    public var message: String
    init(_ text: String, _ message: String) {
        self.text = text
        self.message = message
    }
    /// `invalid threshold 'x': message`.
    public var description: String { "invalid threshold '\(text)': \(message)" }
}
