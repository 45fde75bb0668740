import GauntletJSON

/// Deciding whether a `when:` holds, the same way for `gauntlet run`, a load and a dry run.
extension WhenCondition {
    /// Why the condition does not hold in `scope`, or nil when it holds (every clause does).
    ///
    /// A clause's variable that cannot be resolved (not set, or a member it lacks) has no value;
    /// the predicate decides what that means (`exists: false` holds).
    /// - Throws: ``TemplateError`` when an operand's template cannot be filled.
    public func unmetReason(in scope: VariableScope) throws(TemplateError) -> String? {
        for clause in clauses {
            switch clause {
            case .defined(let name):
                if !scope.isDefined(name) { return "'\(name)' is not defined (when: { defined: \(name) })" }
            case .value(let name, let written):
                let predicate = try StepJudge.render(written, in: scope)
                let value = try? scope.value(of: name)
                if !PredicateEvaluator.holds(predicate, for: value) {
                    let actual = value.map { "is \($0.preview(limit: 120))" } ?? "is not set"
                    return "when: \(name) \(predicate) does not hold: \(name) \(actual)"
                }
            }
        }
        return nil
    }
}
