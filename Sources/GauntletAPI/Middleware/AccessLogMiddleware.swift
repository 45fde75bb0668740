import Hummingbird
import Logging

/// Logs one line per request at `info`: method, path, status and duration.
///
/// With an ``AccessLogWriter`` (the `events-api` binary) lines are formatted as bytes and written
/// in batches; without one (tests, the Lambda runtime) they go through `logger`, one
/// `logger.info` per request. Both write the same text.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Decides whether lines are written at all (level `info` or more verbose), and writes them
    /// when there is no writer.
    let logger: Logger
    /// The batching writer, or nil to log through `logger`.
    let writer: AccessLogWriter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard self.logger.logLevel <= .info else { return try await next(request, context) }
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            self.log(request, status: response.status.code, since: start)
            return response
        } catch {
            self.log(request, status: 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        if let writer = self.writer {
            writer.log(method: request.method.rawValue, target: request.head.path ?? "/", status: status, microseconds: microseconds)
            return
        }
        let milliseconds = Double(microseconds) / 1000
        self.logger.info("\(request.method.rawValue) \(request.uri.path) \(status) \(milliseconds)ms")
    }
}
