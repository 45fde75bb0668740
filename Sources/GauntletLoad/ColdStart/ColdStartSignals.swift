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
    init(_ samples: [ColdStartSample], idleTimeout: Duration?, coincidence: Duration) {
        let reclaimAfter = (idleTimeout ?? Self.defaultReclaimGap).nanoseconds
        let served = samples.indices.filter { samples[$0].isServed }.sorted { samples[$0].offset < samples[$1].offset }
        var expected = Array(repeating: false, count: samples.count)
        for position in Self.replay(samples, served: served, reclaimAfter: reclaimAfter) { expected[position] = true }
        // A stage's first moments: a step's new users, and which requests of the old and the new
        // get the deployment's spare instances, are a matter of a few request cycles.
        // (Only a stage that goes on sending: a burst's requests all start at once, and the
        // replay tells exactly which of them find no instance.)
        var stageSpans: [Int: (first: Int64, last: Int64)] = [:]
        for position in served {
            let start = samples[position].offset.nanoseconds
            let span = stageSpans[samples[position].stage] ?? (start, start)
            stageSpans[samples[position].stage] = (min(span.first, start), max(span.last, start))
        }
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

    /// The served requests (in offset order) for which a replay of the deployment's instances
    /// finds none free, each request holding one from its start to its end.
    static func replay(_ samples: [ColdStartSample], served: [Int], reclaimAfter: Int64) -> [Int] {
        let holds = served.map { position -> (position: Int, from: Int64, until: Int64) in
            let start = samples[position].offset.nanoseconds
            return (position, start, start + samples[position].latency.nanoseconds)
        }
        // Ends in time order; at the same instant an end comes before a start (the response,
        // then the next request on the freed instance).
        let ends = holds.map(\.until).sorted()
        var cold: [Int] = []
        // Free instances by when they were last used, oldest first: pushed as holds end (in
        // time order), taken from the back (most recently used), reclaimed from the front.
        var free: [Int64] = []
        var oldest = 0
        var nextEnd = 0
        for hold in holds {
            while nextEnd < ends.count, ends[nextEnd] <= hold.from {
                free.append(ends[nextEnd])
                nextEnd += 1
            }
            while oldest < free.count, free[oldest] <= hold.from - reclaimAfter { oldest += 1 }
            if oldest < free.count {
                free.removeLast()
            } else {
                cold.append(hold.position)
            }
            if oldest > 4_096, oldest * 2 > free.count {
                free.removeFirst(oldest)
                oldest = 0
            }
        }
        return cold
    }
}
