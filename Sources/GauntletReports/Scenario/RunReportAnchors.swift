public import GauntletScenario

/// The `id`s `report.html` gives each scenario and each step of a run, which JUnit's
/// `report: report.html#…` lines and `summary.md`'s links point at.
///
/// An id is made of slugs (lowercase ASCII letters and digits, anything else one `-`) so that
/// it reads in a URL without escaping and stays the same from run to run of the same files:
/// `scenario-<file>-<scenario>` for a scenario and `check-<file>-<scenario>-<step>` for a step
/// (`check-<file>-<scenario>-teardown-<step>` for a teardown step), where `<file>` is the
/// scenario file's name without its folder or extension. When two would be equal (two steps of
/// one name), the later ones get `-2`, `-3`… in run order, so every id is unique.
public struct RunReportAnchors: Sendable {
    /// Per suite, per scenario: the scenario's id.
    private var scenarioIDs: [[String]] = []
    /// Per suite, per scenario: its steps' ids.
    private var stepIDs: [[[String]]] = []
    /// Per suite, per scenario: its teardown steps' ids.
    private var teardownIDs: [[[String]]] = []

    /// The ids of every scenario and step of `run`.
    public init(_ run: RunResult) {
        var used: Set<String> = []
        // Per base, the suffix to try next: 100,000 rows of one slug (names that differ only in
        // punctuation or accents) would otherwise try every suffix before it, each time.
        var nextSuffix: [String: Int] = [:]
        func unique(_ base: String) -> String {
            var id = base
            var suffix = nextSuffix[base] ?? 2
            while used.contains(id) { id = "\(base)-\(suffix)"; suffix += 1 }
            if id != base { nextSuffix[base] = suffix }
            used.insert(id)
            return id
        }
        for suite in run.suites {
            let file = Self.slug(Self.fileStem(suite.file))
            var scenarios: [String] = []
            var steps: [[String]] = []
            var teardowns: [[String]] = []
            for scenario in suite.scenarios {
                let base = "\(file)-\(Self.slug(scenario.name))"
                scenarios.append(unique("scenario-\(base)"))
                steps.append(scenario.steps.map { unique("check-\(base)-\(Self.slug($0.name))") })
                teardowns.append(scenario.teardown.map { unique("check-\(base)-teardown-\(Self.slug($0.name))") })
            }
            scenarioIDs.append(scenarios)
            stepIDs.append(steps)
            teardownIDs.append(teardowns)
        }
    }

    /// The id of the `scenario`-th scenario of the `suite`-th suite.
    public func scenario(suite: Int, scenario: Int) -> String { scenarioIDs[suite][scenario] }

    /// The id of a step of a scenario (of its teardown when `teardown` is set).
    public func step(suite: Int, scenario: Int, step: Int, teardown: Bool = false) -> String {
        teardown ? teardownIDs[suite][scenario][step] : stepIDs[suite][scenario][step]
    }

    /// Where a scenario's JUnit test case and summary row should lead: the step that ended it
    /// when it did not pass, else the scenario.
    public func target(suite: Int, scenario: Int, in run: RunResult) -> String {
        let result = run.suites[suite].scenarios[scenario]
        if result.outcome != .passed, result.outcome != .skipped,
           let index = result.steps.firstIndex(where: { !$0.passed }) {
            return step(suite: suite, scenario: scenario, step: index)
        }
        return self.scenario(suite: suite, scenario: scenario)
    }

    /// Lowercase ASCII letters and digits, every other run of characters one `-`, no `-` at
    /// either end; `x` when nothing is left.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "x" : out
    }

    /// `Scenarios/contract/crud.yaml` → `crud`.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
