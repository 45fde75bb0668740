import GauntletHTTP
import Testing

@Suite("Misbehaving servers end in a TransportError of the right kind, never a crash")
struct TransportFailureTests {
    let client = CurlClient()

    /// Runs a request and returns the transport error it must throw.
    func failure(of request: RequestSpec, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TransportError {
        do throws(TransportError) {
            let exchange = try await client.execute(request)
            Issue.record("expected a transport error, got status \(exchange.response.status)", sourceLocation: sourceLocation)
        } catch {
            return error
        }
        throw CancellationError()
    }

    @Test("A refused connection is connect_failed", .timeLimit(.minutes(1)))
    func refused() async throws {
        try await withRefusingPort { port in
            let url = "http://127.0.0.1:\(port)/events"
            let error = try await failure(of: RequestSpec(url: url))
            #expect(error == .connectFailed)
            #expect(error.shortDescription == "connect_failed")
            #expect(error.curlCode == 7)
            #expect(error.description.hasPrefix("GET \(url) could not connect: curl error 7 (Couldn't connect to server)"))
            #expect(error.description.hasSuffix("[reproduce: curl '\(url)']"))
        }
    }

    @Test("An unknown host is dns_failed", .timeLimit(.minutes(1)))
    func unknownHost() async throws {
        let error = try await failure(of: RequestSpec(url: "http://gauntlet-no-such-host.invalid/"))
        #expect(error == .dnsFailed)
        #expect(error.description.contains("gauntlet-no-such-host.invalid"))
    }

    @Test("A server that never answers is a timeout", .timeLimit(.minutes(1)))
    func stalled() async throws {
        try await withRawServer(.stall) { server in
            let options = TransferOptions(timeouts: Timeouts(connect: .seconds(5), total: .milliseconds(300)))
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/", options: options))
            #expect(error == .timeout)
            #expect(error.curlCode == 28)
            #expect(error.answeredStatus == nil, "nothing was answered")
            #expect(error.description.contains("timed out"))
            #expect(error.description.contains("--max-time 0.3"))
        }
    }

    @Test("A connection closed or reset without a reply is reset", .timeLimit(.minutes(1)), arguments: [RawTCPServer.Behaviour.closeWithoutReply, .reset])
    func connectionLost(behaviour: RawTCPServer.Behaviour) async throws {
        try await withRawServer(behaviour) { server in
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(error == .reset, "\(error)")
        }
    }

    @Test("A body shorter than its Content-Length is truncated", .timeLimit(.minutes(1)))
    func truncatedBody() async throws {
        try await withRawServer(.truncate) { server in
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(error == .truncated)
            #expect(error.curlCode == 18)
            #expect(error.answeredStatus == 200, "the deployment answered before its body broke")
        }
    }

    @Test("A connection closed before the end of the headers is truncated, its status kept", .timeLimit(.minutes(1)), arguments: [
        "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Le",
    ])
    func headersCutShort(answer: String) async throws {
        try await withRawServer(.answerThenClose(Array(answer.utf8))) { server in
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(error == .truncated, "\(error)")
            #expect(error.answeredStatus == 200, "the deployment answered before its headers broke")
            #expect(error.description.contains("closed the connection before the end of the response's headers"), "\(error)")
        }
    }

    @Test("Whole answers of every shape are answers, not headers cut short", .timeLimit(.minutes(1)), arguments: [
        // A body that runs to the close.
        ("GET", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nok", "ok"),
        // A chunked body with a trailer after it.
        ("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n2\r\nok\r\n0\r\nX-T: 1\r\n\r\n", "ok"),
        // An interim 100 before the final answer.
        ("GET", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "ok"),
        // Lines ended by LF alone.
        ("GET", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", "ok"),
        // HEAD: headers only, their end included.
        ("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", ""),
    ])
    func wholeAnswers(method: String, answer: String, body: String) async throws {
        try await withRawServer(.answerThenClose(Array(answer.utf8))) { server in
            let exchange = try await client.execute(RequestSpec(method: method, url: "http://127.0.0.1:\(server.port)/"))
            #expect(exchange.response.status == 200)
            #expect(exchange.response.body == Array(body.utf8))
        }
    }

    @Test("A body without end stops at the kept-body limit, its status kept", .timeLimit(.minutes(1)))
    func endlessBody() async throws {
        try await withRawServer(.endlessBody) { server in
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(error == .truncated, "\(error)")
            #expect(error.curlCode == 23)
            #expect(error.answeredStatus == 200)
            #expect(error.description.contains("longer than 16 MiB"), "\(error)")
        }
    }

    @Test("A reply that is not HTTP is truncated (malformed)", .timeLimit(.minutes(1)))
    func garbageReply() async throws {
        try await withRawServer(.garbage) { server in
            let error = try await failure(of: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(error == .truncated, "\(error)")
        }
    }

    @Test("A TLS handshake answered with garbage is tls", .timeLimit(.minutes(1)))
    func tlsFailure() async throws {
        try await withRawServer(.garbage) { server in
            let error = try await failure(of: RequestSpec(url: "https://127.0.0.1:\(server.port)/"))
            #expect(error == .tls, "\(error)")
        }
    }

    @Test("A scheme other than http and https is other", .timeLimit(.minutes(1)))
    func unsupportedScheme() async throws {
        let error = try await failure(of: RequestSpec(url: "file:///etc/passwd"))
        #expect(error == .other)
        #expect(error.curlCode == 1)
    }
}
