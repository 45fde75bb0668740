/// Merging shards' results (`gauntlet merge`) into the result one process running the whole
/// plan would have had: histograms added bucket by bucket, counts summed, seconds of the time
/// series lined up by wall clock, the cold-start analysis run again over the union of the
/// requests. Merging is associative: merging merges equals merging the shards at once.
extension LoadResult {
    /// Whether every shard of the plan is in this result.
    public var coversEveryShard: Bool {
        guard let count = shards.first?.count else { return false }
        return Set(shards) == Set((0..<count).map { LoadShard(index: $0, count: count) })
    }

    /// The shards of the plan this result lacks.
    public var missingShards: [LoadShard] {
        guard let count = shards.first?.count else { return [] }
        return (0..<count).map { LoadShard(index: $0, count: count) }.filter { !shards.contains($0) }
    }

    /// Merges results of parts of one plan.
    /// - Parameters:
    ///   - parts: The results.
    ///   - names: Where each came from (a folder), to name the two that do not fit together.
    /// - Throws: ``LoadResultFileError`` when the parts are of different plans or shard counts,
    ///   or a shard is in two of them.
    public static func merging(_ parts: [LoadResult], names: [String] = []) throws(LoadResultFileError) -> LoadResult {
        try merging(parts, names: names, sampleLimit: LoadRecorder.sampleLimit)
    }

    /// ``merging(_:names:)`` keeping at most `sampleLimit` cold-start samples (the earliest), as
    /// one run keeps no more: the rest are counted as left out of the analysis.
    static func merging(_ parts: [LoadResult], names: [String], sampleLimit: Int) throws(LoadResultFileError) -> LoadResult {
        guard let first = parts.first else { throw LoadResultFileError("nothing to merge") }
        try checkCompatible(parts, names: names)
        let origin = parts.compactMap(\.wallClockStartNanos).min()
        let originSecond = origin.map { $0.floorDivided(by: 1_000_000_000) } ?? 0
        /// A part's offset from the merged start, nanoseconds.
        func offset(_ part: LoadResult) -> Int64 {
            guard let origin, let start = part.wallClockStartNanos else { return 0 }
            return start - origin
        }

        var total = RequestStats(name: "total")
        var byName = first.byName.map { RequestStats(name: $0.name) }
        var phases = PhaseLatencies()
        var seconds: [Int64: (point: TimeSeriesPoint, latency: LatencyRecorder)] = [:]
        var started = 0, completed = 0, sent = 0, late = 0, dropped = 0, leftBehind = 0, abandoned = 0
        var leftBehindLabels: [String] = []
        var unverified = 0
        var unverifiedLabels: [String] = []
        var end: Int64 = 0
        var arrivalsEnd: Int64?
        var samples: [ColdStartSample] = []
        var unanalysed = 0
        for part in parts {
            total.add(part.total)
            for index in byName.indices { byName[index].add(part.byName[index]) }
            phases.add(part.phases)
            started += part.iterationsStarted
            completed += part.iterationsCompleted
            sent += part.sent
            late += part.lateStarts
            dropped += part.dropped
            leftBehind += part.leftBehind
            abandoned += part.abandoned
            leftBehindLabels += part.leftBehindLabels
            unverified += part.unverified
            unverifiedLabels += part.unverifiedLabels
            end = max(end, offset(part) + part.elapsed.nanoseconds)
            if let window = part.arrivalWindow { arrivalsEnd = max(arrivalsEnd ?? 0, offset(part) + window.nanoseconds) }
            // Seconds are labelled by wall clock (whole seconds since 1970), so that any order of
            // merging puts a request's second in the same place.
            let partSecond = part.wallClockStartNanos.map { $0.floorDivided(by: 1_000_000_000) } ?? 0
            for point in part.timeSeries {
                let label = partSecond + Int64(point.second)
                var entry = seconds[label] ?? (
                    TimeSeriesPoint(second: Int(label - originSecond), completed: 0, errors: 0, p50Micros: 0, p99Micros: 0, maxMicros: 0),
                    LatencyRecorder())
                entry.point.completed += point.completed
                entry.point.errors += point.errors
                entry.point.started += point.started
                entry.point.dropped += point.dropped
                entry.point.inFlight += point.inFlight
                if point.spanSeconds > entry.point.spanSeconds { entry.point.span = point.span }
                if let buckets = point.latency { entry.latency.add(try buckets.recorder()) }
                seconds[label] = entry
            }
            if let input = part.coldStartInput {
                let shift = Duration.nanoseconds(offset(part))
                samples += input.samples.map { sample in
                    var sample = sample
                    sample.offset += shift
                    return sample
                }
                unanalysed += input.unanalysed
            }
        }
        // A merge of some shards plans their share of the arrivals.
        let mergedShards = parts.flatMap(\.shards).sorted()
        let share = coveredShare(mergedShards)
        let scheduler: OpenModelScheduler? =
            if case let .open(rate, stages) = first.model {
                OpenModelScheduler(rate: rate, stages: stages, duration: first.plannedDuration)
            } else { nil }
        // Parts whose series were coarsened (long loads) merge into spans as wide as theirs, and
        // the merge keeps no more points than a run (``TimeSeriesLimit``).
        let timeSeries = TimeSeriesLimit.bounded(seconds.keys.sorted().map { label in
            var (point, latency) = seconds[label]!
            point.summarize(latency)
            point.targetRate = scheduler.map { $0.rate(at: Double(point.second) + Double(point.spanSeconds) / 2) * share }
            return point
        })
        let coldStartInput = first.coldStartInput.map { input in
            // Ties broken on every field, so that any order of merging gives the same list.
            let sorted = samples.sorted {
                ($0.offset, $0.latency, $0.stage, $0.status ?? -1, $0.coldStartHeader ?? "", $0.requestID ?? "")
                    < ($1.offset, $1.latency, $1.stage, $1.status ?? -1, $1.coldStartHeader ?? "", $1.requestID ?? "")
            }
            // No more than one run keeps (the earliest, as a run keeps its first): otherwise each
            // merge of merges would add up its shards' samples without end.
            let kept = min(sorted.count, sampleLimit)
            return ColdStartInput(
                samples: Array(sorted.prefix(kept)), classifier: input.classifier, unanalysed: unanalysed + sorted.count - kept,
                log: Self.mergedLog(parts))
        }
        var merged = LoadResult(
            planName: first.planName, model: first.model, plannedDuration: first.plannedDuration,
            plannedIterations: first.plannedIterations, elapsed: .nanoseconds(end), total: total, byName: byName,
            phases: phases, timeSeries: timeSeries, iterationsStarted: started, iterationsCompleted: completed, sent: sent,
            targetRate: targetRate(of: first.model, duration: first.plannedDuration, shards: mergedShards), lateStarts: late, dropped: dropped,
            cancelled: parts.contains(where: \.cancelled), thresholds: first.thresholds,
            coldStarts: coldStartInput.map { input in
                ColdStartAnalysis(
                    samples: input.samples, classifier: input.classifier, stageNames: first.model.stageNames,
                    unanalysed: input.unanalysed, log: input.log, wallClockStartNanos: origin)
            })
        merged.leftBehind = leftBehind
        merged.abandoned = abandoned
        merged.leftBehindLabels = leftBehindLabels
        merged.unverified = unverified
        merged.unverifiedLabels = unverifiedLabels
        merged.arrivalWindow = arrivalsEnd.map(Duration.nanoseconds)
        // A shard that aborted stopped only itself; the merged load failed as soon as one did.
        merged.abort = parts.compactMap(\.abort).min { $0.atSeconds < $1.atSeconds }
        // A shard that did not start fails the merged load, as it failed its own: its share of
        // the plan never ran, and the other shards' numbers alone would pass.
        merged.notStarted = parts.sorted { ($0.shards.first ?? .whole) < ($1.shards.first ?? .whole) }
            .compactMap { part in
                part.notStarted.map { reason in
                    reason.hasPrefix("shard ") ? reason : "shard \(LoadShard.list(part.shards)): \(reason)"
                }
            }.first
        // Unreachable only when every shard that did not start was, and no shard got an answer.
        merged.setupUnanswered = merged.notStarted != nil
            && parts.allSatisfy { $0.notStarted == nil || $0.setupUnanswered }
            && !merged.total.gotAnAnswer
        merged.shards = mergedShards
        merged.wallClockStartNanos = origin
        merged.coldStartInput = coldStartInput
        // The lowest shard's command for each name, whatever the order of merging.
        for part in parts.sorted(by: { ($0.shards.first ?? .whole) > ($1.shards.first ?? .whole) }) {
            merged.reproductions.merge(part.reproductions) { _, new in new }
        }
        return merged
    }

    /// The parts' Lambda logs together (in the order of their lowest shards, so that any order
    /// of merging keeps the same record of an id), nil when none has one.
    static func mergedLog(_ parts: [LoadResult]) -> LambdaReportLog? {
        parts.sorted { ($0.shards.first ?? .whole) < ($1.shards.first ?? .whole) }
            .compactMap { $0.coldStartInput?.log }
            .reduce(nil) { merged, log in merged.map { $0.merging(log) } ?? log }
    }

    /// Refuses parts that are not of one plan, or that overlap.
    private static func checkCompatible(_ parts: [LoadResult], names: [String]) throws(LoadResultFileError) {
        let first = parts[0]
        func named(_ index: Int) -> String { names.indices.contains(index) ? " (\(names[index]))" : "" }
        var seen: [LoadShard: Int] = [:]
        for (index, part) in parts.enumerated() {
            let differences = planDifferences(first, part)
            guard differences.isEmpty else {
                throw LoadResultFileError(
                    "the results are of different plans: '\(first.planName)'\(named(0)) and '\(part.planName)'\(named(index)) differ in "
                        + differences.joined(separator: "; "))
            }
            guard part.thresholds.map(\.source) == first.thresholds.map(\.source) else {
                throw LoadResultFileError(
                    "the results were judged by different thresholds: \(first.thresholds.map(\.source))\(named(0)) and "
                        + "\(part.thresholds.map(\.source))\(named(index))")
            }
            for shard in part.shards {
                guard shard.count == first.shards[0].count else {
                    throw LoadResultFileError(
                        "shard \(shard)\(named(index)) and shard \(first.shards[0])\(named(0)) split the plan differently")
                }
                if let earlier = seen.updateValue(index, forKey: shard) {
                    throw LoadResultFileError("shard \(shard) is there twice\(named(earlier))\(named(index))")
                }
            }
        }
        try checkSameRun(parts, named: named)
    }

    /// The shards of one load run at the same time: parts whose spans of wall-clock time leave a
    /// gap between them are of different runs of the plan, and their merge would read as one load
    /// that never ran. The gap allowed is the longest part's span, and at least 5 s: shards a CI
    /// matrix starts some seconds apart without `--start-at` are one run, a run of the plan
    /// begun after another had long ended is not.
    private static func checkSameRun(_ parts: [LoadResult], named: (Int) -> String) throws(LoadResultFileError) {
        let spans = parts.enumerated().compactMap { index, part in
            part.wallClockStartNanos.map { (index: index, start: $0, end: $0 + part.elapsed.nanoseconds) }
        }.sorted { ($0.start, $0.index) < ($1.start, $1.index) }
        guard var reach = spans.first else { return }
        let skew = max(5_000_000_000, spans.map { $0.end - $0.start }.max() ?? 0)
        for span in spans.dropFirst() {
            if span.start > reach.end + skew {
                let gap = Double(span.start - reach.end) / 1e9
                throw LoadResultFileError(
                    "shard \(LoadShard.list(parts[span.index].shards))\(named(span.index)) began "
                        + "\(LoadFormat.number(gap, decimals: 1)) s after shard \(LoadShard.list(parts[reach.index].shards))"
                        + "\(named(reach.index)) had ended: they are of different runs (the shards of one load run at the same "
                        + "time; start them together with --start-at)")
            }
            if span.end > reach.end { reach = span }
        }
    }

    /// What tells two plans apart, each as `what: this vs that`; empty for one plan.
    private static func planDifferences(_ one: LoadResult, _ other: LoadResult) -> [String] {
        func duration(_ value: Duration?) -> String { value.map(\.formattedForLoad) ?? "none" }
        func iterations(_ value: Int?) -> String { value.map(String.init) ?? "none" }
        var differences: [String] = []
        if one.planName != other.planName { differences.append("name: '\(one.planName)' vs '\(other.planName)'") }
        if one.model != other.model { differences.append("model: \(one.model.description) vs \(other.model.description)") }
        if one.plannedDuration != other.plannedDuration {
            differences.append("duration: \(duration(one.plannedDuration)) vs \(duration(other.plannedDuration))")
        }
        if one.plannedIterations != other.plannedIterations {
            differences.append("iterations: \(iterations(one.plannedIterations)) vs \(iterations(other.plannedIterations))")
        }
        if one.byName.map(\.name) != other.byName.map(\.name) {
            differences.append(
                "requests: \(one.byName.map(\.name).joined(separator: ", ")) vs \(other.byName.map(\.name).joined(separator: ", "))")
        }
        return differences
    }
}

extension Int64 {
    /// Division rounding towards minus infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
