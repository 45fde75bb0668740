import Hummingbird
import Logging

/// Renders every error as the FastAPI application answers it: ``FastAPIError``s as they are,
/// the router's 404 as Starlette's `404 {"detail":"Not Found"}`, or, on a served path with
/// another method, `405 {"detail":"Method Not Allowed"}` with the `Allow` of the path's first
/// route (`GET, HEAD`), as Starlette's router does.
struct FastAPIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The paths the application serves.
    let knownPath: KnownPath
    /// Where unexpected errors are logged.
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as FastAPIError {
            return try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            guard self.knownPath.allowedMethods(for: request.uri.path) != nil else {
                return try FastAPIError.http(.notFound, "Not Found").response(from: request, context: context)
            }
            var notAllowed = FastAPIError.http(.methodNotAllowed, "Method Not Allowed")
            notAllowed.headers[.allow] = "GET, HEAD"
            return try notAllowed.response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return try FastAPIError(status: .contentTooLarge, body: .gateway("Request Too Long"))
                .response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try FastAPIError.http(error.status, error.status.reasonPhrase).response(from: request, context: context)
        } catch {
            self.logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return try FastAPIError.http(.internalServerError, "Internal Server Error").response(from: request, context: context)
        }
    }
}
