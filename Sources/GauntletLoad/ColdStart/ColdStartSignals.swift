/// What the client knows of each request besides its latency, for telling cold starts: whether
/// the deployment could have had a warm instance free for it.
///
/// A Lambda-like deployment serves one request per instance at a time, hands a request the most
/// recently used free instance, starts a new (cold) one when none is free, and reclaims an
/// instance idle longer than its idle timeout. The client replays that from its own timings:
/// each request takes a modelled instance from its start to its end, and a request for which
/// the model has none free is *expected* cold: the first requests of a run or of a burst from
/// idle, a concurrency step, an arrival spike, a request after the instances idled out. A
/// request in the first 30 ms of a load stage is expected too (a step's new users, and which of
/// the old and the new get the spare instances, is a matter of a few request cycles), and so is a
/// request that opened a new connection: it is a new user's first (a step) or
/// one after idleness, and whether the deployment had an instance to spare at that moment is
/// finer than the client's timings tell. (Connections themselves do not map to instances:
/// behind API Gateway they end at the gateway.)
///
/// The client's view lags the deployment's a little (which of several requests sent together
/// gets the new instance is the deployment's choice), so requests started close to an expected
/// one are expected too; ``ColdStartClassifier`` then lets latency decide among them.
struct ColdStartSignals: Sendable, Hashable {
    /// Per request, in the samples' order: the client could have needed a new instance for it.
    /// False for requests no instance served.
    var expected: [Bool]

    /// How long a modelled instance may idle before it counts as reclaimed when the deployment's
    /// idle timeout is not stated: as short as the emulation's. Against AWS (instances live for
    /// minutes) it only widens where a cold start may be, and latency decides there.
    static let defaultReclaimGap: Duration = .seconds(1)

    /// Derives the signals of `samples`.
    /// - Parameters:
    ///   - samples: The run's requests, in any order.
    ///   - idleTimeout: The deployment's idle timeout if stated (`--idle-timeout`); otherwise
    ///     ``defaultReclaimGap``.
    ///   - coincidence: Requests started this close to an expected one are expected too: which of
    ///     several requests sent together gets the new instance is the deployment's choice.
    ///   - slow: Per sample, whether its latency is long enough to be a cold start's; nil when
    ///     not known yet (every request the model has no instance for then starts one).
    init(_ samples: [ColdStartSample], idleTimeout: Duration?, coincidence: Duration, slow: [Bool]? = nil) {
        let reclaimAfter = (idleTimeout ?? Self.defaultReclaimGap).nanoseconds
        let served = samples.indices.filter { samples[$0].isServed }.sorted { samples[$0].offset < samples[$1].offset }
        var expected = Array(repeating: false, count: samples.count)
        var stageSpans: [Int: (first: Int64, last: Int64)] = [:]
        for position in served {
            let start = samples[position].offset.nanoseconds
            let span = stageSpans[samples[position].stage] ?? (start, start)
            stageSpans[samples[position].stage] = (min(span.first, start), max(span.last, start))
        }
        let replayed = Self.replay(
            samples, served: served, reclaimAfter: reclaimAfter, slow: slow, stageStarts: stageSpans.mapValues(\.first))
        for position in replayed { expected[position] = true }
        // A stage's first moments: a step's new users, and which requests of the old and the new
        // get the deployment's spare instances, are a matter of a few request cycles.
        // (Only a stage that goes on sending: a burst's requests all start at once, and the
        // replay tells exactly which of them find no instance.)
        for position in served {
            let span = stageSpans[samples[position].stage]!
            guard span.last - span.first >= 4 * Self.stageOnset else { continue }
            if samples[position].offset.nanoseconds - span.first < Self.stageOnset { expected[position] = true }
        }
        for position in served where samples[position].newConnection == true {
            // A new connection is a new user (a concurrency step) or one back from idleness:
            // how close the deployment was to needing an instance then, the client cannot see.
            expected[position] = true
        }
        // Widen each expected request to the requests started with it.
        let width = coincidence.nanoseconds
        let expectedStarts = served.filter { expected[$0] }.map { samples[$0].offset.nanoseconds }
        var next = 0
        for position in served where !expected[position] {
            let start = samples[position].offset.nanoseconds
            while next < expectedStarts.count, expectedStarts[next] < start - width { next += 1 }
            if next < expectedStarts.count, expectedStarts[next] <= start + width { expected[position] = true }
        }
        self.expected = expected
    }

    /// How long after its first request a stage counts as starting, in ns: requests then may
    /// be cold.
    static let stageOnset: Int64 = 30_000_000

    /// How long into a stage the deployment may take to need the instances the client's
    /// concurrency calls for. At a concurrency step the new users' first requests often find an
    /// instance free (each user spends part of its cycle in the client and on the wire), and the
    /// new instances start when the deployment's own concurrency catches up, a few hundred
    /// milliseconds later (0.73 s measured against the emulation). Past this, the deployment
    /// evidently had the instances the model did not see.
    static let catchUpWindow: Int64 = 1_000_000_000

    /// The served requests (in offset order) for which a replay of the deployment's instances
    /// finds none free, each request holding one from its start to its end, or which start while
    /// the deployment is catching up with the client's concurrency.
    ///
    /// Without `slow`, every request that finds no instance free starts one. With it, one in a
    /// stage's first ``catchUpWindow`` that found none but was fast was served by an instance the
    /// model did not see free (the client's timings overstate the deployment's concurrency): it
    /// adds none, and until slow requests start the instances the client's concurrency calls for
    /// (or the window ends), every request may be the cold one.
    /// - Parameters:
    ///   - stageStarts: Each stage's first request, in ns from the load's start.
    static func replay(
        _ samples: [ColdStartSample], served: [Int], reclaimAfter: Int64, slow: [Bool]? = nil, stageStarts: [Int: Int64] = [:]
    ) -> [Int] {
        let holds = served.map { position -> (position: Int, from: Int64, until: Int64) in
            let start = samples[position].offset.nanoseconds
            return (position, start, start + samples[position].latency.nanoseconds)
        }
        // Ends in time order; at the same instant an end comes before a start (the response,
        // then the next request on the freed instance).
        let ends = holds.map { (until: $0.until, position: $0.position) }.sorted { $0.until < $1.until }
        var cold: [Int] = []
        // Free instances by when they were last used, oldest first: pushed as holds end (in
        // time order), taken from the back (most recently used), reclaimed from the front.
        var free: [Int64] = []
        var oldest = 0
        var nextEnd = 0
        // Requests served by an instance the model did not see (fast, though none was free), and
        // how many of them stand for an instance a slow request has started since.
        var unseen = Array(repeating: false, count: samples.count)
        var unseenInFlight = 0
        var started = 0
        for hold in holds {
            while nextEnd < ends.count, ends[nextEnd].until <= hold.from {
                let end = ends[nextEnd]
                nextEnd += 1
                guard unseen[end.position] else {
                    free.append(end.until)
                    continue
                }
                unseenInFlight -= 1
                if started > 0 {
                    // The instance a slow request started in its stead: the model's now.
                    started -= 1
                    free.append(end.until)
                }
            }
            while oldest < free.count, free[oldest] <= hold.from - reclaimAfter { oldest += 1 }
            let stageStart = stageStarts[samples[hold.position].stage] ?? hold.from
            let mayCatchUp = slow != nil && hold.from - stageStart <= catchUpWindow
            // Past the window, the deployment had the instances all along: the unseen are the model's.
            started = mayCatchUp ? min(started, unseenInFlight) : unseenInFlight
            let catchingUp = unseenInFlight > started
            let isSlow = slow?[hold.position] ?? true
            if oldest < free.count {
                free.removeLast()
                // Slow while the deployment catches up: it started an instance an unseen request
                // stands for (the free one the model gave it was that request's, in truth).
                if catchingUp, isSlow { started += 1 }
                if catchingUp { cold.append(hold.position) }
            } else {
                cold.append(hold.position)
                if !isSlow, mayCatchUp {
                    unseen[hold.position] = true
                    unseenInFlight += 1
                }
            }
            if oldest > 4_096, oldest * 2 > free.count {
                free.removeFirst(oldest)
                oldest = 0
            }
        }
        return cold
    }
}
