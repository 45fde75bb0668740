import Hummingbird
import Logging

/// Logs one line per request at `info`: method, path, status and duration.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Where the lines go.
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
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
        guard self.logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - start
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        let milliseconds = Double(microseconds) / 1000
        self.logger.info("\(request.method.rawValue) \(request.uri.path) \(status) \(milliseconds)ms")
    }
}
