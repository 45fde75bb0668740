public import GauntletJSON

/// A request as written in a scenario: every string may hold placeholders, filled at run time.
public struct RequestTemplate: Sendable {
    /// Where the request goes.
    public enum Target: Sendable, Hashable {
        /// A path joined to the base URL under test (`/events/{{id}}`).
        case path(String)
        /// An absolute URL, used as is.
        case url(String)
    }

    /// The request body.
    public enum Body: Sendable, Hashable {
        /// A JSON document (any YAML value), sent with `Content-Type: application/json` unless a
        /// header says otherwise. After rendering, `omit` removes keys from a top-level object
        /// and `merge` sets keys in it, so a table of cases can vary one field of a shared event.
        case json(JSONValue, omit: [String], merge: [String: JSONValue])
        /// Text sent as is (UTF-8).
        case text(String)
        /// Bytes given in base64, for bodies that are not valid UTF-8.
        case base64(String)
        /// `text` repeated `count` times, for size limits.
        case repeated(String, count: Int)
    }

    /// The HTTP method (a template).
    public var method: String
    /// The URL or path (a template).
    public var target: Target
    /// Headers in order (names and values may be templates).
    public var headers: [HeaderTemplate]
    /// The body, if any.
    public var body: Body?
    /// Where the request was written.
    public var location: ScenarioLocation

    public init(method: String, target: Target, headers: [HeaderTemplate] = [], body: Body? = nil, location: ScenarioLocation) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.location = location
    }
}

/// A header whose name and value may hold placeholders.
public struct HeaderTemplate: Sendable, Hashable {
    /// The header name.
    public var name: String
    /// The header value.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
