/// What the client knows of each request besides its latency, for telling cold starts: whether
/// the deployment could have had a warm instance free for it.
///
/// A Lambda-like deployment serves one request per instance at a time, hands a request the most
/// recently used free instance, starts a new (cold) one when none is free, and reclaims an
/// instance idle longer than its idle timeout. The client replays that from its own timings:
/// each request takes a modelled instance from its start to its end, and a request for which
/// the model has none free is *expected* cold: the first requests of a run or of a burst from
/// idle, a concurrency step, an arrival spike, a request after the instances idled out. The
/// client's TCP connections say nothing here: behind API Gateway they end at the gateway, not at
/// an instance.
///
/// The client's view lags the deployment's a little (which of several requests sent together
/// gets the new instance is the deployment's choice), so requests started close to an expected
/// one are expected too; ``ColdStartClassifier`` then lets latency decide among them.
struct ColdStartSignals: Sendable, Hashable {
    /// Per request, in the samples' order: the client could have needed a new instance for it.
    /// False for requests no instance served.
    var expected: [Bool]

    /// How many served requests the signals expected cold.
    var expectedCount: Int { self.expected.count { $0 } }

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
        let reclaimAfter = Self.nanos(idleTimeout ?? Self.defaultReclaimGap)
        let served = samples.indices.filter { samples[$0].isServed }.sorted { samples[$0].offset < samples[$1].offset }
        // Ends in time order; at the same instant an end comes before a start (the response,
        // then the next request on the freed instance).
        let ends = served.map { Self.nanos(samples[$0].offset) + Self.nanos(samples[$0].latency) }.sorted()
        var expected = Array(repeating: false, count: samples.count)
        // Free modelled instances by when they were last used, oldest first: pushed as requests
        // end (in time order), taken from the back (most recently used), reclaimed from the front.
        var free: [Int64] = []
        var oldest = 0
        var nextEnd = 0
        for position in served {
            let start = Self.nanos(samples[position].offset)
            while nextEnd < ends.count, ends[nextEnd] <= start {
                free.append(ends[nextEnd])
                nextEnd += 1
            }
            while oldest < free.count, free[oldest] < start - reclaimAfter { oldest += 1 }
            if oldest < free.count {
                free.removeLast()
            } else {
                expected[position] = true
            }
            if oldest > 4_096, oldest * 2 > free.count {
                free.removeFirst(oldest)
                oldest = 0
            }
        }
        // Widen each expected request to the requests started with it.
        let width = Self.nanos(coincidence)
        let expectedStarts = served.filter { expected[$0] }.map { Self.nanos(samples[$0].offset) }
        var next = 0
        for position in served where !expected[position] {
            let start = Self.nanos(samples[position].offset)
            while next < expectedStarts.count, expectedStarts[next] < start - width { next += 1 }
            if next < expectedStarts.count, expectedStarts[next] <= start + width { expected[position] = true }
        }
        self.expected = expected
    }

    private static func nanos(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
