/// A JSONPath query (RFC 9535, plus the common Goessner forms such as `[?(@.status == 'active')]`).
///
/// ```swift
/// let path = try JSONPath("$.events[?@.eventStatus == 'active'].eventId")
/// let ids = path.evaluate(body)   // node list, in document order
/// ```
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The text the query was parsed from.
    public let text: String
    /// The parsed query.
    let query: JSONPathQuery

    /// Parses a query.
    /// - Parameter text: a query starting at `$`.
    /// - Throws: ``JSONPathError`` naming the column and what is wrong.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text)
        self.query = try parser.parseQuery()
        self.text = text
    }

    /// The nodes the query selects in `root`, in document order (object members in the order written).
    public func evaluate(_ root: JSONValue) -> [JSONValue] {
        JSONPathEvaluator(root: root).select(query, current: root)
    }

    /// Whether the query selects at most one node: no wildcard, slice, filter, union or descendant segment.
    public var isSingular: Bool {
        query.isSingular
    }

    /// The query text.
    public var description: String {
        text
    }

    public static func == (left: JSONPath, right: JSONPath) -> Bool {
        left.text == right.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}
