import Foundation

/// Tells each request of a load run cold or warm: from the deployment's response header when it
/// gives one, otherwise from latency where the client expected cold starts.
///
/// Throttled (429), timed-out (a 504, or the client's own timeout), server errors (any other
/// 5xx) and failed requests are never classified; they get their own verdicts, and need no header.
///
/// ## The header method
/// Used when every served request carries the header (by default `X-Cold-Start`, as the
/// emulating `events-api` sends it) with a value it knows: `true`, `1`, `yes` or `cold` is
/// cold, `false`, `0`, `no` or `warm` warm (any case, trimmed). Asked for (``Mode/header``), it
/// is undecided, and says why, when no served response carried the header or one carried a
/// value outside both lists; a served response without it then counts warm.
///
/// ## The statistical method
/// Used when the header is missing from any served request, or carries a value outside both
/// lists (``ColdStartClassification/note`` says so when some carried it), or when asked for. It combines
/// what the client knows of each request with its latency.
///
/// **Where a cold start can happen** (``ColdStartSignals``): a Lambda-like deployment serves
/// one request per instance at a time, reuses the most recently freed instance, and reclaims
/// one idle longer than its idle timeout. The client replays that from its own timings
/// (``idleTimeout`` when stated, else ``ColdStartSignals/defaultReclaimGap``): a request for
/// which the model has no free instance may be cold (the first requests of a run or of a burst
/// from idle, a concurrency step, an arrival spike, a request after the instances idled out),
/// and so may a request in the first moments of a load stage or one that opened a new
/// connection (a new user, or one back from idleness).
/// Requests started within ``coincidence`` of such a request count too: which of several
/// requests sent together gets the new instance is the deployment's choice. The other requests
/// are the **warm reference**. The replay runs twice: the second knows which requests were too
/// fast to have started an instance, and lets a stage's first second wait for the deployment
/// to catch up with a concurrency step (``ColdStartSignals/catchUpWindow``).
///
/// **Which of them were cold**: each expected request's latency is compared with the warm
/// median of its own stage (a phase under more load is slower warm). The split is the widest
/// gap among the expected requests' latencies, from the warm reference's 90th percentile up,
/// whose slow side is at least ``minimumRatio`` (4×) the warm median; it is accepted when the
/// cold group and the warm reference are well separated: **Ashman's D**,
/// `√2·|μ₁ − μ₀| / √(σ₀² + σ₁²)` of their log-latencies, at least ``minimumSeparation`` (3),
/// the gap at least ``minimumGap`` (2×) and the cold group's geometric mean at least
/// ``minimumRatio`` the warm one's. A warm request that stalls where no cold start could happen
/// is never called cold, however slow; a burst of cold starts is recognised even when it is
/// most of the run.
///
/// When the signals leave fewer than ``minimumReference`` requests as the warm reference (every
/// request came at a new concurrency: bursts from idle and nothing else), latency alone decides,
/// by the **natural break**: the widest gap between consecutive log-latencies with at most half
/// of the requests above it, accepted under the same three conditions.
///
/// When neither decides (fewer than ``minimumSamples`` served requests; no expected request
/// slower than warm; groups too close) the analysis is **undecided** and says why.
///
/// Its limits: a cold start the client cannot foresee (an instance recycled by the platform, or
/// one taken by another client of the same function) is called warm; a warm request stalled as
/// long as a cold start at the moment the client's concurrency rises is called cold; cold starts
/// less than 4× warm latency are not told. `Scenarios/load/README.md` gives its
/// figures against the emulation on a noisy machine (`ColdStartMatrixTests`).
public struct ColdStartClassifier: Sendable, Hashable, Codable {
    /// Which method to use.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// The header when every served request has it with a known value, else statistical.
        case automatic
        /// The header only; served requests without it count warm. Undecided when no served
        /// request has it, or when one has a value that is neither cold nor warm.
        case header
        /// The latency distribution only, ignoring any header.
        case statistical
    }

    /// The header that tells cold starts, compared case-insensitively by whoever fills
    /// ``ColdStartSample/coldStartHeader``.
    public var headerName: String
    /// Which method to use.
    public var mode: Mode
    /// The least Ashman's D between the two clusters for the statistical split to count.
    public var minimumSeparation: Double
    /// The least ratio of the fastest slow latency to the slowest fast one, across the break.
    public var minimumGap: Double
    /// The least ratio of the slow cluster's geometric-mean latency to the fast one's.
    public var minimumRatio: Double
    /// The fewest served requests for the statistical method to call any cold.
    public var minimumSamples: Int
    /// The response header carrying the request id that a Lambda log labels requests by
    /// (``LambdaReportLog``); nil to read none (the default: it costs a header lookup per request).
    public var requestIDHeader: String?
    /// The deployment's idle timeout, when stated (`--idle-timeout`): the statistical method's
    /// model of the deployment reclaims an instance idle this long. Unstated,
    /// ``ColdStartSignals/defaultReclaimGap``.
    public var idleTimeout: Duration?

    /// The header `events-api` returns the Lambda request id in, `X-Lambda-Request-Id` (the
    /// Runtime API's `Lambda-Runtime-Aws-Request-Id`).
    public static let defaultRequestIDHeader = "X-Lambda-Request-Id"

    /// The emulation's header, `X-Cold-Start`.
    public static let defaultHeaderName = "X-Cold-Start"

    /// Creates a classifier.
    /// - Parameters:
    ///   - headerName: The cold-start header (default `X-Cold-Start`).
    ///   - mode: Header, statistical, or header when present (the default).
    ///   - minimumSeparation: The least Ashman's D (default 3).
    ///   - minimumGap: The least ratio across the break (default 2).
    ///   - minimumRatio: The least slow-to-fast geometric-mean ratio (default 4).
    ///   - minimumSamples: The fewest served requests for a statistical split (default 10).
    ///   - requestIDHeader: The request-id header to read for a Lambda log, if any.
    ///   - idleTimeout: The deployment's idle timeout, if known.
    public init(
        headerName: String = ColdStartClassifier.defaultHeaderName,
        mode: Mode = .automatic,
        minimumSeparation: Double = 3,
        minimumGap: Double = 2,
        minimumRatio: Double = 4,
        minimumSamples: Int = 10,
        requestIDHeader: String? = nil,
        idleTimeout: Duration? = nil
    ) {
        self.headerName = headerName
        self.mode = mode
        self.minimumSeparation = minimumSeparation
        self.minimumGap = minimumGap
        self.minimumRatio = minimumRatio
        self.minimumSamples = minimumSamples
        self.requestIDHeader = requestIDHeader
        self.idleTimeout = idleTimeout
    }

    /// Classifies every sample.
    public func classify(_ samples: [ColdStartSample]) -> ColdStartClassification {
        switch self.mode {
        case .header:
            return self.byHeader(samples, census: ColdStartHeaderCensus(samples))
        case .statistical:
            return self.statistically(samples)
        case .automatic:
            let census = ColdStartHeaderCensus(samples)
            if census.decides { return self.byHeader(samples, census: census) }
            var classification = self.statistically(samples)
            classification.note = census.fallbackNote(headerName: self.headerName)
            return classification
        }
    }

    /// The header values that say cold (compared trimmed, in any case).
    public static let coldValues = ["true", "1", "yes", "cold"]
    /// The header values that say warm (compared trimmed, in any case).
    public static let warmValues = ["false", "0", "no", "warm"]

    /// What a header value says: true for cold (``coldValues``), false for warm
    /// (``warmValues``), nil for anything else.
    public static func reading(headerValue: String) -> Bool? {
        let value = headerValue.trimmingCharacters(in: .whitespaces).lowercased()
        if Self.coldValues.contains(value) { return true }
        if Self.warmValues.contains(value) { return false }
        return nil
    }

    /// Whether a header value says cold.
    public static func isCold(headerValue: String) -> Bool {
        Self.reading(headerValue: headerValue) == true
    }

    /// The header method: undecided when the header cannot decide (``ColdStartHeaderCensus``).
    func byHeader(_ samples: [ColdStartSample], census: ColdStartHeaderCensus) -> ColdStartClassification {
        if let reason = census.undecidable(headerName: self.headerName) {
            return ColdStartClassification(
                verdicts: samples.map { ColdStartVerdict.unserved($0) ?? .warm }, method: .header, undecided: reason)
        }
        let verdicts = samples.map { sample in
            ColdStartVerdict.unserved(sample) ?? (sample.coldStartHeader.map(Self.isCold(headerValue:)) == true ? .cold : .warm)
        }
        return ColdStartClassification(verdicts: verdicts, method: .header, confidence: 1)
    }

    /// The statistical method (see the type's documentation).
    func statistically(_ samples: [ColdStartSample]) -> ColdStartClassification {
        let servedPositions = samples.indices.filter { samples[$0].isServed }
        let enough = servedPositions.count >= max(2, self.minimumSamples)
        if enough, let guided = self.guided(samples, served: servedPositions) { return guided }
        let served = servedPositions.map { samples[$0] }
        let split = enough ? Self.naturalBreak(served.map(\.latency)) : nil
        let accepted = split.flatMap { split in
            split.separation >= self.minimumSeparation && exp(split.gap) >= self.minimumGap
                && exp(split.slowMean - split.fastMean) >= self.minimumRatio ? split : nil
        }
        let verdicts = samples.map { sample in
            ColdStartVerdict.unserved(sample) ?? (accepted.map { sample.latency >= $0.threshold } == true ? .cold : .warm)
        }
        var undecided: String?
        if served.isEmpty {
            undecided = nil  // nothing was served, so nothing was cold or warm
        } else if !enough {
            undecided = "only \(served.count) served request\(served.count == 1 ? "" : "s"); telling cold from warm by latency needs at least \(max(2, self.minimumSamples))"
        } else if let split, accepted == nil {
            undecided = "no separate slow group: separation D = \(Self.figure(split.separation)) (needs \(Self.figure(self.minimumSeparation))), "
                + "widest gap ×\(Self.figure(exp(split.gap))) (needs ×\(Self.figure(self.minimumGap))), "
                + "slow/fast ×\(Self.figure(exp(split.slowMean - split.fastMean))) (needs ×\(Self.figure(self.minimumRatio))): "
                + "all warm, all cold, or cold starts too short to tell by latency"
        } else if split == nil {
            undecided = "every request took the same time: all warm or all cold, latency cannot tell"
        }
        return ColdStartClassification(
            verdicts: verdicts,
            method: .statistical,
            threshold: accepted?.threshold,
            separation: split?.separation,
            confidence: accepted.map { Self.confidence(separation: $0.separation) },
            undecided: undecided
        )
    }

    /// 1 − Φ(−D/2): the share a midpoint split classifies right for two log-normal groups D apart.
    static func confidence(separation: Double) -> Double {
        guard separation.isFinite else { return 1 }
        return 1 - 0.5 * erfc(separation / 2 / 2.0.squareRoot())
    }

    static func figure(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "∞"
    }
}

// MARK: - The natural break

extension ColdStartClassifier {
    /// A two-class split of log-latencies.
    struct Split: Sendable, Hashable {
        /// At or above it, the slow class.
        var threshold: Duration
        /// Ashman's D of the two classes.
        var separation: Double
        /// The mean log-latency (ln µs) of the fast class.
        var fastMean: Double
        /// The mean log-latency (ln µs) of the slow class.
        var slowMean: Double
        /// The width of the break in log-latency: ln(fastest slow / slowest fast).
        var gap: Double
    }

    /// The widest gap of `latencies` on a log scale with at most half of them above it; nil
    /// when there are fewer than two distinct values.
    static func naturalBreak(_ latencies: [Duration]) -> Split? {
        let values = latencies.map { log(max(1, Self.microseconds($0))) }.sorted()
        let count = values.count
        guard count >= 2 else { return nil }
        var best: (index: Int, width: Double)?
        // Index `index` is the first slow value: at most half of the values are at or above it.
        for index in max(1, (count + 1) / 2)..<count {
            let width = values[index] - values[index - 1]
            if width > 0, width > (best?.width ?? 0) { best = (index, width) }
        }
        guard let best else { return nil }
        let (fastMean, fastVariance) = Self.meanAndVariance(values[..<best.index])
        let (slowMean, slowVariance) = Self.meanAndVariance(values[best.index...])
        let spread = (fastVariance + slowVariance).squareRoot()
        let midpoint = (values[best.index - 1] + values[best.index]) / 2
        return Split(
            threshold: .nanoseconds(Int64((exp(midpoint) * 1000).rounded(.up))),
            separation: spread > 0 ? 2.0.squareRoot() * (slowMean - fastMean) / spread : .infinity,
            fastMean: fastMean,
            slowMean: slowMean,
            gap: best.width
        )
    }

    /// The mean and the population variance of some values.
    static func meanAndVariance(_ values: ArraySlice<Double>) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance)
    }

    /// A duration in microseconds, fractional.
    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }
}
