/// How much worse than a baseline run a measure may get (`--max-regression`):
/// `p99:+10%`, `get-event:p50:+5ms`, `mean:+20%`, `rate:-10%`.
///
/// Latencies (percentiles and the mean) may grow by the allowance; the request rate may drop by
/// it. A rule holds unless the run is worse by more than the allowance *and* beyond noise (see
/// ``BaselineComparison``).
public struct RegressionRule: Sendable, Equatable, CustomStringConvertible {
    /// What a rule compares.
    public enum Metric: Sendable, Equatable {
        case percentile(Double)
        case mean
        case rate
    }

    /// How much worse the measure may get.
    public enum Allowance: Sendable, Equatable {
        /// A share of the baseline's value (0.1 for 10%).
        case relative(Double)
        /// Microseconds more (latencies only).
        case absoluteMicros(Double)
    }

    /// The request the rule is about; nil for every request together.
    public var requestName: String?
    public var metric: Metric
    public var allowance: Allowance
    /// The rule as written, without spaces.
    public var source: String

    /// Reads `[request:]metric:±allowance`.
    /// - Throws: ``RegressionRuleError`` saying what is wrong.
    public init(parsing text: String) throws(RegressionRuleError) {
        let source = text.filter { !$0.isWhitespace }
        self.source = source
        guard let colon = source.lastIndex(of: ":") else {
            throw RegressionRuleError(text, "write metric:allowance, e.g. 'p99:+10%', 'get-event:p50:+5ms' or 'rate:-10%'")
        }
        let allowanceText = source[source.index(after: colon)...]
        var subject = source[..<colon]
        requestName = nil
        if let nameColon = subject.lastIndex(of: ":") {
            let name = subject[..<nameColon]
            guard !name.isEmpty else { throw RegressionRuleError(text, "empty request name before ':'") }
            requestName = String(name)
            subject = subject[subject.index(after: nameColon)...]
        }
        switch subject {
        case "mean", "avg": metric = .mean
        case "rate", "rps": metric = .rate
        case "median": metric = .percentile(50)
        default:
            // Percentiles as thresholds name them; p0 and p100 (min and max) have no interval.
            guard subject.first == "p", let value = Threshold.percentile(digits: subject.dropFirst()), value > 0, value < 100 else {
                throw RegressionRuleError(text, "unknown metric '\(subject)' (use pNN, mean or rate)")
            }
            metric = .percentile(value)
        }
        let sign = allowanceText.first
        guard sign == "+" || sign == "-" else {
            throw RegressionRuleError(text, "the allowance needs a sign: '+10%' for latency, '-10%' for rate")
        }
        if metric == .rate, sign != "-" {
            throw RegressionRuleError(text, "a rate regresses by dropping: write 'rate:-10%'")
        }
        if metric != .rate, sign != "+" {
            throw RegressionRuleError(text, "a latency regresses by growing: write '+10%' or '+5ms'")
        }
        let amount = allowanceText.dropFirst()
        if amount.hasSuffix("%"), let percent = Double(amount.dropLast()), percent >= 0, percent.isFinite {
            allowance = .relative(percent / 100)
        } else if metric != .rate, let duration = Duration.parseLoad(String(amount)) {
            allowance = .absoluteMicros(Double(duration.nanosecondsUInt64) / 1_000)
        } else {
            throw RegressionRuleError(text, "'\(amount)' is not a percentage\(metric == .rate ? "" : " or a duration") (e.g. 10%\(metric == .rate ? "" : ", 5ms"))")
        }
    }

    public var description: String { source }
}

/// A `--max-regression` rule that does not parse.
public struct RegressionRuleError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    init(_ text: String, _ message: String) {
        self.text = text
        self.message = message
    }
    public var description: String { "invalid regression rule '\(text)': \(message)" }
}
