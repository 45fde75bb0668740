/// `when:` on a step: what must hold for the step to run at all.
///
/// Written as a mapping so that it can grow into general predicates later; today it has one
/// key, `defined`, and any other key is a load error.
public enum StepCondition: Sendable, Hashable, CustomStringConvertible {
    /// `when: { defined: NAME }`: the variable (or a dotted path into one) resolves, as an
    /// optional capture does only when it matched.
    case defined(String)

    public var description: String {
        switch self {
        case .defined(let name): "when: { defined: \(name) }"
        }
    }
}
