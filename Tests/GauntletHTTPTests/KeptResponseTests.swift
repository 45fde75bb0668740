import GauntletHTTP
import Testing

@Suite("A load request that keeps its response gets its status, headers and body back")
struct KeptResponseTests {
    /// A body of several write callbacks' worth, with multi-byte characters, so that a byte lost,
    /// doubled or re-encoded shows.
    static let largeBody = String(repeating: "héllo, wörld ✓ 0123456789\n", count: 8_000)

    @Test("The same request with keepsResponse carries the response; without, only its size", .timeLimit(.minutes(1)))
    func keptAndNotKept() async throws {
        try await EchoServer.withServer { base in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let body = Self.largeBody
            let kept = RenderedRequest(method: "POST", url: "\(base)/echo", headerLines: ["X-Test: kept"], body: body, keepsResponse: true)
            var notKept = kept
            notKept.keepsResponse = false
            let completions = try sendOneByOne(loop, [kept, notKept])
            try #require(completions.count == 2)

            let response = try #require(completions[0].response)
            #expect(completions[0].status == 200)
            #expect(response.status == 200)
            #expect(response.httpVersion == "HTTP/1.1")
            #expect(response.header("X-Echo-X-Test") == "kept")
            #expect(response.header("x-echo-method") == "POST")
            #expect(response.headerValues("X-Multi") == ["one", "two"])
            #expect(response.body == Array(body.utf8))
            #expect(completions[0].bodyBytes == body.utf8.count)

            #expect(completions[1].status == 200)
            #expect(completions[1].response == nil)
            #expect(completions[1].bodyBytes == body.utf8.count)
        }
    }

    @Test("One pooled handle switches between keeping and not keeping; each response is its own", .timeLimit(.minutes(1)))
    func switchingOnOneHandle() async throws {
        try await EchoServer.withServer { base in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let url = "\(base)/echo"
            let requests = [
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 0"], body: "zero"),
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 1"], body: "one", keepsResponse: true),
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 2"], body: "two, longer", keepsResponse: true),
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 3"], body: "three"),
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 3"], body: "three"),
                RenderedRequest(method: "POST", url: url, headerLines: ["X-Test: 3"], body: "three", keepsResponse: true),
                RenderedRequest(url: "\(base)/status/204", keepsResponse: true),
            ]
            let completions = try sendOneByOne(loop, requests)
            try #require(completions.count == requests.count)
            #expect(completions.map { $0.status ?? 0 } == [200, 200, 200, 200, 200, 200, 204])
            // Header lines never count as body, kept or not.
            #expect(completions.map(\.bodyBytes) == [4, 3, 11, 5, 5, 5, 0])
            #expect(completions.map { $0.response?.header("X-Echo-X-Test") } == [nil, "1", "2", nil, nil, "3", nil])
            #expect(completions.map { $0.response?.bodyText } == [nil, "one", "two, longer", nil, nil, "three", ""])
            let noContent = try #require(completions[6].response)
            #expect(noContent.status == 204)
            #expect(noContent.header("X-Echo-X-Test") == nil)
            #expect(noContent.headerValues("X-Multi").isEmpty)
        }
    }

    @Test("A transfer that fails keeps no response", .timeLimit(.minutes(1)))
    func failureKeepsNothing() async throws {
        try await withRefusingPort { port in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let completions = try pushAndDrain(loop, [RenderedRequest(url: "http://127.0.0.1:\(port)/", keepsResponse: true)])
            #expect(completions.count == 1)
            #expect(completions.allSatisfy { $0.failureKind == .connectFailed && $0.response == nil })
        }
    }
}
