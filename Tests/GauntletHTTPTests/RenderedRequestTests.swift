import GauntletHTTP
import Testing

/// Starts each request once the previous one has been reported, on a loop with one connection
/// (so one pooled easy handle carries them all); returns the completions in order.
func sendOneByOne(_ loop: SocketTransferLoop, _ requests: [(RequestSpec?, RenderedRequest?)]) throws -> [LoadCompletion] {
    var completions: [LoadCompletion] = []
    for (index, request) in requests.enumerated() {
        if let spec = request.0 { loop.start(spec, tag: UInt64(index)) }
        if let rendered = request.1 { loop.start(rendered, tag: UInt64(index)) }
        let giveUp = ContinuousClock.now + .seconds(20)
        while loop.outstanding > 0, ContinuousClock.now < giveUp {
            try loop.poll(until: ContinuousClock.now + .seconds(1)) { completions.append($0) }
        }
    }
    return completions
}

@Suite("A pooled handle sends each rendered request as written, whatever it sent before")
struct RenderedRequestTests {
    @Test("Changed header lines, bodies, methods and URLs all reach the server; a RequestSpec in between changes nothing", .timeLimit(.minutes(1)))
    func everyChangeIsSent() async throws {
        try await EchoServer.withServer { base in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let mirror = "\(base)/mirror"
            let requests: [(RequestSpec?, RenderedRequest?)] = [
                (nil, RenderedRequest(url: mirror, headerLines: ["X-Status: 201"])),
                (nil, RenderedRequest(url: mirror, headerLines: ["X-Status: 202"])),
                (nil, RenderedRequest(url: mirror)),
                (nil, RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: "hello")),
                (nil, RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: "hello, world")),
                (nil, RenderedRequest(method: "POST", url: mirror, headerLines: ["X-Status: 203"], body: "")),
                (nil, RenderedRequest(method: "PUT", url: mirror, body: "abc")),
                (nil, RenderedRequest(url: "\(base)/status/204")),
                (RequestSpec(url: mirror, headers: [HTTPHeader("X-Status", "205")]), nil),
                (nil, RenderedRequest(url: mirror, headerLines: ["X-Status: 201"])),
                (nil, RenderedRequest(method: "DELETE", url: mirror, headerLines: ["X-Status: 206", "no colon, skipped"])),
            ]
            let completions = try sendOneByOne(loop, requests)
            #expect(completions.map(\.tag) == Array(0..<UInt64(requests.count)))
            #expect(completions.map { $0.status ?? 0 } == [201, 202, 200, 203, 203, 203, 200, 204, 205, 201, 206])
            #expect(completions.map(\.bodyBytes) == [0, 0, 0, 5, 12, 0, 3, 0, 0, 0, 0])
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
                let giveUp = ContinuousClock.now + .seconds(20)
                while loop.outstanding > 0, ContinuousClock.now < giveUp {
                    try loop.poll(until: ContinuousClock.now + .seconds(1)) { completions.append($0) }
                }
                // Idle: the server's close of the parked connection wakes this wait.
                try loop.poll(until: ContinuousClock.now + .milliseconds(20)) { completions.append($0) }
            }
            #expect(completions.count == 10)
            #expect(completions.allSatisfy { $0.status == 200 && $0.bodyBytes == 2 })
            #expect(server.acceptedConnections == 10)
        }
    }
}
