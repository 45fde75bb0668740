import Foundation
import GauntletJSON

/// Applies a ``Predicate`` to a value taken from a response (nil when there is none).
enum PredicateEvaluator {
    /// Whether `value` satisfies `predicate`, whose operand is already rendered.
    static func holds(_ predicate: Predicate, for value: JSONValue?) -> Bool {
        let operand = predicate.operand
        switch predicate.op {
        case .exists:
            return (value != nil) == (operand.boolValue ?? true)
        case .equals:
            guard let value else { return false }
            return value.isEquivalent(to: operand)
        case .notEquals:
            guard let value else { return true }
            return !value.isEquivalent(to: operand)
        case .oneOf:
            guard let value, let options = operand.arrayValue else { return false }
            return options.contains { value.isEquivalent(to: $0) }
        case .matches:
            guard let text = value?.stringValue, let pattern = operand.stringValue else { return false }
            return MatchesPattern.search(pattern, in: text)
        case .type:
            guard let value else { return false }
            // As JSON Schema (and so an OpenAPI document) counts types: `500.0` is an integer;
            // a list holds when any of its names does.
            let names = operand.arrayValue?.compactMap(\.stringValue) ?? operand.stringValue.map { [$0] } ?? []
            return names.contains { value.hasType($0) }
        case .contains:
            // Substrings and keys compare by Unicode scalars, as JSON does (not Swift's canonical equivalence).
            return value?.contains(operand) ?? false
        case .includes:
            guard let text = value?.stringValue else { return false }
            let tokens = Set(Predicate.tokens(of: text).map { $0.lowercased() })
            if tokens.contains("*") { return true }
            // Items that are not text (a loader refuses them) are wanted and never found.
            let wanted = operand.arrayValue.map { items in items.map { $0.stringValue?.trimmingCharacters(in: .whitespaces) } }
                ?? operand.stringValue.map { Predicate.tokens(of: $0) } ?? []
            return !wanted.isEmpty && wanted.allSatisfy { $0.map { tokens.contains($0.lowercased()) } ?? false }
        case .count:
            guard let items = value?.arrayValue, let wanted = operand.intValue else { return false }
            return items.count == wanted
        case .lessThan, .lessOrEqual, .greaterThan, .greaterOrEqual:
            guard let number = value?.doubleValue, let bound = operand.doubleValue else { return false }
            switch predicate.op {
            case .lessThan: return number < bound
            case .lessOrEqual: return number <= bound
            case .greaterThan: return number > bound
            default: return number >= bound
            }
        }
    }
}
