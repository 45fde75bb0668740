import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad input of every kind answers a 4xx JSON error with `detail`: never a 500, never a
/// dropped connection.
@Suite struct BadInputTests {
    @Test(
        "A body that is not JSON, or not a JSON object, is a 400",
        arguments: [
            "{", "not json", "{\"eventId\": }", "{\"a\": 1,}", "{} extra", "{'a': 1}", "[1, 2]", "\"text\"", "42", "null",
            "true", "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}", "{\"a\": 01}", "{\"a\": NaN}", "\u{0}",
        ]
    )
    func notAJSONObject(_ body: String) async throws {
        try await withAPI { client in
            for (method, path) in [(HTTPRequest.Method.post, "/events"), (.put, "/events/conf-1")] {
                let response = try await client.send(method, path, json: body)
                expectDetailError(response, .badRequest)
                #expect(try issues(response).first?.field == "")
            }
        }
    }

    @Test("Invalid UTF-8 is a 400")
    func invalidUTF8() async throws {
        try await withAPI { client in
            let bytes = Array(#"{"eventId": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
            let response = try await client.send(.post, "/events", bytes: bytes)
            expectDetailError(response, .badRequest)
            #expect(try issues(response).first?.type == "json_invalid")
        }
    }

    @Test("An empty body is a 400")
    func emptyBody() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events")
            expectDetailError(response, .badRequest)
            #expect(try issues(response).first?.type == "missing")
        }
    }

    @Test(
        "A JSON body with a missing or non-JSON Content-Type is a 415",
        arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"] as [String?]
    )
    func wrongContentType(_ contentType: String?) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON(), contentType: contentType)
            expectDetailError(response, .unsupportedMediaType)
            #expect(try await client.send(.get, "/events").text == #"{"events":[]}"#)
        }
    }

    @Test("JSON Content-Types with parameters or a +json suffix are accepted", arguments: ["application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"])
    func jsonContentTypes(_ contentType: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON(), contentType: contentType)
            #expect(response.status == .created)
        }
    }

    @Test("A body over 1 MiB is a 413; one just under is parsed", arguments: [(2 << 20, 413), ((1 << 20) + 1, 413), (1 << 20, 400)])
    func bodyLimit(size: Int, status: Int) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", bytes: Array(repeating: UInt8(ascii: " "), count: size))
            expectDetailError(response, HTTPResponse.Status(code: status))
        }
    }

    @Test("Very long ids in the path are a JSON 404", arguments: [1_000, 10_000, 60_000])
    func longPathId(_ length: Int) async throws {
        try await withAPI { client in
            let id = String(repeating: "x", count: length)
            expectDetailError(try await client.send(.get, "/events/\(id)"), .notFound)
            expectDetailError(try await client.send(.delete, "/events/\(id)"), .notFound)
        }
    }

    @Test("Deeply nested JSON is a 400, not a crash")
    func deepNesting() async throws {
        try await withAPI { client in
            let body = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            expectDetailError(try await client.send(.post, "/events", json: body), .badRequest)
        }
    }

    @Test("Unknown query parameters are ignored")
    func unknownQueryIgnored() async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/events?page=2&limit=abc")
            #expect(response.status == .ok)
        }
    }

    @Test("A failing store answers 500 {\"detail\": \"Internal Server Error\"}")
    func storeFailureIs500() async throws {
        let app = try await buildApplication(.testing, store: FailingEventStore())
        try await app.test(.router) { client in
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/events", nil), (.get, "/events/x", nil), (.post, "/events", eventJSON()),
                (.put, "/events/x", #"{"title": "T"}"#), (.delete, "/events/x", nil),
            ]
            for (method, path, body) in requests {
                let response = try await client.send(method, path, json: body)
                expectDetailError(response, .internalServerError)
                #expect(response.text == #"{"detail":"Internal Server Error"}"#)
            }
        }
    }

    @Test("A request that is not HTTP/1.1 is a JSON 400 with detail and CORS too, not the empty 400 of the HTTP layer", .timeLimit(.minutes(1)), arguments: [
        "FOO /events HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /events HTTP/1.1\nHost: x\n\n",
        "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "GET /events HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n",
    ])
    func unparsableRequestIsAJSON400(request: String) async throws {
        let app = try await buildApplication(.testing)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Blocking socket calls, off the concurrency pool that the in-process server runs on.
            let answer = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: (try? Self.exchange(request, port: port))?.answer ?? "") }
            }
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains("Content-Type: application/json\r\n") && answer.contains("Access-Control-Allow-Origin: *\r\n"), "\(answer)")
            #expect(answer.hasSuffix("\r\n\r\n" + #"{"detail":"Bad Request: the request is not valid HTTP/1.1"}"#), "\(answer)")
        }
    }

    @Test("A CONNECT is answered with a 4xx and the connection closed, rather than left open with an answer that never ends", .timeLimit(.minutes(1)), arguments: [
        ("CONNECT /events HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 405 Method Not Allowed\r\n"),
        ("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n", "HTTP/1.1 404 Not Found\r\n"),
    ])
    func connectIsAnsweredAndClosed(request: String, statusLine: String) async throws {
        let app = try await buildApplication(.testing)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let exchange = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: try? Self.exchange(request, port: port)) }
            }
            #expect(exchange?.answer.hasPrefix(statusLine) == true, "\(exchange?.answer ?? "no connection")")
            #expect(exchange?.closedByServer == true, "the answer did not end: the server kept the connection open")
            #expect(try await client.send(.get, "/events").status == .ok)
        }
    }

    /// Sends `request` on a new connection to 127.0.0.1:`port` and reads until the server closes it
    /// (5 s at most), blocking the calling thread: what came back, and whether the server closed
    /// the connection (rather than the 5 s running out).
    static func exchange(_ request: String, port: Int) throws -> (answer: String, closedByServer: Bool) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }  // the server may answer and close before reading it all
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var closed = false
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 {
                closed = count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
                break
            }
            received += buffer[..<count]
        }
        return (String(decoding: received, as: UTF8.self), closed)
    }

    @Test("Over a real connection, the server answers every bad input and keeps serving", .timeLimit(.minutes(1)))
    func liveServerSurvivesBadInput() async throws {
        let app = try await buildApplication(.testing)
        try await app.test(.live) { client in
            let bad: [(HTTPRequest.Method, String, [UInt8]?, String?, Int)] = [
                (.post, "/events", Array("{oops".utf8), "application/json", 400),
                (.post, "/events", [0xC3, 0x28], "application/json", 400),
                (.post, "/events", Array("[]".utf8), "application/json", 400),
                (.post, "/events", Array(eventJSON().utf8), "text/plain", 415),
                (.post, "/events", Array(repeating: 0x20, count: 2 << 20), "application/json", 413),
                (.post, "/events", Array(eventJSON("z", ["capacity": "true"]).utf8), "application/json", 400),
                (.get, "/events/" + String(repeating: "y", count: 20_000), nil, nil, 404),
                (.get, "/events?status=nope", nil, nil, 400),
                (.patch, "/events", nil, nil, 405),
            ]
            for (method, path, bytes, contentType, status) in bad {
                let response = try await client.send(method, path, bytes: bytes, contentType: contentType)
                expectDetailError(response, HTTPResponse.Status(code: status))
            }
            try await client.create(eventJSON("after"))
            #expect(try await client.send(.get, "/events/after").status == .ok)
        }
    }
}
