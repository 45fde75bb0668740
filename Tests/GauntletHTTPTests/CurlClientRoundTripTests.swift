import GauntletHTTP
import Testing

@Suite("CurlClient round trips against a live Hummingbird server")
struct CurlClientRoundTripTests {
    let client = CurlClient()

    @Test("GET sends headers and receives status, every header and the body", .timeLimit(.minutes(1)))
    func getRoundTrip() async throws {
        try await EchoServer.withServer { base in
            let exchange = try await client.execute(RequestSpec(url: "\(base)/echo", headers: [HTTPHeader("X-Test", "hello")]))
            #expect(exchange.response.status == 200)
            #expect(exchange.response.httpVersion == "HTTP/1.1")
            #expect(exchange.response.header("x-echo-method") == "GET")
            #expect(exchange.response.header("X-Echo-X-Test") == "hello")
            #expect(exchange.response.headerValues("x-multi") == ["one", "two"])
            #expect(exchange.response.header("Content-Length") == "0")
            #expect(exchange.response.body.isEmpty)
            #expect(exchange.curlCommand.description == "curl --header 'X-Test: hello' '\(base)/echo'")
        }
    }

    @Test("Body-carrying methods send their body and method", .timeLimit(.minutes(1)), arguments: ["POST", "PUT", "PATCH", "DELETE"])
    func bodyRoundTrip(method: String) async throws {
        try await EchoServer.withServer { base in
            let body = Array(#"{"eventId":"e1","title":"Launch"}"#.utf8)
            let request = RequestSpec(method: method, url: "\(base)/echo", headers: [HTTPHeader("Content-Type", "application/json")], body: body)
            let exchange = try await client.execute(request)
            #expect(exchange.response.status == 200)
            #expect(exchange.response.header("X-Echo-Method") == method)
            #expect(exchange.response.header("X-Echo-Content-Type") == "application/json")
            #expect(exchange.response.body == body)
            #expect(exchange.response.bodyText == #"{"eventId":"e1","title":"Launch"}"#)
        }
    }

    @Test("DELETE without a body and POST with an empty body", .timeLimit(.minutes(1)))
    func bodilessRequests() async throws {
        try await EchoServer.withServer { base in
            let delete = try await client.execute(RequestSpec(method: "DELETE", url: "\(base)/echo"))
            #expect(delete.response.header("X-Echo-Method") == "DELETE")
            let post = try await client.execute(RequestSpec(method: "POST", url: "\(base)/echo", body: []))
            #expect(post.response.header("X-Echo-Method") == "POST")
            #expect(post.response.body.isEmpty)
        }
    }

    @Test("HEAD gets the status and headers without a body", .timeLimit(.minutes(1)))
    func headRoundTrip() async throws {
        try await EchoServer.withServer { base in
            let exchange = try await client.execute(RequestSpec(method: "HEAD", url: "\(base)/echo"))
            #expect(exchange.response.status == 200)
            #expect(exchange.response.header("X-Echo-Method") == "HEAD")
            #expect(exchange.response.body.isEmpty)
            #expect(exchange.curlCommand.description == "curl --head '\(base)/echo'")
        }
    }

    @Test("An error status is a response, not a transport error", .timeLimit(.minutes(1)), arguments: [201, 404, 409, 500])
    func errorStatus(code: Int) async throws {
        try await EchoServer.withServer { base in
            let exchange = try await client.execute(RequestSpec(url: "\(base)/status/\(code)"))
            #expect(exchange.response.status == code)
        }
    }

    @Test("User-Agent defaults to gauntlet/0.1, a request's own wins, and Expect is never sent", .timeLimit(.minutes(1)))
    func defaultHeaders() async throws {
        try await EchoServer.withServer { base in
            let large = [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20)
            let plain = try await client.execute(RequestSpec(method: "POST", url: "\(base)/echo", body: large))
            #expect(plain.response.header("X-Echo-User-Agent") == "gauntlet/0.1")
            #expect(plain.response.header("X-Echo-Expect") == nil)
            #expect(plain.response.body.count == large.count)
            let custom = try await client.execute(RequestSpec(url: "\(base)/echo", headers: [HTTPHeader("User-Agent", "tester/2")]))
            #expect(custom.response.header("X-Echo-User-Agent") == "tester/2")
        }
    }

    @Test("Timings are measured and never decrease across phases", .timeLimit(.minutes(1)))
    func timingsAreMonotonic() async throws {
        try await EchoServer.withServer { base in
            let t = try await client.execute(RequestSpec(url: "\(base)/echo")).timings
            #expect(t.total > .zero)
            #expect(t.connect > .zero, "a first request opens a connection")
            #expect(t.nameLookup <= t.connect)
            #expect(t.connect <= t.preTransfer)
            #expect(t.appConnect == .zero, "no TLS on plain http")
            #expect(t.preTransfer <= t.startTransfer)
            #expect(t.startTransfer <= t.total)
        }
    }

    @Test("AWS SigV4 signs the request and sends the session token", .timeLimit(.minutes(1)))
    func awsSigV4() async throws {
        try await EchoServer.withServer { base in
            let aws = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "session-123")
            let exchange = try await client.execute(RequestSpec(url: "\(base)/echo", options: TransferOptions(awsSigV4: aws)))
            let authorization = try #require(exchange.response.header("X-Echo-Authorization"))
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
            #expect(authorization.contains("/eu-west-1/execute-api/aws4_request"))
            #expect(exchange.response.header("X-Echo-X-Amz-Security-Token") == "session-123")
            #expect(exchange.response.header("X-Echo-X-Amz-Date") != nil)
            #expect(!exchange.curlCommand.description.contains("wJalrXUtnFEMI"))
            #expect(!exchange.curlCommand.description.contains("session-123"))
        }
    }

    @Test("Fifty concurrent requests from fifty tasks all complete", .timeLimit(.minutes(1)))
    func fiftyConcurrentRequests() async throws {
        try await EchoServer.withServer { base in
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let exchange = try await client.execute(RequestSpec(method: "POST", url: "\(base)/echo", body: Array("request \(index)".utf8)))
                        return (index, exchange.response.bodyText)
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(bodies.count == 50)
            for (index, body) in bodies {
                #expect(body == "request \(index)")
            }
        }
    }
}
