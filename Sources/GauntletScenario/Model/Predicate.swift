public import GauntletJSON
import Foundation

/// A test applied to a value taken from a response (a header value or JSONPath result).
public struct Predicate: Sendable, Hashable, CustomStringConvertible {
    /// The operators a scenario can name, by their YAML keys.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals, notEquals = "not_equals", matches, type, exists, contains
        /// Comma-separated tokens (as in `Access-Control-Allow-Methods`) include every listed one,
        /// case-insensitively; a `*` value includes everything.
        case includes
        case count, oneOf = "one_of"
        case lessThan = "less_than", lessOrEqual = "less_or_equal"
        case greaterThan = "greater_than", greaterOrEqual = "greater_or_equal"
    }

    /// The operator.
    public var op: Operator
    /// Its operand (a template where it is a string).
    public var operand: JSONValue

    public init(_ op: Operator, _ operand: JSONValue) {
        self.op = op
        self.operand = operand
    }

    public var description: String { "\(op.rawValue) \(operand.preview(limit: 120))" }

    /// The tokens of a comma-separated list (`GET, POST`): trimmed, empty ones dropped, as
    /// `includes` reads a header value and its own operand when it is one text.
    public static func tokens(of text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The value a result should be compared with, for operators that compare with one
    /// (`equals`); `nil` for the others, whose meaning needs the operator (`matches`, `count`).
    public var comparedValue: JSONValue? { op == .equals ? operand : nil }
}
