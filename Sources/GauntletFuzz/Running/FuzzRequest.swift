public import GauntletHTTP
public import GauntletJSON
import Foundation

/// A request fuzzing sends: an operation's method, a concrete path, query, headers and body.
public struct FuzzRequest: Sendable, Hashable {
    /// A request body.
    public enum Body: Sendable, Hashable {
        /// A JSON document, written as ``JSONValue/serialized(pretty:sortedKeys:)`` writes it
        /// (an integer held as a double keeps its `.0`).
        case json(JSONValue)
        /// Bytes that need not be JSON (or UTF-8), with the Content-Type to send.
        case raw([UInt8], contentType: String)

        /// The bytes on the wire.
        public var bytes: [UInt8] {
            switch self {
            case .json(let value): Array(value.serialized(sortedKeys: false).utf8)
            case .raw(let bytes, _): bytes
            }
        }
    }

    public var method: String
    /// The path with its parameters filled in (``ResourceKind/fill(_:_:)``), not yet
    /// percent-encoded but for a `%` or `/` in a parameter's value (``segment(_:)``): an id
    /// holding `/` (base64) is one segment, as a deployment that made it routes it.
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [HTTPHeader]
    public var body: Body?

    public init(method: String, path: String, query: [(name: String, value: String)] = [], headers: [HTTPHeader] = [], body: Body? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path and query as sent: each path segment and query part percent-encoded (a
    /// segment's `%25` and `%2F` as they are).
    public var target: String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: Self.unreservedOrEscape) ?? String($0)
        }
        var target = segments.joined(separator: "/")
        if !query.isEmpty {
            target += "?" + query.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
        }
        return target
    }

    /// The libcurl request against `baseURL`.
    public func spec(baseURL: String, headers extra: [HTTPHeader], options: TransferOptions) -> RequestSpec {
        var all = extra + headers
        if let body, !all.contains(where: { $0.name.lowercased() == "content-type" }) {
            switch body {
            case .json: all.append(HTTPHeader("Content-Type", "application/json"))
            case .raw(_, let contentType): all.append(HTTPHeader("Content-Type", contentType))
            }
        }
        return RequestSpec(method: method, url: baseURL + target, headers: all, body: body?.bytes, options: options)
    }

    /// `METHOD /path?query`, for messages.
    public var line: String { "\(method) \(target)" }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@!$'()*,;")

    private static let unreservedOrEscape = unreserved.union(CharacterSet(charactersIn: "%"))

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `value` as one segment of a ``path``: its `%` written `%25` and its `/` `%2F`.
    static func segment(_ value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    /// The segments of `path`, each the value it holds (``segment(_:)`` undone).
    static func segments(of path: String) -> [String] {
        // Every `%` in a segment begins `%25` or `%2F`, so `%2F` is undone first.
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%25", with: "%")
        }
    }

    public static func == (lhs: FuzzRequest, rhs: FuzzRequest) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.headers == rhs.headers && lhs.body == rhs.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(target)
        hasher.combine(body)
    }
}
