import GauntletHTTP
import Testing

@Suite("SocketTransferLoop takes pushed requests and waits for completions or a deadline")
struct SocketTransferLoopTests {
    @Test("Requests pushed beyond maxConnections wait for a connection, and each is reported once", .timeLimit(.minutes(1)))
    func pushedRequestsQueueBehindTheConnectionCap() async throws {
        try await withRawServer(.keepAlive) { server in
            let loop = try SocketTransferLoop(maxConnections: 2)
            defer { loop.close() }
            let url = "http://127.0.0.1:\(server.port)/"
            let completions = try pushAndDrain(loop, Array(repeating: RenderedRequest(url: url), count: 20))
            #expect(completions.count == 20)
            #expect(Set(completions.map(\.tag)) == Set(0..<20))
            #expect(completions.allSatisfy { $0.status == 200 && $0.bodyBytes == 2 })
            #expect(mostInFlight(completions) <= 2)
            #expect(server.acceptedConnections <= 2)
            #expect(loop.outstanding == 0)
        }
    }

    @Test("A poll returns as soon as a transfer ends, long before its deadline", .timeLimit(.minutes(1)))
    func pollReturnsOnACompletion() async throws {
        try await withRawServer(.keepAlive) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            loop.start(RenderedRequest(url: "http://127.0.0.1:\(server.port)/"), tag: 7)
            var tags: [UInt64] = []
            let began = LoadInstant.now
            while tags.isEmpty, LoadInstant.now - began < .seconds(30) {
                try loop.poll(until: began + .seconds(30)) { tags.append($0.tag) }
            }
            #expect(tags == [7])
            #expect(LoadInstant.now - began < .seconds(10))
        }
    }

    @Test("With nothing in flight, a poll sleeps until its deadline and no longer", .timeLimit(.minutes(1)))
    func pollWithNothingInFlightSleepsToTheDeadline() throws {
        let loop = try SocketTransferLoop(maxConnections: 1)
        defer { loop.close() }
        let deadline = LoadInstant.now + .milliseconds(30)
        try loop.poll(until: deadline) { _ in Issue.record("no completion expected") }
        let woke = LoadInstant.now
        #expect(woke >= deadline)
        #expect(woke - deadline < .milliseconds(500))  // gross: shared, busy machines
    }

    @Test("A refused connection is reported by a poll, never by start", .timeLimit(.minutes(1)))
    func failuresArriveThroughPoll() async throws {
        try await withRefusingPort { port in
            let loop = try SocketTransferLoop(maxConnections: 4)
            defer { loop.close() }
            let completions = try pushAndDrain(loop, Array(repeating: RenderedRequest(url: "http://127.0.0.1:\(port)/"), count: 3))
            #expect(completions.count == 3)
            #expect(completions.allSatisfy { $0.failureKind == .connectFailed })
        }
    }

    @Test("An answer whose body broke keeps the protocol it came in, as its status is kept", .timeLimit(.minutes(1)))
    func brokenBodyKeepsItsProtocol() async throws {
        try await withRawServer(.truncate) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let completions = try pushAndDrain(loop, [RenderedRequest(url: "http://127.0.0.1:\(server.port)/")])
            #expect(completions.count == 1)
            #expect(completions.first?.failureKind == .truncated)
            #expect(completions.first?.httpVersion == .http1_1, "a load's protocol line counts it beside its status")
        }
    }

    @Test("A load request that keeps its answer fails when the connection closes in its headers; one that keeps none reads the status", .timeLimit(.minutes(1)))
    func headersCutShortUnderLoad() async throws {
        try await withRawServer(.answerThenClose(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".utf8))) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let url = "http://127.0.0.1:\(server.port)/"
            let completions = try pushAndDrain(loop, [RenderedRequest(url: url, keepsResponse: true), RenderedRequest(url: url)])
            let kept = try #require(completions.first { $0.tag == 0 })
            #expect(kept.failureKind == .truncated)
            guard case .failure(let error) = kept.outcome else { return }
            #expect(error.answeredStatus == 200)
            // Without a header callback (the load's cheapest path) only the status is known.
            #expect(completions.first { $0.tag == 1 }?.status == 200)
        }
    }

    @Test("A failed transfer's description names the request it was, among different ones", .timeLimit(.minutes(1)))
    func failuresNameTheirRequest() async throws {
        try await withRefusingPort { port in
            let loop = try SocketTransferLoop(maxConnections: 2)
            defer { loop.close() }
            let paths = ["/events/a", "/events/b", "/health"]
            let completions = try pushAndDrain(loop, paths.map { RenderedRequest(url: "http://127.0.0.1:\(port)\($0)") })
            #expect(completions.count == 3)
            for completion in completions {
                guard case .failure(let error) = completion.outcome else {
                    Issue.record("tag \(completion.tag) did not fail")
                    continue
                }
                #expect(error.description.hasPrefix("GET http://127.0.0.1:\(port)\(paths[Int(completion.tag)]) could not connect"))
            }
        }
    }

    @Test("With HTTP/2, connections are capped at what carries every transfer at the streams per connection", arguments: [
        (HTTPVersion.http2, 2, 8, 4), (.http2, 3, 8, 3), (.http2, 50, 200, 4), (.http2, 100, 5, 1), (.http2, 0, 8, 8),
        (.http2, 1, 50, 50), (.http1_1, 2, 8, 8),
    ])
    func connectionLimit(version: HTTPVersion, streams: Int, inFlight: Int, connections: Int) throws {
        var options = TransferOptions(httpVersion: version)
        options.streamsPerConnection = streams
        let loop = try SocketTransferLoop(maxConnections: inFlight, options: options)
        defer { loop.close() }
        #expect(loop.connectionLimit == connections)
    }

    @Test("Stalled requests end at the loop's timeout, as completions", .timeLimit(.minutes(1)))
    func stalledRequestsTimeOut() async throws {
        try await withRawServer(.stall) { server in
            let options = TransferOptions(timeouts: Timeouts(connect: .seconds(1), total: .milliseconds(200)))
            let loop = try SocketTransferLoop(maxConnections: 4, options: options)
            defer { loop.close() }
            let began = LoadInstant.now
            let completions = try pushAndDrain(loop, Array(repeating: RenderedRequest(url: "http://127.0.0.1:\(server.port)/"), count: 4))
            #expect(completions.count == 4)
            #expect(completions.allSatisfy { $0.failureKind == .timeout && $0.response == nil })
            #expect(LoadInstant.now - began < .seconds(10))
        }
    }

    @Test("cancelAll drops stalled transfers without reporting them", .timeLimit(.minutes(1)))
    func cancelAllDropsEverything() async throws {
        try await withRawServer(.stall) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            for tag in 0..<3 { loop.start(RenderedRequest(url: "http://127.0.0.1:\(server.port)/"), tag: UInt64(tag)) }
            try loop.poll(until: LoadInstant.now + .milliseconds(50)) { _ in Issue.record("a stalled transfer ended") }
            #expect(loop.outstanding == 3)
            loop.cancelAll()
            #expect(loop.outstanding == 0)
            try loop.poll(until: LoadInstant.now + .milliseconds(20)) { _ in Issue.record("a cancelled transfer was reported") }
        }
    }

    @Test("abandon drops the stalled transfers it picks, unreported, and the one waiting behind them gets the freed connection", .timeLimit(.minutes(1)))
    func abandonDropsWhatItPicksAndStartsTheRest() async throws {
        try await withRawServer(.stall) { stalling in
            try await withRawServer(.keepAlive) { answering in
                let loop = try SocketTransferLoop(maxConnections: 2)
                defer { loop.close() }
                for tag in 0..<3 { loop.start(RenderedRequest(url: "http://127.0.0.1:\(stalling.port)/"), tag: UInt64(tag)) }
                loop.start(RenderedRequest(url: "http://127.0.0.1:\(answering.port)/"), tag: 3)
                try loop.poll(until: LoadInstant.now + .milliseconds(50)) { _ in Issue.record("a stalled transfer ended") }
                #expect(loop.outstanding == 4)
                // Tags 0 and 1 hold both connections, 2 and 3 wait: drop 0 (in flight) and 2 (waiting).
                #expect(loop.abandon { $0 % 2 == 0 }.sorted() == [0, 2])
                #expect(loop.outstanding == 2)
                var reported: [LoadCompletion] = []
                let began = LoadInstant.now
                while reported.isEmpty, LoadInstant.now - began < .seconds(10) {
                    try loop.poll(until: began + .seconds(10)) { reported.append($0) }
                }
                #expect(reported.map(\.tag) == [3])
                #expect(reported.first?.status == 200)
                #expect(loop.outstanding == 1)
            }
        }
    }

    @Test("failAll reports every transfer, in flight or waiting, once, as failed with the loop's error", .timeLimit(.minutes(1)))
    func failAllReportsEverything() async throws {
        try await withRawServer(.stall) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            for tag in 0..<3 { loop.start(RenderedRequest(url: "http://127.0.0.1:\(server.port)/"), tag: UInt64(tag)) }
            try loop.poll(until: LoadInstant.now + .milliseconds(50)) { _ in Issue.record("a stalled transfer ended") }
            var reported: [LoadCompletion] = []
            loop.failAll(with: TransportError(.other, description: "the multi handle broke")) { reported.append($0) }
            #expect(reported.map(\.tag).sorted() == [0, 1, 2])
            #expect(reported.allSatisfy { $0.failureKind == .other })
            #expect(loop.outstanding == 0)
            try loop.poll(until: LoadInstant.now + .milliseconds(20)) { _ in Issue.record("a failed transfer was reported twice") }
        }
    }
}
