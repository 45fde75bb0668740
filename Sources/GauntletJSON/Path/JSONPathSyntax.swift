/// The parsed form of a JSONPath query (RFC 9535).
struct JSONPathQuery: Sendable, Hashable {
    /// Whether the query starts at `@` (the current node of a filter) rather than `$`.
    var isRelative: Bool
    /// The segments, applied in order.
    var segments: [JSONPathSegment]

    /// True when the query can select at most one node: only single name or index selectors.
    var isSingular: Bool {
        segments.allSatisfy { segment in
            guard case .child(let selectors) = segment, selectors.count == 1 else { return false }
            switch selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }
}

/// One step of a query.
enum JSONPathSegment: Sendable, Hashable {
    /// `.name`, `[...]`: selectors applied to each input node.
    case child([JSONPathSelector])
    /// `..name`, `..[...]`: selectors applied to each input node and all its descendants.
    case descendant([JSONPathSelector])
}

/// What a segment picks out of a node.
enum JSONPathSelector: Sendable, Hashable {
    case name(String)
    case wildcard
    case index(Int)
    case slice(start: Int?, end: Int?, step: Int?)
    case filter(JSONPathFilter)
}

/// A logical expression of a filter selector.
indirect enum JSONPathFilter: Sendable, Hashable {
    case or([JSONPathFilter])
    case and([JSONPathFilter])
    case not(JSONPathFilter)
    /// Existence: true when the query selects at least one node.
    case exists(JSONPathQuery)
    /// A function that returns a logical value, such as `match` or `search`.
    case function(JSONPathFunction)
    case comparison(JSONPathComparable, JSONPathComparisonOperator, JSONPathComparable)
}

/// One side of a comparison.
enum JSONPathComparable: Sendable, Hashable {
    case literal(JSONValue)
    /// A singular query: its one node, or nothing.
    case query(JSONPathQuery)
    case function(JSONPathFunction)
}

/// A function call in a filter.
struct JSONPathFunction: Sendable, Hashable {
    enum Name: String, Sendable, Hashable {
        case length, count, match, search, value
    }

    var name: Name
    var arguments: [JSONPathComparable]
}

enum JSONPathComparisonOperator: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}
