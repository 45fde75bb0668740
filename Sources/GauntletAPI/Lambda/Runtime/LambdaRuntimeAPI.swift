import GauntletHTTP
import GauntletJSON

/// The Lambda Runtime API (`AWS_LAMBDA_RUNTIME_API`), spoken through the project's libcurl
/// engine: wait for the next invocation, post its response or its error.
struct LambdaRuntimeAPI: Sendable {
    /// `host:port`, as Lambda sets it.
    let address: String
    let client: CurlClient

    /// One invocation: its request id and its event.
    struct Invocation: Sendable {
        var requestID: String
        var event: [UInt8]
    }

    /// Why the Runtime API could not be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var base: String { "http://\(address)/2018-06-01/runtime" }

    /// Waits (without a time limit, as Lambda expects) for the next invocation.
    func next() async throws -> Invocation {
        var options = TransferOptions()
        options.timeouts = Timeouts(connect: .seconds(5), total: .zero)
        let exchange = try await client.execute(RequestSpec(url: base + "/invocation/next", options: options))
        guard exchange.response.status == 200, let id = exchange.response.header("Lambda-Runtime-Aws-Request-Id") else {
            throw Failure(description: "the Runtime API answered \(exchange.response.status) to invocation/next")
        }
        return Invocation(requestID: id, event: exchange.response.body)
    }

    func respond(to id: String, with body: [UInt8]) async throws {
        try await post(base + "/invocation/\(id)/response", body: body)
    }

    /// Reports an invocation that could not be served (an event that is not API Gateway's).
    func fail(_ id: String, type: String, message: String) async throws {
        try await post(base + "/invocation/\(id)/error", body: Self.errorBody(type: type, message: message), errorType: type)
    }

    /// Reports a runtime that could not start (a store that cannot be opened).
    func failInitialization(type: String, message: String) async throws {
        try await post(base + "/init/error", body: Self.errorBody(type: type, message: message), errorType: type)
    }

    private func post(_ url: String, body: [UInt8], errorType: String? = nil) async throws {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        if let errorType { headers.append(HTTPHeader("Lambda-Runtime-Function-Error-Type", errorType)) }
        let exchange = try await client.execute(RequestSpec(method: "POST", url: url, headers: headers, body: body))
        guard (200..<300).contains(exchange.response.status) else {
            throw Failure(description: "the Runtime API answered \(exchange.response.status) to \(url)")
        }
    }

    private static func errorBody(type: String, message: String) -> [UInt8] {
        Array(JSONValue.object(["errorType": .string(type), "errorMessage": .string(message)]).serialized().utf8)
    }
}
