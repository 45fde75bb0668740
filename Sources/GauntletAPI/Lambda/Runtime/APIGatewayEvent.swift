import Foundation
import GauntletJSON

/// An API Gateway proxy event as Lambda delivers it: REST API (payload 1.0) or HTTP API
/// (payload 2.0), read into the one request the router serves.
///
/// The stage prefix is not part of the route: a REST API's `path` never has it, and an HTTP
/// API's `rawPath` has it for a named stage (`/prod/events`), which is removed here.
struct APIGatewayEvent: Sendable, Equatable {
    /// Which payload format the event came in; the response goes back in the same one.
    enum Version: Sendable, Equatable {
        case rest, http
    }

    var version: Version
    var method: String
    /// Path and query as the router sees them: `/events/abc?status=active`.
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    static func == (lhs: APIGatewayEvent, rhs: APIGatewayEvent) -> Bool {
        lhs.version == rhs.version && lhs.method == rhs.method && lhs.target == rhs.target && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }

    /// Why an event could not be read.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(json bytes: [UInt8]) throws {
        let event: JSONValue
        do { event = try JSONValue(parsing: bytes) } catch { throw Malformed(description: "the event is not JSON: \(error)") }
        if event["version"]?.stringValue == "2.0" {
            try self.init(http: event)
        } else {
            try self.init(rest: event)
        }
    }

    private init(rest event: JSONValue) throws {
        guard let method = event["httpMethod"]?.stringValue, let path = event["path"]?.stringValue else {
            throw Malformed(description: "a REST API event needs httpMethod and path")
        }
        var query: [(String, String)] = []
        if case .object(let multi)? = event["multiValueQueryStringParameters"] {
            for (name, values) in multi { for value in values.arrayValue ?? [] { query.append((name, value.stringValue ?? "")) } }
        } else if case .object(let single)? = event["queryStringParameters"] {
            for (name, value) in single { query.append((name, value.stringValue ?? "")) }
        }
        var headers: [(String, String)] = []
        if case .object(let multi)? = event["multiValueHeaders"] {
            for (name, values) in multi { for value in values.arrayValue ?? [] { headers.append((name, value.stringValue ?? "")) } }
        } else if case .object(let single)? = event["headers"] {
            for (name, value) in single { headers.append((name, value.stringValue ?? "")) }
        }
        self.init(
            version: .rest, method: method, target: Self.target(path: path, query: Self.encodedQuery(query)), headers: headers,
            body: try Self.body(event))
    }

    private init(http event: JSONValue) throws {
        guard let method = event["requestContext"]?["http"]?["method"]?.stringValue, var path = event["rawPath"]?.stringValue else {
            throw Malformed(description: "an HTTP API event needs requestContext.http.method and rawPath")
        }
        if let stage = event["requestContext"]?["stage"]?.stringValue, stage != "$default", path.hasPrefix("/\(stage)") {
            path = String(path.dropFirst(stage.count + 1))
            if path.isEmpty { path = "/" }
        }
        var headers: [(String, String)] = []
        if case .object(let single)? = event["headers"] {
            for (name, value) in single { headers.append((name, value.stringValue ?? "")) }
        }
        if let cookies = event["cookies"]?.arrayValue, !cookies.isEmpty {
            headers.append(("cookie", cookies.compactMap(\.stringValue).joined(separator: "; ")))
        }
        self.init(
            version: .http, method: method, target: Self.target(path: path, query: event["rawQueryString"]?.stringValue ?? ""),
            headers: headers, body: try Self.body(event))
    }

    private init(version: Version, method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.version = version
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    private static func body(_ event: JSONValue) throws -> [UInt8] {
        guard let text = event["body"]?.stringValue else { return [] }
        guard event["isBase64Encoded"]?.boolValue == true else { return Array(text.utf8) }
        guard let data = Data(base64Encoded: text) else { throw Malformed(description: "isBase64Encoded, but the body is not base64") }
        return Array(data)
    }

    private static func target(path: String, query: String) -> String {
        // API Gateway gives the path decoded; the router reads it percent-encoded.
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? String($0) }
            .joined(separator: "/")
        return query.isEmpty ? encoded : encoded + "?" + query
    }

    private static func encodedQuery(_ pairs: [(String, String)]) -> String {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(["&", "=", "+"])
        return pairs.map { ($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0) + "=" + ($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1) }
            .joined(separator: "&")
    }
}
