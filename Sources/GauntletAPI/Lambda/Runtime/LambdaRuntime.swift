public import Foundation
public import GauntletHTTP
import GauntletJSON
public import Hummingbird
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
/// ones on the real thing by header.
public struct LambdaRuntime: Sendable {
    let api: LambdaRuntimeAPI
    let configuration: APIConfiguration

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
        while invocations.map({ served < $0 }) ?? true {
            let invocation = try await api.next()
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
            try await api.respond(to: invocation.requestID, with: Array(response.json(for: event.version).serialized().utf8))
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
