public import GauntletScenario

/// One request of a load flow: a scenario step, written in the same syntax `gauntlet run` reads,
/// with the label its histogram and its thresholds go by.
public struct LoadStep: Sendable {
    /// The label of its histogram: the step's `name`, else `METHOD path` as written.
    public var name: String
    /// The step: request, `expect`, `given`, captures, `when`, `retry`, `left_behind`.
    public var step: Step
    /// Whether it is a teardown step: it runs however the flow ended, and without an `expect`
    /// any answer will do (a `DELETE` of what a failed create never stored may well be a 404).
    /// Kept on the step, where the judge reads it too.
    public var isTeardown: Bool {
        get { step.isTeardown }
        set { step.isTeardown = newValue }
    }

    /// - Parameters:
    ///   - step: The scenario step.
    ///   - isTeardown: Whether it is a teardown step.
    public init(_ step: Step, isTeardown: Bool = false) {
        self.step = step
        self.step.isTeardown = isTeardown
        // `GET /events/{{id}}`: the label `gauntlet run` gives a step before its request is rendered.
        self.name = step.name ?? ScenarioRunner.label(of: step.request)
    }
}
