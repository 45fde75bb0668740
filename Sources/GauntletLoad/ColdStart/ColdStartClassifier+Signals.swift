import Foundation

// MARK: - Latency where the client expected cold starts

extension ColdStartClassifier {
    /// The fewest requests the client expected warm for them to serve as the warm reference.
    static let minimumReference = 5

    /// The signal-guided split (see the type's documentation): nil when the signals leave too
    /// few requests expected warm to compare with, and the natural break decides alone.
    func guided(_ samples: [ColdStartSample], served: [Int]) -> ColdStartClassification? {
        // Twice: the first replay tells what warm latency is; the second knows which requests
        // were too fast to have started an instance (``ColdStartSignals/replay(_:served:reclaimAfter:slow:stageStarts:)``).
        var signals = self.signals(samples, served: served)
        var expected: [Int] = []
        var reference: [Int] = []
        var baselines: [Int: Double] = [:]
        // Each request's log-latency over its stage's warm median: a phase under more load is
        // slower warm, and must not make its warm requests look cold.
        func level(_ position: Int) -> Double {
            log(max(1, Self.microseconds(samples[position].latency))) - (baselines[samples[position].stage] ?? baselines[-1]!)
        }
        for pass in 1...2 {
            expected = served.filter { signals.expected[$0] }
            reference = served.filter { !signals.expected[$0] }
            guard reference.count >= Self.minimumReference, !expected.isEmpty else { return nil }
            baselines = Self.warmBaselines(samples, reference: reference)
            guard pass == 1 else { break }
            var slow = Array(repeating: false, count: samples.count)
            for position in served { slow[position] = level(position) >= log(self.minimumRatio) }
            signals = self.signals(samples, served: served, slow: slow)
        }
        let referenceLevels = reference.map(level).sorted()
        // Warm, as the reference is: at most its 90th percentile above its median.
        let warmCeiling = max(0, referenceLevels[Int(Double(referenceLevels.count - 1) * 0.9)])
        let candidates = expected.map { (position: $0, level: level($0)) }.sorted { $0.level < $1.level }
        let minimumLevel = log(self.minimumRatio)
        // The widest gap between a warm-looking value (the ceiling, or an expected request at
        // or below the next) and an expected request at least `minimumRatio` slower than warm.
        var best: (lower: Double, upper: Double)?
        var below = warmCeiling
        for candidate in candidates {
            if candidate.level >= minimumLevel, candidate.level - below > (best.map { $0.upper - $0.lower } ?? 0) {
                best = (below, candidate.level)
            }
            below = max(below, candidate.level)
        }
        guard let best else {
            return self.undecided(
                samples,
                reason: "none of the \(expected.count) requests where a cold start could happen (at a new concurrency or after idleness) "
                    + "took ×\(Self.figure(self.minimumRatio)) warm latency: no cold starts, or ones too short to tell")
        }
        let threshold = (best.lower + best.upper) / 2
        let cold = candidates.filter { $0.level >= threshold }
        let coldLevels = ArraySlice(cold.map(\.level))
        let (coldMean, coldVariance) = Self.meanAndVariance(coldLevels)
        let (warmMean, warmVariance) = Self.meanAndVariance(ArraySlice(referenceLevels))
        let spread = (coldVariance + warmVariance).squareRoot()
        let separation = spread > 0 ? 2.0.squareRoot() * (coldMean - warmMean) / spread : .infinity
        let gap = best.upper - best.lower
        let overallBaseline = baselines[-1]!
        let thresholdLatency = Duration.nanoseconds(Int64((exp(threshold + overallBaseline) * 1000).rounded(.up)))
        guard separation >= self.minimumSeparation, exp(gap) >= self.minimumGap, exp(coldMean - warmMean) >= self.minimumRatio else {
            return self.undecided(
                samples, separation: separation,
                reason: "no separate slow group where cold starts could happen: separation D = \(Self.figure(separation)) "
                    + "(needs \(Self.figure(self.minimumSeparation))), widest gap ×\(Self.figure(exp(gap))) (needs ×\(Self.figure(self.minimumGap))), "
                    + "slow/warm ×\(Self.figure(exp(coldMean - warmMean))) (needs ×\(Self.figure(self.minimumRatio)))")
        }
        let coldPositions = Set(cold.map(\.position))
        let verdicts = samples.indices.map { position in
            ColdStartVerdict.unserved(samples[position]) ?? (coldPositions.contains(position) ? .cold : .warm)
        }
        return ColdStartClassification(
            verdicts: verdicts, method: .statistical, threshold: thresholdLatency, separation: separation,
            confidence: Self.confidence(separation: separation), expectedCold: expected.count)
    }

    /// Requests started within this of one the client expected cold are expected too (at
    /// least; the run's median latency when longer).
    static let coincidence: Duration = .milliseconds(20)

    /// Where the client expected cold starts among `samples`, `served` being the positions of
    /// the served ones (at least one); `slow`, when known, says per sample whether its latency
    /// could be a cold start's.
    func signals(_ samples: [ColdStartSample], served: [Int], slow: [Bool]? = nil) -> ColdStartSignals {
        let latencies = served.map { Self.microseconds(samples[$0].latency) }.sorted()
        let median = latencies[latencies.count / 2]
        let coincidence = max(Self.coincidence, .microseconds(Int64(median)))
        return ColdStartSignals(samples, idleTimeout: self.idleTimeout, coincidence: coincidence, slow: slow)
    }

    /// ln(median µs) of the reference's latency per stage with enough of it, and overall at -1.
    static func warmBaselines(_ samples: [ColdStartSample], reference: [Int]) -> [Int: Double] {
        func median(_ positions: [Int]) -> Double {
            let values = positions.map { Self.microseconds(samples[$0].latency) }.sorted()
            return log(max(1, values[values.count / 2]))
        }
        var baselines: [Int: Double] = [-1: median(reference)]
        for (stage, positions) in Dictionary(grouping: reference, by: { samples[$0].stage }) where positions.count >= Self.minimumReference {
            baselines[stage] = median(positions)
        }
        return baselines
    }

    /// An undecided analysis: every served request neither cold nor warm.
    func undecided(_ samples: [ColdStartSample], separation: Double? = nil, reason: String) -> ColdStartClassification {
        ColdStartClassification(
            verdicts: samples.map { ColdStartVerdict.unserved($0) ?? .warm }, method: .statistical, separation: separation,
            undecided: reason)
    }
}
