import Hummingbird

/// CORS as Starlette's `CORSMiddleware(allow_origins=["*"], allow_credentials=True,
/// allow_methods=["*"], allow_headers=["*"])` serves it.
///
/// - A request without `Origin` passes through untouched: no CORS headers at all.
/// - `OPTIONS` with `Origin` and `Access-Control-Request-Method` is a preflight, answered
///   before routing (on any path) with `200 OK` (`text/plain`), the origin echoed, every method
///   allowed, the requested headers echoed (none when none were asked for) and a max age.
/// - Any other request with `Origin` gets that origin echoed back, with
///   `Access-Control-Allow-Credentials: true` and `Vary: Origin`, on success and errors alike.
/// - `OPTIONS` without those headers reaches the app, which serves no `OPTIONS` (405).
struct StarletteCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Starlette's `ALL_METHODS`, as `allow_methods=["*"]` answers them.
    static var allowedMethods: String { "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.vary] = "Origin"
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlMaxAge] = "600"
            headers[.accessControlAllowCredentials] = "true"
            if let requested = request.headers[.accessControlRequestHeaders] {
                headers[.accessControlAllowHeaders] = requested
            }
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "OK")))
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlAllowCredentials] = "true"
        response.headers[.vary] = "Origin"
        return response
    }
}
