import GauntletHTTP

/// What one event loop measured, kept apart from the loop that decides what to send: the loop
/// reports each event (an iteration started or dropped, a request ended), the recorder keeps
/// latency histograms and status tallies per request name, phase timings, per-second slices for
/// the progress line and, when a cold-start analysis was asked for, one sample per request.
///
/// Confined to its loop's thread, like the loop.
///
/// Its stored properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`),
/// as `SocketTransferLoop`'s do: it lives on one thread and is never re-entered while one of
/// them is being modified, and the checks cost the load loop several per request.
final class LoadRecorder {
    /// The most requests a whole run keeps a ``ColdStartSample`` of (about 70 MB while it runs;
    /// in `load-result.json`, 43 MB of columns: `gauntlet merge` of such a file peaks at 0.53 GB,
    /// 1.28 GB with one object per sample before). The
    /// limit is the run's, shared by its loops (``sampleLimit(loops:)``), and a merge keeps no
    /// more, so that neither `loops:` nor shards multiply it.
    static let sampleLimit = 1_000_000

    /// One loop's share of ``sampleLimit`` when `loops` loops share a run: before, each loop
    /// kept a million, and `loops: 3` at 60,000 req/s peaked at 2.8 GB and wrote a 322 MB
    /// `load-result.json`.
    static func sampleLimit(loops: Int) -> Int { max(1, sampleLimit / max(1, loops)) }

    /// Per request name, in the plan's order.
    @exclusivity(unchecked)
    private(set) var byRequest: [RequestStats]
    /// Connect, TLS, time to first byte, transfer and start delay.
    @exclusivity(unchecked)
    private(set) var phases = PhaseLatencies()
    /// One per request, for the cold-start analysis; empty unless it was asked for.
    @exclusivity(unchecked)
    private(set) var samples: [ColdStartSample] = []
    /// Requests beyond ``samplesKept``, left out of the analysis.
    @exclusivity(unchecked)
    private(set) var unsampled = 0
    /// The most samples this loop keeps: its share of the run's ``sampleLimit``.
    let samplesKept: Int
    /// Whether each request is kept as a ``ColdStartSample``.
    let keepsSamples: Bool
    /// Whether each per-second slice carries the measurements so far per request name, for
    /// thresholds that may abort the load (a copy once a second, off the per-request path).
    let keepsTotals: Bool
    /// Statuses by request name, folded into ``byRequest`` at the end (cheaper than a dictionary
    /// per request).
    @exclusivity(unchecked)
    private var statusTallies: [StatusTally]
    /// HTTP versions by request name, folded into ``byRequest`` like the statuses.
    @exclusivity(unchecked)
    private var versionTallies: [HTTPVersionTally]
    @exclusivity(unchecked)
    private var interval: IntervalSlice
    @exclusivity(unchecked)
    private var intervalLatency = LatencyRecorder()
    private let live: LoadLiveStats?

    /// - Parameters:
    ///   - names: The plan's request names.
    ///   - loop: The loop's number, for its per-second slices.
    ///   - keepsSamples: Whether to keep a sample per request for the cold-start analysis.
    ///   - keepsTotals: Whether each slice carries the measurements so far (``IntervalSlice/requestTotals``).
    ///   - live: Where per-second slices go, if anywhere.
    ///   - samplesKept: The most samples kept: the loop's share of the run's ``sampleLimit``.
    init(
        names: [String], loop: Int, keepsSamples: Bool, keepsTotals: Bool = false, live: LoadLiveStats?,
        samplesKept: Int = LoadRecorder.sampleLimit
    ) {
        byRequest = names.map { RequestStats(name: $0) }
        statusTallies = Array(repeating: StatusTally(), count: names.count)
        versionTallies = Array(repeating: HTTPVersionTally(), count: names.count)
        interval = IntervalSlice(loop: loop, second: 0)
        self.keepsSamples = keepsSamples
        self.keepsTotals = keepsTotals && live != nil
        self.live = live
        self.samplesKept = samplesKept
    }

    /// Iterations started (or dropped: they count as started).
    func started(_ count: Int) { interval.started += count }

    /// Open-model arrivals dropped because every transfer slot was busy.
    func dropped(_ count: Int) { interval.dropped += count }

    /// How late an iteration started after its intended time.
    func startDelay(nanos: UInt64) { phases.startDelay.record(nanos: nanos) }

    /// A step that failed without a request (a placeholder that could not be filled).
    /// - Parameter example: What went wrong, kept if it is the first failure of `kind`.
    func failedUnsent(position: Int, kind: String, example: @autoclosure () -> String) {
        if lacksExample(position: position, kind: kind) { noteExample(position: position, kind: kind, text: example()) }
        byRequest[position].errors += 1
        byRequest[position].errorCounts[kind, default: 0] += 1
        interval.errors += 1
    }

    /// Whether no failure of `kind` has an example yet for the request name at `position`: asked
    /// only of a failed request, so that an example is worded only for the first of its kind.
    func lacksExample(position: Int, kind: String) -> Bool {
        byRequest[position].errorExamples[kind] == nil
    }

    /// Keeps `text` as the example of failure `kind` for the request name at `position`.
    func noteExample(position: Int, kind: String, text: String) {
        byRequest[position].errorExamples[kind] = text
    }

    /// A request that ended.
    /// - Parameters:
    ///   - position: Its request name's position.
    ///   - latency: Nanoseconds from its intended start (open model) or from its send (otherwise).
    ///   - serviceTime: Nanoseconds from its send.
    ///   - outcome: What the transport reported.
    ///   - failure: The kind of failure to count, or nil when it passed.
    ///   - due: When it was due, nanoseconds from the common start (for the cold-start timeline).
    ///   - stage: The open-model ramp stage or phase its iteration started in.
    func completed(
        position: Int, latency: UInt64, serviceTime: UInt64, outcome: LoadCompletion, failure: String?, due: UInt64,
        stage: Int
    ) {
        // A request that never reached the wire has no latency (``LoadCompletion/wasSent``).
        let sent = outcome.wasSent
        // In place: a copy of the stats would copy their histograms' counts on every request.
        Self.record(
            into: &byRequest[position], latency: latency, serviceTime: serviceTime, sent: sent, bytes: outcome.bodyBytes,
            failure: failure)
        if let status = outcome.answeredStatus { statusTallies[position].count(status) }
        if let version = outcome.httpVersion { versionTallies[position].count(version) }
        byRequest[position].connectionsOpened += outcome.newConnections
        byRequest[position].resent += outcome.resent
        if outcome.connectMicros > 0 { phases.connect.record(micros: outcome.connectMicros) }
        if outcome.tlsMicros > 0 { phases.tls.record(micros: outcome.tlsMicros) }
        if outcome.failureKind == nil {
            phases.timeToFirstByte.record(micros: outcome.timeToFirstByteMicros)
            phases.transfer.record(micros: outcome.transferMicros)
        }
        if keepsSamples { keepSample(latency: latency, outcome: outcome, due: due, stage: stage) }
        if sent { intervalLatency.record(nanos: latency) }
        interval.completed += 1
        if failure != nil { interval.errors += 1 }
    }

    /// Counts one request in `stats`, and its latency and service time when it was `sent`.
    static func record(
        into stats: inout RequestStats, latency: UInt64, serviceTime: UInt64, sent: Bool, bytes: Int, failure: String?
    ) {
        if sent {
            stats.latency.record(nanos: latency)
            stats.serviceTime.record(nanos: serviceTime)
        } else {
            stats.unsent += 1
        }
        stats.count += 1
        stats.bytesReceived += bytes
        if let failure {
            stats.errors += 1
            stats.errorCounts[failure, default: 0] += 1
        }
    }

    /// Keeps what the cold-start analysis needs of one request: the sent and timed-out flags
    /// only when they say something (false, true), so that a result file of a million requests
    /// stays small.
    private func keepSample(latency: UInt64, outcome: LoadCompletion, due: UInt64, stage: Int) {
        guard samples.count < samplesKept else {
            unsampled += 1
            return
        }
        samples.append(
            ColdStartSample(
                offset: .nanoseconds(Int64(due)), latency: .nanoseconds(Int64(latency)),
                status: outcome.status, coldStartHeader: outcome.capturedHeader, stage: stage,
                requestID: outcome.requestID, newConnection: outcome.connectMicros > 0,
                wasSent: outcome.wasSent ? nil : false, timedOut: outcome.failureKind == .timeout ? true : nil))
    }

    /// Closes the per-second slices that ended before `now`.
    func advance(to now: UInt64, inFlight: Int) {
        let second = Int(now / 1_000_000_000)
        while interval.second < second { flushInterval(inFlight: inFlight) }
    }

    /// Closes the last slice and folds the status tallies in.
    func finish(inFlight: Int) {
        interval.coversWholeSecond = false
        flushInterval(inFlight: inFlight)
        for position in statusTallies.indices {
            statusTallies[position].fold(into: &byRequest[position].statusCounts)
            statusTallies[position] = StatusTally()
            versionTallies[position].fold(into: &byRequest[position].httpVersionCounts)
        }
    }

    /// The measurements per request name so far, with the statuses tallied since the start.
    private func totalsSoFar() -> [RequestStats] {
        var totals = byRequest
        for position in totals.indices {
            var tally = statusTallies[position]
            tally.fold(into: &totals[position].statusCounts)
            var versions = versionTallies[position]
            versions.fold(into: &totals[position].httpVersionCounts)
        }
        return totals
    }

    private func flushInterval(inFlight: Int) {
        interval.inFlight = inFlight
        if interval.completed > 0 {
            interval.latency = intervalLatency
            intervalLatency.reset()
        }
        if keepsTotals { interval.requestTotals = totalsSoFar() }
        live?.submit(interval)
        interval = IntervalSlice(loop: interval.loop, second: interval.second + 1)
    }
}
