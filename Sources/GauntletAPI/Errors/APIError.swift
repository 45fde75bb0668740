public import Hummingbird

/// The one error type the API's handlers throw: a status plus a FastAPI-style `detail`.
///
/// It renders as `{"detail": "Event not found"}`, or for validation failures as
/// `{"detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}` naming each bad field.
/// `ErrorMiddleware` renders it (applying any `ContractDefect` that changes error shapes); its
/// own `response(from:context:)` renders the contract form, so it is never Hummingbird's
/// default body.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The contents of `detail`.
    public enum Detail: Sendable, Equatable {
        /// A plain message.
        case message(String)
        /// One entry per bad input.
        case issues([ValidationIssue])
    }

    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The body's `detail`.
    public let detail: Detail
    /// Extra response headers (`Allow` on a 405).
    public let headers: HTTPFields

    /// Creates an error.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - detail: The body's `detail`.
    ///   - headers: Extra response headers.
    public init(status: HTTPResponse.Status, detail: Detail, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// Whether this is a request-validation failure (a 400 listing issues).
    public var isValidation: Bool {
        if case .issues = self.detail { return true }
        return false
    }

    /// `detail` as one line of text.
    public var message: String {
        switch self.detail {
        case .message(let text): text
        case .issues(let issues): issues.map(\.summary).joined(separator: "; ")
        }
    }

    /// For logs: the status and the message.
    public var description: String { "APIError(\(self.status.code)): \(self.message)" }

    // MARK: - The errors the API answers

    /// 400 listing each bad input.
    public static func validation(_ issues: [ValidationIssue]) -> Self {
        .init(status: .badRequest, detail: .issues(issues))
    }

    /// 404 for an event id that is not stored.
    public static let eventNotFound = APIError(status: .notFound, detail: .message("Event not found"))
    /// 404 for a path the API does not serve.
    public static let pathNotFound = APIError(status: .notFound, detail: .message("Not Found"))
    /// 409 for a create of an existing id.
    public static func conflict(id: String) -> Self {
        .init(status: .conflict, detail: .message("Event with ID \(id) already exists"))
    }
    /// 413 for a body over the limit.
    public static func payloadTooLarge(limit: Int) -> Self {
        .init(status: .contentTooLarge, detail: .message("Request body exceeds the limit of \(limit) bytes"))
    }
    /// 413 for an event the store cannot hold as one item (DynamoDB's 400 KB item limit), although
    /// its request body was within the API's own limit.
    public static let itemTooLarge = APIError(
        status: .contentTooLarge,
        detail: .message("The event is larger than the store can hold as one item (400 KB in DynamoDB)")
    )
    /// 415 for a body that is not labelled `application/json`.
    public static let unsupportedMediaType = APIError(
        status: .unsupportedMediaType,
        detail: .message("Content-Type must be application/json")
    )
    /// 405 for a method the path does not serve, with the `Allow` header listing those it does.
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> Self {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return .init(status: .methodNotAllowed, detail: .message("Method Not Allowed"), headers: headers)
    }
    /// 503 when the store cannot take the call now (throttled past its retries, out of reach);
    /// the cause is logged, never sent.
    public static let serviceUnavailable = APIError(status: .serviceUnavailable, detail: .message("Service Unavailable"))
    /// 500 with the contract's fixed message; the cause is logged, never sent.
    public static let internalError = APIError(status: .internalServerError, detail: .message("Internal Server Error"))

    // MARK: - Rendering

    /// The JSON body in the contract's form.
    public var body: String {
        var writer = JSONWriter()
        writer.beginObject()
        switch self.detail {
        case .message(let text):
            writer.string(text, key: "detail")
        case .issues(let issues):
            writer.beginArray("detail")
            for issue in issues { issue.write(to: &writer) }
            writer.endArray()
        }
        writer.endObject()
        return writer.text
    }

    /// Renders the contract form: `{"detail": ...}` with `Content-Type: application/json`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status: self.status, json: self.body, headers: self.headers)
    }
}
