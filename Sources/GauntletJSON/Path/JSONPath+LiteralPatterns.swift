import Foundation

extension JSONPath {
    /// The patterns written as string literals in the query's `match()` and `search()` calls
    /// that are not regular expressions, in the order written.
    ///
    /// RFC 9535 makes such a call false for every node rather than the query invalid (the
    /// compliance suite holds implementations to that), so ``init(_:)`` accepts it. A scenario
    /// that writes one has made a mistake its check could never show: `count: 0` on the filter
    /// would always hold. Callers that read queries people wrote refuse them with this.
    public var invalidLiteralPatterns: [String] {
        var found: [String] = []
        Self.collectInvalidPatterns(in: query, into: &found)
        return found
    }

    private static func collectInvalidPatterns(in query: JSONPathQuery, into found: inout [String]) {
        for segment in query.segments {
            let selectors: [JSONPathSelector]
            switch segment {
            case .child(let list), .descendant(let list): selectors = list
            }
            for case .filter(let filter) in selectors { collectInvalidPatterns(in: filter, into: &found) }
        }
    }

    private static func collectInvalidPatterns(in filter: JSONPathFilter, into found: inout [String]) {
        switch filter {
        case .or(let operands), .and(let operands):
            for operand in operands { collectInvalidPatterns(in: operand, into: &found) }
        case .not(let operand):
            collectInvalidPatterns(in: operand, into: &found)
        case .exists(let query):
            collectInvalidPatterns(in: query, into: &found)
        case .function(let function):
            collectInvalidPatterns(in: function, into: &found)
        case .comparison(let left, _, let right):
            collectInvalidPatterns(in: left, into: &found)
            collectInvalidPatterns(in: right, into: &found)
        }
    }

    private static func collectInvalidPatterns(in comparable: JSONPathComparable, into found: inout [String]) {
        switch comparable {
        case .literal: break
        case .query(let query): collectInvalidPatterns(in: query, into: &found)
        case .function(let function): collectInvalidPatterns(in: function, into: &found)
        }
    }

    private static func collectInvalidPatterns(in function: JSONPathFunction, into found: inout [String]) {
        if function.name == .match || function.name == .search, function.arguments.count == 2,
            case .literal(.string(let pattern)) = function.arguments[1],
            (try? NSRegularExpression(pattern: JSONPathEvaluator.iRegexp(pattern))) == nil
        {
            found.append(pattern)
        }
        for argument in function.arguments { collectInvalidPatterns(in: argument, into: &found) }
    }
}
