import GauntletJSON

/// Reads that check a write wait for it to show, as the contract suite's reads do
/// (`retry: { times: 5, interval: 200ms }`): a deployment whose reads lag its writes (DynamoDB's
/// default reads, `events-api --read-lag 300ms`) is correct, and a read that does not show a
/// write yet is no finding and nothing left behind.
extension Fuzzer {
    /// Reads after the first, 200 ms apart: about a second in all.
    static let settlingRetries = 5
    static let settlingInterval: Duration = .milliseconds(200)

    /// Sends `request` until `settled` holds of its answer, at most ``settlingRetries`` more
    /// times; the last answer. An answer that is no answer at all ends the wait.
    func settledRead(_ request: FuzzRequest, until settled: (Answer) -> Bool) async throws(Stop) -> Answer {
        var answer = try await send(request)
        var retries = 0
        while !settled(answer), answer.response != nil, retries < Self.settlingRetries {
            retries += 1
            try? await Task.sleep(for: Self.settlingInterval)
            answer = try await send(request)
        }
        return answer
    }

    /// Waits until what a create just made at `path` can be read, so that the writes and reads
    /// that follow address it; gives up on a kind whose creates never show within the bound
    /// (a deployment that forgets them: ``FuzzCheck/ensureResourceAvailability`` says so), so
    /// that its later creates do not wait too. Returns the item the read showed, when it did.
    @discardableResult
    func awaitVisible(_ path: String, of kind: ResourceKind) async throws(Stop) -> JSONValue? {
        guard kind.read != nil, !unsettledKinds.contains(kind.itemPath) else { return nil }
        let answer = try await settledRead(FuzzRequest(method: "GET", path: path)) { $0.status.map { $0 / 100 == 2 } ?? true }
        guard let status = answer.status, status / 100 == 2 else {
            if answer.status != nil { unsettledKinds.insert(kind.itemPath) }
            return nil
        }
        readableKinds.insert(kind.itemPath)
        return answer.json
    }

    /// Whether `write`, which was just rejected and seemed to change its resource, leaves it as
    /// it was when sent again once reads agree: a lagging read may have shown the state before an
    /// earlier accepted write as "before". A deployment that does change what it rejects changes
    /// it again, and the read that waits for the old state never sees it. True too when the
    /// second look cannot tell (nothing to read before it, the write not rejected again): a
    /// finding needs evidence of a change, and an unsettled look is none.
    func unchangedOnceSettled(_ write: FuzzRequest) async throws(Stop) -> Bool {
        let read = FuzzRequest(method: "GET", path: write.path)
        var before = try await snapshot(write.path)
        for _ in 0..<Self.settlingRetries {
            try? await Task.sleep(for: Self.settlingInterval)
            let again = try await snapshot(write.path)
            if again == before { break }
            before = again
        }
        guard let before, let status = try await send(write).status, status / 100 == 4 else { return true }
        return try await settledRead(read) { $0.json == before }.json == before
    }

    /// The cleanup's check that each of `paths` is gone: reads them in rounds, ``settlingInterval``
    /// apart, until each answers 404 or 410 or the rounds run out; the last answer of each.
    func settledGone(_ paths: [String]) async -> [String: Answer] {
        var answers: [String: Answer] = [:]
        var pending = paths
        for round in 0...Self.settlingRetries where !pending.isEmpty {
            if round > 0 { try? await Task.sleep(for: Self.settlingInterval) }
            var still: [String] = []
            for path in pending {
                let answer = await sendUnbounded(FuzzRequest(method: "GET", path: path))
                answers[path] = answer
                // Gone, or not answering at all: waiting will not change what it says.
                if let status = answer.status, status != 404, status != 410, status < 500 { still.append(path) }
            }
            pending = still
        }
        return answers
    }
}
