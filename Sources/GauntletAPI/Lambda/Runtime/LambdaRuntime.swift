import Foundation
public import GauntletHTTP
import GauntletJSON
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded

/// `events-api` as an AWS Lambda function on a custom runtime (`provided.al2023`): the
/// `bootstrap` loop over the Runtime API, each invocation an API Gateway proxy event (REST or
/// HTTP API) served by the same routes and middleware as the HTTP server, and answered in the
/// event's own payload format.
///
/// Every response carries `X-Cold-Start: true` on the first invocation of the process and
/// `false` after, as the emulation does, so that `gauntlet load` tells cold starts from warm
/// ones on the real thing by header, and `X-Lambda-Request-Id` with the invocation's Lambda
/// request id (the Runtime API's `Lambda-Runtime-Aws-Request-Id`), so that
/// `gauntlet load --cold-start-log` matches each request to its `REPORT` record in the
/// function's CloudWatch log.
public struct LambdaRuntime: Sendable {
    let api: LambdaRuntimeAPI
    let configuration: APIConfiguration
    /// The response header carrying the Lambda request id.
    public static let requestIDHeader = "X-Lambda-Request-Id"
    /// Where to write a ``LambdaReportLine`` after each invocation, as the Lambda platform
    /// logs one; nil on real Lambda, which writes its own (`EVENTS_API_REPORT_LINES=1` sets it
    /// to stdout for a Runtime API emulator).
    public var reportLines: (@Sendable (String) -> Void)?

    /// A runtime for the Runtime API at `address` (`AWS_LAMBDA_RUNTIME_API`).
    public init(runtimeAPI address: String, configuration: APIConfiguration, client: CurlClient = .shared) {
        self.api = LambdaRuntimeAPI(address: address, client: client)
        self.configuration = configuration
    }

    /// Opens the store, then serves invocations until `invocations` have been served (forever
    /// when `nil`, as in Lambda, where the process is frozen between them and ended by Lambda).
    /// - Throws: when the Runtime API cannot be reached; a store that cannot be opened is
    ///   reported to it as an initialization error first.
    public func run(invocations: Int? = nil) async throws {
        let initStart = ContinuousClock.now
        let store: any EventStore
        do {
            store = try await configuration.store.makeStore()
        } catch {
            try await api.failInitialization(type: "Runtime.StoreUnavailable", message: "\(error)")
            throw error
        }
        let (responder, logger) = buildResponder(configuration, store: store)
        // The routes' context wants a channel; an embedded one stands in for the connection
        // that API Gateway, not this process, holds.
        let channel = EmbeddedChannel()
        var served = 0
        let initDuration = ContinuousClock.now - initStart
        while invocations.map({ served < $0 }) ?? true {
            let invocation = try await api.next()
            let received = ContinuousClock.now
            let cold = served == 0
            served += 1
            let event: APIGatewayEvent
            do {
                event = try APIGatewayEvent(json: invocation.event)
            } catch {
                try await api.fail(invocation.requestID, type: "Runtime.InvalidEvent", message: "\(error)")
                continue
            }
            let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
            var response = await Self.serve(event, responder: responder, context: context)
            response.headers.append(("X-Cold-Start", cold ? "true" : "false"))
            response.headers.append((Self.requestIDHeader, invocation.requestID))
            try await api.respond(to: invocation.requestID, with: Array(response.json(for: event.version).serialized().utf8))
            if let reportLines {
                let line = LambdaReportLine(
                    requestID: invocation.requestID, duration: ContinuousClock.now - received, initDuration: cold ? initDuration : nil,
                    memorySizeMB: LambdaReportLine.memorySizeMB, maxMemoryUsedMB: LambdaReportLine.peakMemoryMB, end: Date())
                reportLines(line.text)
            }
        }
    }

    /// One event through the routes.
    static func serve(_ event: APIGatewayEvent, responder: some HTTPResponder<BasicRequestContext>, context: BasicRequestContext) async -> APIGatewayResponse {
        var fields = HTTPFields()
        for (name, value) in event.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let head = HTTPRequest(method: HTTPRequest.Method(event.method) ?? .get, scheme: "https", authority: "lambda", path: event.target, headerFields: fields)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: event.body)))
        do {
            let response = try await responder.respond(to: request, context: context)
            let collector = CollectedBody()
            try await response.body.write(collector)
            return APIGatewayResponse(
                status: response.status.code, headers: response.headers.map { ($0.name.rawName, $0.value) }, body: collector.bytes)
        } catch {
            // The routes answer every error themselves; this is the last resort, as API
            // Gateway's own answer to a failed integration.
            return APIGatewayResponse(status: 502, headers: [("Content-Type", "application/json")], body: Array(#"{"message":"Internal server error"}"#.utf8))
        }
    }
}

/// Keeps a response body's bytes.
private final class CollectedBody: ResponseBodyWriter, @unchecked Sendable {
    var bytes: [UInt8] = []

    func write(_ buffer: ByteBuffer) async throws {
        bytes += buffer.readableBytesView
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
