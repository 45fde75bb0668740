import Hummingbird
import HummingbirdTesting
import Testing

/// A Hummingbird app that echoes what it receives:
/// - `/echo` (any method): status 200, the request body back, `X-Echo-Method`, and for each
///   request header `X-Test`, `User-Agent`, `Expect`, `Authorization`, `X-Amz-Security-Token`,
///   `Content-Type` an `X-Echo-<name>` header; plus two `X-Multi` headers.
/// - `/status/{code}`: an empty response with that status.
/// - `/mirror` (any method): the status in the request's `X-Status` header (200 without one) and
///   the request body back, so that a test that sees only statuses and body sizes sees both.
enum EchoServer {
    typealias Field = HTTPFields.Element

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        let echoed = ["X-Test", "User-Agent", "Expect", "Authorization", "X-Amz-Security-Token", "Content-Type", "X-Amz-Date"]
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .head, .patch] {
            router.on("echo", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 4 << 20)
                var headers = HTTPFields()
                headers[Field.Name("X-Echo-Method")!] = request.method.rawValue
                for name in echoed {
                    if let value = request.headers[Field.Name(name)!] {
                        headers[Field.Name("X-Echo-\(name)")!] = value
                    }
                }
                headers.append(Field(name: Field.Name("X-Multi")!, value: "one"))
                headers.append(Field(name: Field.Name("X-Multi")!, value: "two"))
                headers[.contentType] = "application/octet-stream"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
            }
        }
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
            router.on("mirror", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 4 << 20)
                let status = request.headers[Field.Name("X-Status")!].flatMap { Int($0) } ?? 200
                return Response(status: HTTPResponse.Status(code: status), body: ResponseBody(byteBuffer: body))
            }
        }
        router.get("status/{code}") { _, context -> Response in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: HTTPResponse.Status(code: code))
        }
        return router
    }

    /// Runs `body` with the base URL of a live echo server on port 0.
    static func withServer(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let app = Application(router: router())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://localhost:\(port)")
        }
    }
}
