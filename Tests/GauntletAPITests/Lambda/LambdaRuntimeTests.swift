import Foundation
import GauntletAPI
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging
import Synchronization
import Testing

/// `events-api` as a Lambda function: API Gateway events of every route, in both payload
/// formats, through a Runtime API the test serves, answered as API Gateway expects.
@Suite(.timeLimit(.minutes(1))) struct LambdaRuntimeTests {
    /// A Runtime API: hands out the queued events, keeps what the function posts back.
    final class RuntimeAPIStub: Sendable {
        let queue: Mutex<[String]>
        let answers = Mutex<[(id: String, kind: String, body: String)]>([])

        init(events: [String]) { queue = Mutex(events) }

        func application() -> some ApplicationProtocol {
            let router = Router()
            router.get("2018-06-01/runtime/invocation/next") { _, _ -> Response in
                let next = self.queue.withLock { queue -> (Int, String)? in
                    guard !queue.isEmpty else { return nil }
                    return (queue.count, queue.removeFirst())
                }
                guard let (left, event) = next else { return Response(status: .gone) }
                return Response(
                    status: .ok, headers: [HTTPField.Name("Lambda-Runtime-Aws-Request-Id")!: "request-\(left)"],
                    body: .init(byteBuffer: ByteBuffer(string: event)))
            }
            for kind in ["response", "error"] {
                router.post("2018-06-01/runtime/invocation/:id/\(kind)") { request, context -> Response in
                    let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                    let id = context.parameters.get("id") ?? ""
                    self.answers.withLock { $0.append((id, kind, body)) }
                    return Response(status: .accepted)
                }
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    static func restEvent(_ method: String, _ path: String, query: [String: String]? = nil, body: String? = nil) -> String {
        var event: JSONObject = [
            "resource": "/{proxy+}", "path": .string(path), "httpMethod": .string(method),
            "headers": ["Content-Type": "application/json", "Host": "abc123.execute-api.eu-west-1.amazonaws.com"],
            "multiValueHeaders": ["Content-Type": ["application/json"], "Host": ["abc123.execute-api.eu-west-1.amazonaws.com"]],
            "queryStringParameters": query.map { .object(JSONObject($0.map { ($0.key, JSONValue.string($0.value)) })) } ?? .null,
            "multiValueQueryStringParameters": query.map { .object(JSONObject($0.map { ($0.key, JSONValue.array([.string($0.value)])) })) } ?? .null,
            "pathParameters": ["proxy": .string(String(path.dropFirst()))], "stageVariables": .null,
            "requestContext": ["stage": "prod", "path": .string("/prod" + path), "httpMethod": .string(method), "requestId": "c6af9ac6"],
            "body": body.map(JSONValue.string) ?? .null, "isBase64Encoded": false,
        ]
        _ = event.updateValue("1.0", forKey: "version")
        return JSONValue.object(event).serialized()
    }

    static func httpEvent(_ method: String, _ path: String, query: String = "", body: String? = nil, base64: Bool = false) -> String {
        let text = body.map { base64 ? Data($0.utf8).base64EncodedString() : $0 }
        return JSONValue.object([
            "version": "2.0", "routeKey": "$default", "rawPath": .string("/prod" + path), "rawQueryString": .string(query),
            "headers": ["content-type": "application/json", "host": "abc123.execute-api.eu-west-1.amazonaws.com"],
            "requestContext": ["stage": "prod", "http": ["method": .string(method), "path": .string("/prod" + path)], "requestId": "JKJaXmPLvHcESHA="],
            "body": text.map(JSONValue.string) ?? .null, "isBase64Encoded": .bool(base64),
        ]).serialized()
    }

    /// API Gateway events in the shape AWS documents for a `{proxy+}` resource on the `prod`
    /// stage (REST API payload 1.0, HTTP API payload 2.0 with a base64 PUT body): one per route
    /// and outcome, run in the order of their names. Written from API Gateway's developer guide,
    /// not captured from a live account.
    static let eventsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Events")

    /// The status each event's response must carry, by file name, the same in both formats.
    static let expectedStatus: [String: Int] = [
        "01-create": 201, "02-create-duplicate": 409, "03-read": 200, "04-list-active": 200, "05-update": 200,
        "06-update-invalid": 400, "07-preflight": 204, "08-delete": 200, "09-read-deleted": 404, "10-health": 200,
    ]

    @Test("The documented API Gateway events of every route, REST (1.0) and HTTP API (2.0), get the contract's answers", arguments: ["rest", "http"])
    func documentedEvents(_ format: String) async throws {
        let directory = Self.eventsDirectory.appendingPathComponent(format)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.map { String($0.dropLast(5)) } == Self.expectedStatus.keys.sorted())
        let events = try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
        let stub = RuntimeAPIStub(events: events)
        try await stub.application().test(.live) { client in
            var configuration = APIConfiguration(port: 0, logLevel: .error)
            configuration.store = .memory
            try await LambdaRuntime(runtimeAPI: "127.0.0.1:\(client.port ?? 0)", configuration: configuration).run(invocations: events.count)
        }
        let answers = stub.answers.withLock { $0 }
        try #require(answers.count == events.count)
        for (name, answer) in zip(names, answers) {
            let response = try JSONValue(parsing: answer.body)
            #expect(answer.kind == "response", "\(format)/\(name)")
            #expect(response["statusCode"]?.intValue == Self.expectedStatus[String(name.dropLast(5))].map(Int64.init), "\(format)/\(name): \(answer.body)")
        }
        let bodies = try answers.map { try JSONValue(parsing: $0.body)["body"]?.stringValue ?? "" }
        #expect(try JSONValue(parsing: bodies[2])["eventId"] == "lambda-1")
        #expect(try JSONValue(parsing: bodies[3])["events"]?.arrayValue?.count == 1)
        #expect(try JSONValue(parsing: bodies[4])["title"] == "Renamed")
        #expect(try JSONValue(parsing: bodies[4])["eventCapacity"] == 250)
        #expect(try JSONValue(parsing: bodies[5])["detail"] != nil)
        let preflight = try JSONValue(parsing: answers[6].body)["headers"]
        #expect(preflight?["Access-Control-Allow-Methods"]?.stringValue?.contains("PUT") == true)
    }

    static let event = #"{"eventId":"lambda-1","title":"T","description":"D","date":"2025-06-01","location":"L","capacity":5,"organizer":"O","status":"active"}"#

    @Test("Every route in REST (1.0) and HTTP API (2.0) events, stage prefix and base64 bodies included")
    func everyRoute() async throws {
        let events = [
            Self.restEvent("POST", "/events", body: Self.event),
            Self.restEvent("GET", "/events/lambda-1"),
            Self.httpEvent("GET", "/events", query: "status=active"),
            Self.httpEvent("PUT", "/events/lambda-1", body: #"{"title":"New"}"#, base64: true),
            Self.restEvent("GET", "/events", query: ["status": "cancelled"]),
            Self.httpEvent("DELETE", "/events/lambda-1"),
            Self.restEvent("GET", "/events/lambda-1"),
            "not an event",
        ]
        let stub = RuntimeAPIStub(events: events)
        try await stub.application().test(.live) { client in
            var configuration = APIConfiguration(port: 0, logLevel: .error)
            configuration.store = .memory
            let runtime = LambdaRuntime(runtimeAPI: "127.0.0.1:\(client.port ?? 0)", configuration: configuration)
            try await runtime.run(invocations: events.count)
        }
        let answers = stub.answers.withLock { $0 }
        try #require(answers.count == events.count)
        let responses = try answers.dropLast().map { try JSONValue(parsing: $0.body) }
        #expect(responses.map { $0["statusCode"]?.intValue } == [201, 200, 200, 200, 200, 200, 404])
        #expect(try JSONValue(parsing: responses[1]["body"]?.stringValue ?? "")["eventDate"] == "2025-06-01")
        #expect(try JSONValue(parsing: responses[2]["body"]?.stringValue ?? "")["events"]?.arrayValue?.count == 1)
        #expect(try JSONValue(parsing: responses[3]["body"]?.stringValue ?? "")["title"] == "New")
        #expect(try JSONValue(parsing: responses[4]["body"]?.stringValue ?? "")["events"]?.arrayValue?.count == 0)
        // The first invocation of the process is the cold one.
        #expect(responses.map { $0["headers"]?["X-Cold-Start"]?.stringValue } == ["true"] + Array(repeating: "false", count: 6))
        #expect(responses.allSatisfy { $0["headers"]?["Access-Control-Allow-Origin"] == "*" })
        // REST API responses also carry multiValueHeaders; HTTP API ones do not.
        #expect(responses[0]["multiValueHeaders"]?["Content-Type"] != nil)
        #expect(responses[2]["multiValueHeaders"] == nil)
        #expect(responses.allSatisfy { $0["isBase64Encoded"] == false })
        // An event that is not API Gateway's is an invocation error, and the loop goes on.
        #expect(answers.last?.kind == "error")
        #expect(answers.last?.body.contains("Runtime.InvalidEvent") == true)
    }
}
