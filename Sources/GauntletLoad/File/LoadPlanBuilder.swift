import GauntletJSON
import GauntletScenario
import Yams

/// Combines a load file's settings and the scenario files it drives into a ``LoadPlan``: one mix
/// entry per scenario (per row of a table), weighted as `weights:` says, with every problem a
/// diagnostic.
struct LoadPlanBuilder {
    /// The load file.
    let path: String
    /// Its `load:` block.
    let settings: LoadSettings
    /// The load file itself first, then the scenario files it names.
    let files: [ScenarioFile]
    /// `--tag` / `--skip-tag`: the scenarios the plan drives.
    let tags: TagSelection
    /// Problems found.
    var diagnostics: [ScenarioDiagnostic] = []

    init(path: String, settings: LoadSettings, files: [ScenarioFile], tags: TagSelection = TagSelection()) {
        self.path = path
        self.settings = settings
        self.files = files
        self.tags = tags
    }

    mutating func build() -> LoadPlan? {
        var flows: [(flow: LoadFlow, writtenName: String)] = []
        // Scenarios the tags leave out: weights may name them, and nothing of theirs is refused.
        var leftOut: Set<String> = []
        for file in files {
            for scenario in file.scenarios {
                let rows = scenario.cases.isEmpty ? [[:]] : scenario.cases
                // Each row named as `gauntlet run` names it, so that `weights` and reports agree.
                let scope = VariableScope(environment: [:]).adding(file.variables).adding(scenario.variables)
                let names = ScenarioRunner.instanceNames(scenario, scopes: rows.map { scope.adding($0) })
                guard tags.selects(tags: file.tags.union(scenario.tags)) else {
                    leftOut.formUnion([scenario.name] + names)
                    continue
                }
                for step in scenario.steps + scenario.teardown + file.teardown where step.concurrent != nil {
                    report(
                        "'concurrent' sends copies of one request at once, which a load does by itself: "
                            + "\(Self.leaveOut(scenario))", at: step.location)
                }
                for step in scenario.steps + scenario.teardown + file.teardown {
                    if step.repetitions != nil {
                        report(
                            "'repeat' runs a step several times in a row, which a load's iterations do by themselves: "
                                + "\(Self.leaveOut(scenario)), or write the step N times", at: step.location)
                    }
                }
                if scenario.repetitions != nil {
                    report("'repeat' on a scenario: a load's weights say how often it runs ('weights:')", at: scenario.location)
                }
                for (row, name) in zip(rows, names) {
                    let flow = LoadFlow(
                        name: name,
                        steps: scenario.steps.map { LoadStep($0) },
                        teardown: (scenario.teardown + file.teardown).map { LoadStep($0, isTeardown: true) },
                        variables: [file.variables, scenario.variables, row], headers: file.headers, file: file.path)
                    var conditioned = flow
                    conditioned.condition = scenario.condition
                    flows.append((conditioned, scenario.name))
                }
            }
        }
        let origin = ScenarioLocation(file: path, line: 1, column: 1)
        if flows.isEmpty {
            report(
                leftOut.isEmpty ? "the load has no scenario to run" : "no scenario of the load is selected by \(tags.description)",
                at: origin)
        }
        for (name, weight, node) in settings.weights {
            var matched = false
            for index in flows.indices where flows[index].writtenName == name || flows[index].flow.name == name {
                flows[index].flow.weight = weight
                matched = true
            }
            if !matched, !leftOut.contains(name) {
                let names = flows.map(\.flow.name).joined(separator: "', '")
                report("weights: no scenario named '\(name)' (scenarios: '\(names)')", at: location(of: node))
            }
        }
        let own = files[0]
        var plan = LoadPlan(
            name: own.suiteName, model: settings.model ?? .closed(vus: 1, thinkTime: .zero), duration: settings.duration,
            iterations: settings.iterations, mix: flows.map(\.flow), thresholds: settings.thresholds,
            coldStart: settings.coldStart)
        if !settings.setup.isEmpty {
            plan.setup = LoadFlow(
                name: "setup", steps: settings.setup.map { LoadStep($0) }, variables: [own.variables], headers: own.headers,
                file: path)
        }
        if !settings.teardown.isEmpty {
            plan.teardown = LoadFlow(
                name: "teardown", steps: [], teardown: settings.teardown.map { LoadStep($0, isTeardown: true) },
                variables: [own.variables], headers: own.headers, file: path)
        }
        if let maxInFlight = settings.maxInFlight { plan.maxInFlight = maxInFlight }
        if let loops = settings.loops { plan.loops = loops }
        if let tolerance = settings.lateStartTolerance { plan.lateStartTolerance = tolerance }
        let names = plan.requestNames
        for (threshold, node) in zip(settings.thresholds, settings.thresholdNodes) {
            if let name = threshold.requestName, !names.contains(name) {
                report(
                    "threshold '\(threshold.source)': no request named '\(name)' in the load (requests: \(names.joined(separator: ", ")))",
                    at: location(of: node))
            }
        }
        return diagnostics.isEmpty ? plan : nil
    }

    /// How to leave a scenario out of the load: by a tag of its own when it has one.
    static func leaveOut(_ scenario: Scenario) -> String {
        let advice = "leave scenario '\(scenario.name)' out of the load"
        guard let tag = scenario.tags.sorted().first else { return advice }
        return advice + " (--skip-tag \(tag))"
    }

    func location(of node: Yams.Node) -> ScenarioLocation {
        guard let mark = node.mark else { return ScenarioLocation(file: path, line: 1, column: 1) }
        return ScenarioLocation(file: path, line: mark.line, column: mark.column)
    }

    mutating func report(_ message: String, at location: ScenarioLocation) {
        diagnostics.append(ScenarioDiagnostic(message, at: location))
    }
}
