import Foundation
import Histogram

/// This run set against a baseline run (`--baseline`): each rule's verdict, and the baseline's
/// latencies for the reports' side-by-side tables and curves.
///
/// How a rule decides: the run regresses when its value is worse than the baseline's by more
/// than the allowance **and** the difference is beyond noise, that is the two values' 95%
/// confidence intervals do not overlap. A percentile's interval comes from its histogram: the
/// values at the order-statistic ranks q·n ± 1.96·√(n·q·(1−q)) (distribution-free); the mean's is
/// mean ± 1.96·σ/√n. The request rate has no interval (one number per run) and is judged on the
/// allowance alone.
public struct BaselineComparison: Sendable {
    /// Where the baseline came from, for the reports.
    public var label: String
    /// The baseline's measurements: every request together, then by name.
    public var baselineTotal: RequestStats
    public var baselineByName: [RequestStats]
    /// The baseline's requests per second.
    public var baselineRate: Double
    /// One verdict per rule, in the rules' order.
    public var verdicts: [RegressionVerdict]

    /// Compares `current` with `baseline` under `rules`.
    public init(current: LoadResult, baseline: LoadResult, label: String, rules: [RegressionRule]) {
        self.label = label
        self.baselineTotal = baseline.total
        self.baselineByName = baseline.byName
        self.baselineRate = baseline.achievedRate
        self.verdicts = rules.map { Self.judge($0, current: current, baseline: baseline) }
    }

    /// The baseline's measurements for `name`, or every request together for nil.
    public func baselineStats(for name: String?) -> RequestStats? {
        guard let name else { return baselineTotal }
        return baselineByName.first { $0.name == name }
    }

    /// The rules that name a request neither run made.
    public static func unknownRequests(in rules: [RegressionRule], current: [String], baseline: LoadResult) -> [RegressionRule] {
        rules.filter { rule in
            guard let name = rule.requestName else { return false }
            return !current.contains(name) || baseline.stats(for: name) == nil
        }
    }

    static func judge(_ rule: RegressionRule, current: LoadResult, baseline: LoadResult) -> RegressionVerdict {
        guard let now = current.stats(for: rule.requestName), let before = baseline.stats(for: rule.requestName) else {
            return RegressionVerdict(rule: rule, regressed: true, detail: "no request named '\(rule.requestName ?? "")' in both runs")
        }
        if rule.metric != .rate, now.latency.count == 0 || before.latency.count == 0 {
            return RegressionVerdict(rule: rule, regressed: true, detail: "no data: \(now.latency.count == 0 ? "this run" : "the baseline") completed no request")
        }
        switch rule.metric {
        case .rate:
            let rateNow = rule.requestName == nil ? current.achievedRate : Self.rate(now, current)
            let rateBefore = rule.requestName == nil ? baseline.achievedRate : Self.rate(before, baseline)
            var allowed = 0.0
            if case let .relative(share) = rule.allowance { allowed = share }
            let change = rateBefore > 0 ? rateNow / rateBefore - 1 : 0
            let regressed = rateNow < rateBefore * (1 - allowed)
            return RegressionVerdict(
                rule: rule, baselineValue: rateBefore, currentValue: rateNow, change: change, regressed: regressed,
                detail: "rate \(LoadFormat.number(rateNow, decimals: 1))/s vs \(LoadFormat.number(rateBefore, decimals: 1))/s "
                    + "(\(Self.percent(change)), allowed -\(LoadFormat.number(allowed * 100, decimals: 1))%)")
        case .percentile, .mean:
            let valueNow = Self.value(rule.metric, now.latency), valueBefore = Self.value(rule.metric, before.latency)
            let intervalNow = Self.interval(rule.metric, now.latency), intervalBefore = Self.interval(rule.metric, before.latency)
            let limit: Double
            let allowedText: String
            switch rule.allowance {
            case let .relative(share):
                limit = valueBefore * (1 + share)
                allowedText = "+\(LoadFormat.number(share * 100, decimals: 1))%"
            case let .absoluteMicros(micros):
                limit = valueBefore + micros
                allowedText = "+\(LoadFormat.number(micros / 1_000, decimals: 3)) ms"
            }
            let change = valueBefore > 0 ? valueNow / valueBefore - 1 : 0
            let beyondAllowance = valueNow > limit
            let beyondNoise = intervalNow.lowerBound > intervalBefore.upperBound
            let name = Self.name(rule.metric)
            let ms = { (micros: Double) in LoadFormat.number(micros / 1_000, decimals: 3) }
            var detail = "\(name) \(ms(valueNow)) ms vs \(ms(valueBefore)) ms (\(Self.percent(change)), allowed \(allowedText)); "
                + "95% intervals [\(ms(intervalNow.lowerBound)), \(ms(intervalNow.upperBound))] and "
                + "[\(ms(intervalBefore.lowerBound)), \(ms(intervalBefore.upperBound))] ms"
            switch (beyondAllowance, beyondNoise) {
            case (true, true): detail += " do not overlap: a regression"
            case (true, false): detail += " overlap: within noise"
            case (false, _): detail += ": within the allowance"
            }
            return RegressionVerdict(
                rule: rule, baselineValue: valueBefore, currentValue: valueNow, change: change,
                regressed: beyondAllowance && beyondNoise, detail: detail)
        }
    }

    static func rate(_ stats: RequestStats, _ result: LoadResult) -> Double {
        let seconds = result.rateWindow.secondsDouble
        return seconds > 0 ? Double(stats.count) / seconds : 0
    }

    static func value(_ metric: RegressionRule.Metric, _ latency: LatencyRecorder) -> Double {
        switch metric {
        case let .percentile(q): Double(latency.micros(atPercentile: q))
        case .mean, .rate: latency.meanMicros
        }
    }

    /// The 95% confidence interval of a percentile (order-statistic ranks) or of the mean.
    static func interval(_ metric: RegressionRule.Metric, _ latency: LatencyRecorder) -> ClosedRange<Double> {
        let n = Double(latency.count)
        switch metric {
        case let .percentile(percentile):
            let q = percentile / 100
            let spread = 1.96 * (n * q * (1 - q)).squareRoot()
            let low = max(1, (q * n - spread).rounded(.down)), high = min(n, (q * n + spread).rounded(.up))
            let lower = Double(latency.micros(atPercentile: max(0.0001, low / n * 100)))
            let upper = Double(latency.micros(atPercentile: min(100, high / n * 100)))
            return min(lower, upper)...max(lower, upper)
        case .mean, .rate:
            let half = 1.96 * latency.standardDeviationMicros / max(1, n).squareRoot()
            return (latency.meanMicros - half)...(latency.meanMicros + half)
        }
    }

    static func name(_ metric: RegressionRule.Metric) -> String {
        switch metric {
        case let .percentile(q): LoadFormat.percentileName(q)
        case .mean: "mean"
        case .rate: "rate"
        }
    }

    static func percent(_ change: Double) -> String {
        (change >= 0 ? "+" : "") + LoadFormat.number(change * 100, decimals: 1) + "%"
    }
}

/// One ``RegressionRule``'s verdict.
public struct RegressionVerdict: Sendable {
    public var rule: RegressionRule
    /// The baseline's value: microseconds for latencies, per second for the rate.
    public var baselineValue: Double?
    /// This run's value, in the same unit.
    public var currentValue: Double?
    /// This run relative to the baseline (0.25 for 25% higher).
    public var change: Double?
    /// Whether the run regressed beyond the allowance and beyond noise.
    public var regressed: Bool
    /// How the rule decided, in words.
    public var detail: String

    init(rule: RegressionRule, baselineValue: Double? = nil, currentValue: Double? = nil, change: Double? = nil, regressed: Bool, detail: String) {
        self.rule = rule
        self.baselineValue = baselineValue
        self.currentValue = currentValue
        self.change = change
        self.regressed = regressed
        self.detail = detail
    }

    /// The verdict as a threshold's, so that the console, JUnit and reports list it with them.
    public var thresholdResult: ThresholdResult {
        let name = "\(rule.source) vs baseline"
        return ThresholdResult(
            name: name, passed: !regressed, actual: detail, message: "\(name): \(detail) (\(regressed ? "FAILED" : "passed"))")
    }
}
