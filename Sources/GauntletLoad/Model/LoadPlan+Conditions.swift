public import GauntletJSON
import GauntletScenario

/// Scenarios' `when:` in a load: decided once, before any request.
extension LoadPlan {
    /// The plan without the mix entries whose scenario's `when:` does not hold on the variables
    /// an iteration starts with (the command line's, the file's, the scenario's and the row's),
    /// and why each was left out. A condition whose operand cannot be filled does not hold.
    /// - Parameters:
    ///   - variables: The command line's variables, which no file may shadow.
    ///   - baseURL: The deployment's base URL (`{{base_url}}`).
    public func selectingFlows(
        variables: [String: JSONValue], baseURL: String
    ) -> (plan: LoadPlan, skipped: [(name: String, reason: String)]) {
        var plan = self
        var skipped: [(name: String, reason: String)] = []
        plan.mix = mix.filter { flow in
            guard let condition = flow.condition else { return true }
            let scope = flow.variables.reduce(
                VariableScope(overrides: variables, constants: ["base_url": baseURL])
                    .adding(["iteration": .integer(0), "vu": .integer(0)])
            ) { $0.adding($1) }
            let reason: String?
            do throws(TemplateError) { reason = try condition.unmetReason(in: scope) } catch { reason = "\(condition.location): \(error.message)" }
            if let reason { skipped.append((flow.name, reason)) }
            return reason == nil
        }
        return (plan, skipped)
    }
}
