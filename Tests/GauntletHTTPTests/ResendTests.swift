@testable import GauntletHTTP
import Testing

/// libcurl sends a request again on a fresh connection when the reused keep-alive connection it
/// went out on dies before any byte of the answer. Gauntlet lets it for idempotent methods and
/// refuses it for the others, whose first send the server may have carried out.
@Suite("A request lost with a reused connection is sent again only when its method is idempotent")
struct ResendTests {
    static let notIdempotent = ["POST", "PATCH"]
    static let idempotent = ["GET", "PUT", "DELETE"]

    /// The request of `method` to `url`, with a body when the method usually has one.
    static func request(_ method: String, _ url: String) -> RequestSpec {
        RequestSpec(method: method, url: url, body: method == "GET" || method == "DELETE" ? nil : Array(#"{"id":"e1"}"#.utf8))
    }

    @Test("gauntlet run's client: a POST or PATCH fails as reset and reaches the server once", .timeLimit(.minutes(1)), arguments: notIdempotent)
    func clientRefusesResend(method: String) async throws {
        try await withRawServer(.answerOnceThenCloseUnderTheNext) { server in
            let client = CurlClient()
            let url = "http://127.0.0.1:\(server.port)/events"
            let warm = try await client.execute(RequestSpec(url: url))
            #expect(warm.response.status == 200)
            do throws(TransportError) {
                let exchange = try await client.execute(Self.request(method, url))
                Issue.record("expected a transport error, got \(exchange.response.status)")
            } catch {
                #expect(error == .reset)
                #expect(error.description.hasPrefix(
                    "\(method) \(url) lost the connection: it closed before any answer, and the request was not sent again because \(method) is not idempotent"
                ), "\(error)")
                #expect(error.description.contains("[reproduce: curl "))
            }
            #expect(server.requests(method) == 1)
        }
    }

    @Test("gauntlet run's client: a GET, PUT or DELETE is sent again and answered", .timeLimit(.minutes(1)), arguments: idempotent)
    func clientResendsIdempotent(method: String) async throws {
        try await withRawServer(.answerOnceThenCloseUnderTheNext) { server in
            let client = CurlClient()
            let url = "http://127.0.0.1:\(server.port)/events"
            _ = try await client.execute(RequestSpec(method: method, url: url))
            let exchange = try await client.execute(Self.request(method, url))
            #expect(exchange.response.status == 200)
            #expect(server.requests(method) == 3, "warm-up, the lost send, the re-send")
        }
    }

    @Test("With --http2 the guard holds on a cleartext URL, which never settles on HTTP/2 by ALPN", .timeLimit(.minutes(1)))
    func http2OverCleartextIsStillGuarded() async throws {
        try await withRawServer(.answerOnceThenCloseUnderTheNext) { server in
            let client = CurlClient()
            let url = "http://127.0.0.1:\(server.port)/events"
            var options = TransferOptions()
            options.httpVersion = .http2
            _ = try await client.execute(RequestSpec(url: url, options: options))
            var post = Self.request("POST", url)
            post.options = options
            await #expect(throws: TransportError.reset) { try await client.execute(post) }
            #expect(server.requests("POST") == 1)
        }
    }

    @Test("Which requests the guard holds for: not idempotent, and HTTP/1.1 or a cleartext URL")
    func whichRequestsAreGuarded() {
        #expect(HTTPMethod.refusesResend(method: "POST", url: "https://api.test/events", httpVersion: .http1_1))
        #expect(HTTPMethod.refusesResend(method: "PATCH", url: "http://127.0.0.1:8080/events/1", httpVersion: .http2))
        #expect(!HTTPMethod.refusesResend(method: "POST", url: "https://api.test/events", httpVersion: .http2),
                "over TLS libcurl may be re-sending a stream HTTP/2 refused unprocessed")
        #expect(!HTTPMethod.refusesResend(method: "PUT", url: "http://127.0.0.1:8080/events/1", httpVersion: .http1_1))
    }

    @Test("A POST that follows a redirect still goes out at each hop", .timeLimit(.minutes(1)))
    func redirectsAreNotResends() async throws {
        try await withRawServer(.redirectFirst) { server in
            var request = Self.request("POST", "http://127.0.0.1:\(server.port)/events")
            request.options.followRedirects = true
            let exchange = try await CurlClient().execute(request)
            #expect(exchange.response.status == 200)
            #expect(server.requests("POST") == 2)
        }
    }

    @Test("The load engine: each POST on a dead reused connection fails as reset and is sent once; the next POST goes out", .timeLimit(.minutes(1)))
    func loadRefusesResend() async throws {
        try await withRawServer(.answerOnceThenCloseUnderTheNext) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let url = "http://127.0.0.1:\(server.port)/events"
            let post = RenderedRequest(method: "POST", url: url, body: #"{"id":"e1"}"#)
            // One pooled handle: the second and third POST take the fast path, which keeps the guard.
            let completions = try sendOneByOne(loop, [post, post, post, post])
            try #require(completions.count == 4)
            #expect(completions.map(\.status) == [200, nil, 200, nil])
            let error = try #require(completions.compactMap { completion -> TransportError? in
                if case .failure(let error) = completion.outcome { return error }
                return nil
            }.first)
            #expect(error == .reset)
            #expect(error.description.contains("was not sent again because POST is not idempotent"), "\(error)")
            #expect(server.requests("POST") == 4, "each POST went out once")
        }
    }

    @Test("The load engine: a GET on a dead reused connection is sent again, answered, and counted as sent again", .timeLimit(.minutes(1)))
    func loadResendsIdempotent() async throws {
        try await withRawServer(.answerOnceThenCloseUnderTheNext) { server in
            let loop = try SocketTransferLoop(maxConnections: 1)
            defer { loop.close() }
            let get = RenderedRequest(url: "http://127.0.0.1:\(server.port)/events")
            let completions = try sendOneByOne(loop, [get, get, get])
            #expect(completions.map(\.status) == [200, 200, 200])
            #expect(server.requests("GET") == 5, "the warm-up, then twice a lost send and its re-send")
            // The server saw 5 requests for 3 answers: the count says where the other 2 went.
            #expect(completions.map(\.resent) == [0, 1, 1])
        }
    }
}
