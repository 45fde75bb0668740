import Foundation

/// Runs a parsed query against a document, following RFC 9535's semantics.
///
/// Object members are visited in member (document) order, which RFC 9535 allows; names and string comparisons
/// compare Unicode scalars, never Swift's canonical equivalence.
/// Regular expressions are compiled once per evaluation and pattern.
final class JSONPathEvaluator {
    /// The document that `$` refers to.
    private let root: JSONValue
    /// Compiled patterns of `match()` and `search()`, by full pattern text; `nil` for invalid patterns.
    private var regexCache: [ScalarExactString: NSRegularExpression?] = [:]

    init(root: JSONValue) {
        self.root = root
    }

    /// The nodes `query` selects, starting at `$` or at `current` for `@`.
    func select(_ query: JSONPathQuery, current: JSONValue) -> [JSONValue] {
        var nodes = [query.isRelative ? current : root]
        for segment in query.segments {
            var next: [JSONValue] = []
            for node in nodes {
                switch segment {
                case .child(let selectors):
                    for selector in selectors { apply(selector, to: node, into: &next) }
                case .descendant(let selectors):
                    visitDescendants(of: node) { descendant in
                        for selector in selectors { apply(selector, to: descendant, into: &next) }
                    }
                }
            }
            nodes = next
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// Calls `body` on `node` and then on each of its descendants, depth first in document order.
    private func visitDescendants(of node: JSONValue, _ body: (JSONValue) -> Void) {
        body(node)
        switch node {
        case .array(let elements):
            for element in elements { visitDescendants(of: element, body) }
        case .object(let members):
            for (_, member) in members { visitDescendants(of: member, body) }
        default:
            break
        }
    }

    private func apply(_ selector: JSONPathSelector, to node: JSONValue, into output: inout [JSONValue]) {
        switch (selector, node) {
        case (.name(let name), .object(let members)):
            if let member = members[name] { output.append(member) }
        case (.wildcard, .array(let elements)):
            output.append(contentsOf: elements)
        case (.wildcard, .object(let members)):
            output.append(contentsOf: members.values)
        case (.index(let index), .array(let elements)):
            let resolved = index < 0 ? elements.count + index : index
            if elements.indices.contains(resolved) { output.append(elements[resolved]) }
        case (.slice(let start, let end, let step), .array(let elements)):
            for position in Self.sliceIndices(count: elements.count, start: start, end: end, step: step ?? 1) {
                output.append(elements[position])
            }
        case (.filter(let filter), .array(let elements)):
            for element in elements where test(filter, current: element) { output.append(element) }
        case (.filter(let filter), .object(let members)):
            for (_, member) in members where test(filter, current: member) { output.append(member) }
        default:
            break
        }
    }

    /// The indices a slice selects, per RFC 9535 section 2.3.4.2.2.
    static func sliceIndices(count: Int, start: Int?, end: Int?, step: Int) -> [Int] {
        guard step != 0 else { return [] }
        func normalize(_ value: Int) -> Int { value >= 0 ? value : count + value }
        if step > 0 {
            let lower = min(max(normalize(start ?? 0), 0), count)
            let upper = min(max(normalize(end ?? count), 0), count)
            return lower < upper ? Array(stride(from: lower, to: upper, by: step)) : []
        } else {
            let upper = min(max(normalize(start ?? count - 1), -1), count - 1)
            let lower = min(max(end.map(normalize) ?? -1, -1), count - 1)
            return lower < upper ? Array(stride(from: upper, to: lower, by: step)) : []
        }
    }

    // MARK: - Filters

    private func test(_ filter: JSONPathFilter, current: JSONValue) -> Bool {
        switch filter {
        case .or(let operands): operands.contains { test($0, current: current) }
        case .and(let operands): operands.allSatisfy { test($0, current: current) }
        case .not(let operand): !test(operand, current: current)
        case .exists(let query): !select(query, current: current).isEmpty
        case .function(let function): call(function, current: current) == .bool(true)
        case .comparison(let left, let comparison, let right):
            Self.compare(value(of: left, current: current), comparison, value(of: right, current: current))
        }
    }

    /// The value of a comparable: `nil` stands for RFC 9535's "Nothing".
    private func value(of comparable: JSONPathComparable, current: JSONValue) -> JSONValue? {
        switch comparable {
        case .literal(let literal):
            return literal
        case .query(let query):
            let nodes = select(query, current: current)
            // Not `count == 1 ? nodes[0] : nil`: that `nil` would become JSON `null`, not Nothing.
            guard nodes.count == 1 else { return .none }
            return nodes[0]
        case .function(let function):
            return call(function, current: current)
        }
    }

    private func call(_ function: JSONPathFunction, current: JSONValue) -> JSONValue? {
        switch function.name {
        case .length:
            switch value(of: function.arguments[0], current: current) {
            case .string(let string): return .integer(Int64(string.unicodeScalars.count))
            case .array(let elements): return .integer(Int64(elements.count))
            case .object(let members): return .integer(Int64(members.count))
            default: return nil
            }
        case .count:
            guard case .query(let query) = function.arguments[0] else { return nil }
            return .integer(Int64(select(query, current: current).count))
        case .value:
            return value(of: function.arguments[0], current: current)
        case .match, .search:
            guard case .string(let string)? = value(of: function.arguments[0], current: current),
                case .string(let pattern)? = value(of: function.arguments[1], current: current),
                let regex = regex(pattern, anchored: function.name == .match)
            else { return .bool(false) }
            let range = NSRange(string.startIndex..., in: string)
            return .bool(regex.firstMatch(in: string, options: [], range: range) != nil)
        }
    }

    private func regex(_ pattern: String, anchored: Bool) -> NSRegularExpression? {
        let translated = Self.iRegexp(pattern)
        let full = anchored ? "\\A(?:\(translated))\\z" : translated
        // Keyed by code points: `^ñ$` and `^n\u{303}$` are two patterns.
        if let cached = regexCache[ScalarExactString(full)] { return cached }
        let compiled = try? NSRegularExpression(pattern: full)
        regexCache[ScalarExactString(full)] = compiled
        return compiled
    }

    /// An I-Regexp (RFC 9485) as an ICU pattern: there `.` matches any character but `\\n` and `\\r`, while ICU's
    /// also stops at U+2028 and U+2029; everything else I-Regexp has means the same in ICU.
    static func iRegexp(_ pattern: String) -> String {
        var output = ""
        var inClass = false
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\\":
                output.unicodeScalars.append(scalar)
                if let escaped = scalars.next() { output.unicodeScalars.append(escaped) }
            case "[" where !inClass:
                inClass = true
                output.unicodeScalars.append(scalar)
            case "]" where inClass:
                inClass = false
                output.unicodeScalars.append(scalar)
            case "." where !inClass:
                output += "[^\\n\\r]"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// RFC 9535 section 2.3.5.2.2: `==` compares deeply (numbers numerically, Nothing equals only Nothing);
    /// `<` orders numbers and strings (by code point) and is false for any other pair.
    static func compare(_ left: JSONValue?, _ comparison: JSONPathComparisonOperator, _ right: JSONValue?) -> Bool {
        switch comparison {
        case .equal: equal(left, right)
        case .notEqual: !equal(left, right)
        case .less: less(left, right)
        case .lessOrEqual: less(left, right) || equal(left, right)
        case .greater: less(right, left)
        case .greaterOrEqual: less(right, left) || equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        // `.none` is Nothing; spelled out because JSONValue is ExpressibleByNilLiteral, so a `nil` pattern
        // would also match the JSON `null` literal.
        switch (left, right) {
        case (.none, .none): true
        case (.some(let left), .some(let right)): left.isEquivalent(to: right)
        default: false
        }
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (.some(.string(let a)), .some(.string(let b))):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.some(let a), .some(let b)):
            return JSONValue.compareNumbers(a, b) == -1
        default:
            return false
        }
    }
}
