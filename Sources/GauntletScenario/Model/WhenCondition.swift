import GauntletJSON

/// `when:` on a step or a scenario: what must hold for it to run at all.
///
/// Every clause must hold. A clause either asks whether a variable is set
/// (`when: { defined: created_id }`) or applies the predicates `expect:` uses to a variable's
/// value (`when: { created_status: { one_of: [200, 201] }, region: eu-west-1 }`); an earlier
/// response enters through a capture (`capture: { created_status: { status: true } }`). A
/// variable that is not set has no value: `exists: false` and `not_equals` hold for it, the
/// other predicates do not.
public struct WhenCondition: Sendable, Hashable, CustomStringConvertible {
    /// One test of a condition.
    public enum Clause: Sendable, Hashable, CustomStringConvertible {
        /// `defined: NAME`: the variable (or a dotted path into one) resolves, as an optional
        /// capture does only when it matched.
        case defined(String)
        /// `NAME: { predicate: operand }`: the variable's value (nil when it is not set)
        /// satisfies the predicate (operand a template).
        case value(String, Predicate)

        public var description: String {
            switch self {
            case .defined(let name): "defined: \(name)"
            case .value(let name, let predicate): "\(name) \(predicate)"
            }
        }
    }

    /// The clauses; all must hold.
    public var clauses: [Clause]
    /// Where `when:` was written.
    public var location: ScenarioLocation

    /// - Parameters:
    ///   - clauses: The clauses, all of which must hold.
    ///   - location: Where `when:` was written.
    public init(_ clauses: [Clause], location: ScenarioLocation) {
        self.clauses = clauses
        self.location = location
    }

    /// `when: { defined: NAME }`, the form every version of the format has understood.
    public static func defined(_ name: String, location: ScenarioLocation) -> WhenCondition {
        WhenCondition([.defined(name)], location: location)
    }

    /// The names `defined:` (or `exists: true`) clauses make safe to use where the condition holds.
    public var guardedNames: Set<String> {
        Set(clauses.compactMap { clause -> String? in
            switch clause {
            case .defined(let name): name
            case .value(let name, let predicate) where predicate.op == .exists && predicate.operand.boolValue == true: name
            case .value: nil
            }
        }.map { String($0.prefix { $0 != "." && $0 != "|" && $0 != " " }) })
    }

    public var description: String { "when: { \(clauses.map(\.description).joined(separator: ", ")) }" }
}
