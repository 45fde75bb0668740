import GauntletHTTP
import Testing

@Suite("A pooled handle sends each rendered request as written, whatever it sent before")
struct RenderedRequestTests {
    @Test("Changed header lines, bodies, methods and URLs all reach the server; keeping a response in between changes nothing", .timeLimit(.minutes(1)))
    func everyChangeIsSent() async throws {
        try await EchoServer.withServer { base in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let mirror = "\(base)/mirror"
            let requests: [RenderedRequest] = [
                RenderedRequest(url: mirror, headerLines: ["X-Status: 201"]),
                RenderedRequest(url: mirror, headerLines: ["X-Status: 202"]),
                RenderedRequest(url: mirror),
                RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: "hello"),
                RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: "hello, world"),
                RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: ""),
                RenderedRequest(method: "PUT", url: mirror, body: "abc"),
                RenderedRequest(url: "\(base)/status/204"),
                RenderedRequest(url: mirror, headerLines: ["X-Status: 205"], keepsResponse: true),
                RenderedRequest(url: mirror, headerLines: ["X-Status: 201"]),
                RenderedRequest(method: "DELETE", url: mirror, headerLines: ["X-Status: 206", "no colon, skipped"]),
            ]
            let completions = try sendOneByOne(loop, requests)
            #expect(completions.map(\.tag) == Array(0..<UInt64(requests.count)))
            #expect(completions.map { $0.status ?? 0 } == [201, 202, 200, 203, 203, 203, 200, 204, 205, 201, 206])
            #expect(completions.map(\.bodyBytes) == [0, 0, 0, 5, 12, 0, 3, 0, 0, 0, 0])
            #expect(completions.map { $0.response != nil } == requests.map(\.keepsResponse))
        }
    }
}

@Suite("Idle connections stay in the epoll set between requests, safely")
struct ParkedSocketTests {
    @Test("Connections the server closes while idle are replaced, and every request completes", .timeLimit(.minutes(1)))
    func closedIdleConnectionsAreReplaced() async throws {
        try await withRawServer(.answerOnceThenClose) { server in
            let loop = try SocketTransferLoop(maxConnections: 2)
            defer { loop.close() }
            let request = RenderedRequest(url: "http://127.0.0.1:\(server.port)/")
            var completions: [LoadCompletion] = []
            for tag in 0..<10 {
                loop.start(request, tag: UInt64(tag))
                let giveUp = LoadInstant.now + .seconds(20)
                while loop.outstanding > 0, LoadInstant.now < giveUp {
                    try loop.poll(until: LoadInstant.now + .seconds(1)) { completions.append($0) }
                }
                // Idle: the server's close of the parked connection wakes this wait.
                try loop.poll(until: LoadInstant.now + .milliseconds(20)) { completions.append($0) }
            }
            #expect(completions.count == 10)
            #expect(completions.allSatisfy { $0.status == 200 && $0.bodyBytes == 2 })
            #expect(server.acceptedConnections == 10)
        }
    }
}
