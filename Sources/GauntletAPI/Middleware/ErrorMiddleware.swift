import Hummingbird
import Logging

/// Turns every error that leaves a handler or the router into a JSON response with `detail`,
/// so that no path falls back to Hummingbird's `{"error":{...}}` body or its empty 500.
///
/// The router's own 404 becomes 405 with `Allow` when the path is served but the method is not.
/// Errors that are not ``APIError`` or `HTTPResponseError` are logged and answer
/// `500 {"detail": "Internal Server Error"}`.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The paths the API serves.
    let knownPath: KnownPath
    /// The deliberate deviations in force.
    let defects: Set<ContractDefect>
    /// Where unexpected errors are logged.
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = self.render(error)
        } catch let error as any HTTPResponseError {
            response = self.render(self.translate(error, request: request))
        } catch {
            self.logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            response = self.render(.internalError)
        }
        if self.defects.contains(.textContentType), response.headers[.contentType] == "application/json" {
            response.headers[.contentType] = "text/plain; charset=utf-8"
        }
        return response
    }

    /// Maps Hummingbird's errors (the router's 404, a body too large, ...) to ``APIError``.
    private func translate(_ error: any HTTPResponseError, request: Request) -> APIError {
        if error.status == .notFound {
            guard let allowed = self.knownPath.allowedMethods(for: request.uri.path) else { return .pathNotFound }
            if self.defects.contains(.methodNotAllowed404) { return .pathNotFound }
            let served = self.defects.contains(.noPreflight) ? allowed.filter { $0 != .options } : allowed
            return .methodNotAllowed(allowed: served)
        }
        if error.status == .contentTooLarge { return .payloadTooLarge(limit: 1 << 20) }
        return APIError(status: error.status, detail: .message(error.status.reasonPhrase))
    }

    /// The error's response, shaped as the contract says unless a defect says otherwise.
    func render(_ error: APIError) -> Response {
        let status: HTTPResponse.Status =
            error.isValidation && self.defects.contains(.validation422) ? .unprocessableContent : error.status
        var writer = JSONWriter()
        if self.defects.contains(.errorsWithoutDetail) {
            writer.beginObject()
            writer.string(error.message, key: "error")
            writer.endObject()
            return JSONResponse.make(status: status, json: writer.text, headers: error.headers)
        }
        if error.isValidation, self.defects.contains(.validationDetailString) {
            writer.beginObject()
            writer.string(error.message, key: "detail")
            writer.endObject()
            return JSONResponse.make(status: status, json: writer.text, headers: error.headers)
        }
        return JSONResponse.make(status: status, json: error.body, headers: error.headers)
    }
}
