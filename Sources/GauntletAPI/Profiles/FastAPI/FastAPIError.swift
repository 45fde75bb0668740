import Hummingbird

/// An error as a FastAPI application answers it: 422 with pydantic's `detail` list, an
/// `HTTPException`'s `{"detail": "..."}`, or API Gateway's own `{"message": "..."}`.
struct FastAPIError: HTTPResponseError, Sendable {
    /// What the body says.
    enum Body: Sendable, Equatable {
        /// FastAPI's `RequestValidationError`: `{"detail": [issue, …]}`.
        case validation([PydanticIssue])
        /// An `HTTPException`: `{"detail": "text"}`.
        case detail(String)
        /// An answer of API Gateway in front of the function: `{"message": "text"}`.
        case gateway(String)
    }

    /// The HTTP status.
    let status: HTTPResponse.Status
    /// The body.
    let body: Body
    /// Extra headers (`Allow` on a 405).
    var headers: HTTPFields = [:]

    /// 422 listing pydantic's issues.
    static func validation(_ issues: [PydanticIssue]) -> FastAPIError {
        .init(status: .unprocessableContent, body: .validation(issues))
    }

    /// An `HTTPException(status_code, detail)`.
    static func http(_ status: HTTPResponse.Status, _ detail: String) -> FastAPIError {
        .init(status: status, body: .detail(detail))
    }

    /// The body as JSON text.
    var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        switch self.body {
        case .validation(let issues):
            writer.beginArray("detail")
            for issue in issues { issue.write(to: &writer) }
            writer.endArray()
        case .detail(let text):
            writer.string(text, key: "detail")
        case .gateway(let text):
            writer.string(text, key: "message")
        }
        writer.endObject()
        return writer.text
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status: self.status, json: self.json, headers: self.headers)
    }
}
