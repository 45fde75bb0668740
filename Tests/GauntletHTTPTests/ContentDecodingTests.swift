import GauntletHTTP
import Testing

/// A request that carries its own `Accept-Encoding` gets its response decoded, as
/// `curl --compressed` and browsers do; one without it is sent and read as before.
@Suite("Compressed responses are decoded when the request asks for an encoding")
struct ContentDecodingTests {
    /// `{"ok":true}`, gzipped (Python's `gzip.compress(…, mtime=0)`).
    static let gzippedJSON: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xAB, 0x56, 0xCA, 0xCF, 0x56, 0xB2,
        0x2A, 0x29, 0x2A, 0x4D, 0xAD, 0x05, 0x00, 0x90, 0x5F, 0xD4, 0xA7, 0x0B, 0x00, 0x00, 0x00,
    ]

    /// A raw keep-alive reply whose body is `body`, in `encoding`.
    static func reply(_ body: [UInt8], encoding: String) -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: \(encoding)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    let client = CurlClient()

    @Test("gauntlet run's client: a gzip answer to Accept-Encoding: gzip is decoded, headers stay as received", .timeLimit(.minutes(1)))
    func runClientDecodes() async throws {
        try await withRawServer(.answer(Self.reply(Self.gzippedJSON, encoding: "gzip"))) { server in
            let request = RequestSpec(url: "http://127.0.0.1:\(server.port)/events", headers: [HTTPHeader("Accept-Encoding", "gzip")])
            let exchange = try await client.execute(request)
            #expect(exchange.response.bodyText == #"{"ok":true}"#)
            #expect(exchange.response.header("Content-Encoding") == "gzip")
            #expect(exchange.response.header("Content-Length") == "31")
            // The request's own header went out as written, once, not libcurl's list of encodings.
            let head = try #require(server.requestHeads.first)
            #expect(head.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("accept-encoding:") } == ["Accept-Encoding: gzip"])
        }
    }

    @Test("Without Accept-Encoding nothing is asked for and the body is kept as it came", .timeLimit(.minutes(1)))
    func noHeaderNoDecoding() async throws {
        try await withRawServer(.answer(Self.reply(Self.gzippedJSON, encoding: "gzip"))) { server in
            let exchange = try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/events"))
            #expect(exchange.response.body == Self.gzippedJSON)
            let head = try #require(server.requestHeads.first)
            #expect(!head.lowercased().contains("accept-encoding"))
        }
    }

    @Test("An encoding libcurl cannot decode is a recorded failure that names it", .timeLimit(.minutes(1)))
    func undecodableIsAFailure() async throws {
        try await withRawServer(.answer(Self.reply(Array("not compressed".utf8), encoding: "x-gauntlet-squash"))) { server in
            let request = RequestSpec(url: "http://127.0.0.1:\(server.port)/events", headers: [HTTPHeader("Accept-Encoding", "x-gauntlet-squash")])
            do throws(TransportError) {
                let exchange = try await client.execute(request)
                Issue.record("expected a transport error, got \(exchange.response.status)")
            } catch {
                #expect(error == .truncated)
                #expect(error.curlCode == 61)
                #expect(error.answeredStatus == 200, "the deployment answered: a run must not read it as not reached")
                #expect(error.description.contains("got a body in Content-Encoding 'x-gauntlet-squash' that libcurl could not decode"), "\(error)")
                #expect(error.description.contains("curl --header 'Accept-Encoding: x-gauntlet-squash' --compressed"), "\(error)")
            }
        }
    }

    @Test("The load engine decodes too, kept responses and counted bodies alike, and names an undecodable encoding", .timeLimit(.minutes(1)))
    func loadDecodes() async throws {
        try await withRawServer(.answer(Self.reply(Self.gzippedJSON, encoding: "gzip"))) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let url = "http://127.0.0.1:\(server.port)/events"
            let kept = RenderedRequest(url: url, headerLines: ["Accept-Encoding: gzip"], keepsResponse: true)
            let counted = RenderedRequest(url: url, headerLines: ["Accept-Encoding: gzip"])
            let plain = RenderedRequest(url: url)
            let completions = try sendOneByOne(loop, [kept, counted, plain, counted])
            try #require(completions.count == 4)
            let response = try #require(completions[0].response)
            #expect(response.bodyText == #"{"ok":true}"#)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(completions.map(\.bodyBytes) == [11, 11, 31, 11])
            let heads = server.requestHeads
            #expect(heads.map { $0.lowercased().contains("accept-encoding") } == [true, true, false, true])
        }
        try await withRawServer(.answer(Self.reply(Array("raw".utf8), encoding: "x-gauntlet-squash"))) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let request = RenderedRequest(url: "http://127.0.0.1:\(server.port)/", headerLines: ["Accept-Encoding: x-gauntlet-squash"])
            let completions = try sendOneByOne(loop, [request])
            guard case .failure(let error) = try #require(completions.first).outcome else {
                Issue.record("expected a failure")
                return
            }
            #expect(error.description.contains("Content-Encoding 'x-gauntlet-squash'"), "\(error)")
        }
    }

    @Test("The reproduction command carries --compressed exactly when the request asks for an encoding")
    func curlCommandSaysCompressed() {
        let asking = RequestSpec(url: "https://h/x", headers: [HTTPHeader("accept-encoding", "gzip, br")])
        #expect(CurlCommand(asking).description == "curl --header 'accept-encoding: gzip, br' --compressed 'https://h/x'")
        #expect(CurlCommand(RequestSpec(url: "https://h/x")).description == "curl 'https://h/x'")
    }
}
