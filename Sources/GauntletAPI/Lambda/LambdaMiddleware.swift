public import Hummingbird
public import HTTPTypes
import Foundation

/// Serves each request as a Lambda function behind API Gateway would: on an instance of an
/// ``InstancePool``, paying a cold start on a new one, throttled beyond the concurrency limit,
/// and cut off at the timeout.
///
/// - A served response carries `X-Cold-Start: true|false`, `X-Instance-Id` and
///   `X-Lambda-Request-Id` (a new UUID per invocation, as the Lambda runtime returns Lambda's).
/// - A throttled request answers `429 {"message":"Too Many Requests"}` with
///   `X-Amzn-ErrorType: TooManyRequestsException`, as API Gateway answers a throttled Lambda. No
///   instance served it, so it carries no `X-Cold-Start` or `X-Instance-Id`.
/// - A request not answered within the timeout answers `504 {"message":"Endpoint request timed
///   out"}` with `X-Amzn-ErrorType: InternalServerErrorException`, plus the instance headers.
///   The timeout counts from the request's arrival, cold start included, as API Gateway's
///   integration timeout does. When the cold start alone overruns it, the 504 goes out at the
///   deadline, the handler never runs, and the instance stays busy until its start-up ends,
///   then is free and warm. When the handler itself overruns, it runs to completion (its
///   effects stand, as a Lambda's do after API Gateway gave up) and the 504 goes out then:
///   in-process, a handler cannot be abandoned mid-way.
///
/// Installed after the CORS middleware, so that 429 and 504 still get CORS headers and preflight
/// `OPTIONS` requests are answered by the CORS middleware without an instance, as API Gateway
/// answers CORS preflights itself (a mock integration), never invoking the function. Installed
/// before the error middleware, so that every error a handler throws is already a response.
public struct LambdaMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The emulation's settings.
    public let emulation: LambdaEmulation
    /// The instances.
    public let pool: InstancePool<ContinuousClock>

    /// The header that says whether the request paid a cold start.
    public static var coldStartHeader: HTTPField.Name { HTTPField.Name("X-Cold-Start")! }
    /// The header that names the instance that served the request.
    public static var instanceIDHeader: HTTPField.Name { HTTPField.Name("X-Instance-Id")! }
    /// The header with the invocation's request id, as `LambdaRuntime` returns it.
    public static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Lambda-Request-Id")! }
    /// API Gateway's error-type header.
    public static var errorTypeHeader: HTTPField.Name { HTTPField.Name("X-Amzn-ErrorType")! }

    /// Creates the middleware.
    /// - Parameters:
    ///   - emulation: Cold start, timeout and limits.
    ///   - pool: The instances; by default a new pool for `emulation`.
    public init(emulation: LambdaEmulation, pool: InstancePool<ContinuousClock>? = nil) {
        self.emulation = emulation
        self.pool = pool ?? InstancePool(emulation)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let lease = await self.pool.acquire() else { return Self.throttled() }
        let arrival = ContinuousClock.now
        let deadline = self.emulation.timeout.map { arrival + $0 }
        if lease.isColdStart {
            let ready = arrival + self.emulation.coldStart.sample()
            if let deadline, deadline < ready {
                try? await Task.sleep(until: deadline, clock: .continuous)
                let pool = self.pool
                Task {
                    try? await Task.sleep(until: ready, clock: .continuous)
                    await pool.release(lease)
                }
                return Self.decorate(Self.timedOut(), lease: lease)
            }
            // A cancelled sleep (the server shutting down) still serves the request.
            try? await Task.sleep(until: ready, clock: .continuous)
        }
        var generator = SystemRandomNumberGenerator()
        var invocation = self.emulation.warmTime.sample(using: &generator)
        if !lease.isColdStart, let stall = self.emulation.warmStall { invocation += stall.sample(using: &generator) }
        if invocation > .zero { try? await Task.sleep(for: invocation) }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            await self.pool.release(lease)
            throw error
        }
        await self.pool.release(lease)
        if let deadline, ContinuousClock.now > deadline {
            return Self.decorate(Self.timedOut(), lease: lease)
        }
        return Self.decorate(response, lease: lease)
    }

    /// Adds the instance headers.
    private static func decorate(_ response: Response, lease: InstancePool<ContinuousClock>.Lease) -> Response {
        var response = response
        response.headers[Self.coldStartHeader] = lease.isColdStart ? "true" : "false"
        response.headers[Self.instanceIDHeader] = lease.instanceID
        response.headers[Self.requestIDHeader] = UUID().uuidString.lowercased()
        return response
    }

    /// API Gateway's answer to a throttled Lambda.
    static func throttled() -> Response {
        gatewayError(.tooManyRequests, message: "Too Many Requests", errorType: "TooManyRequestsException")
    }

    /// API Gateway's answer when the integration timed out.
    static func timedOut() -> Response {
        gatewayError(.gatewayTimeout, message: "Endpoint request timed out", errorType: "InternalServerErrorException")
    }

    /// An error API Gateway itself answers: `{"message": …}` and the `X-Amzn-ErrorType` header.
    static func gatewayError(_ status: HTTPResponse.Status, message: String, errorType: String) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string(message, key: "message")
        writer.endObject()
        return JSONResponse.make(status: status, json: writer.text, headers: [Self.errorTypeHeader: errorType])
    }
}
