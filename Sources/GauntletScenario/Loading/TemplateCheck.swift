import Foundation
import GauntletJSON

/// Checks the names every template of a run's files uses, before any request is sent.
///
/// Parsing already rejected malformed placeholders and unknown filters; this check needs the
/// run's own names too (`--var`, `--secret`, the environment), so it runs once those are known.
/// A name is known when it is a built-in, a file or scenario variable, a key of every row of the
/// scenario's `cases` (a key some rows lack would fail those rows at run time: the message names the
/// first row that lacks it), a capture of any step of the scenario (optional ones and teardown
/// included), or given on the command line; `env.NAME` must be set in the environment. A dotted
/// name is checked by its head. A file's own variables, headers and teardown run inside every
/// scenario of the file, so their names must be known in each of them.
public struct TemplateCheck: Sendable {
    /// Names given on the command line (`--var`, `--secret`).
    public var commandLineNames: Set<String>
    /// The environment `env.NAME` reads.
    public var environment: [String: String]

    /// - Parameters:
    ///   - commandLineNames: the names `--var` and `--secret` define.
    ///   - environment: the environment the run will read `env.NAME` from (default: this process's).
    public init(commandLineNames: Set<String> = [], environment: [String: String]? = nil) {
        self.commandLineNames = commandLineNames
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// Every unknown name and unset environment variable in `files`, in file order.
    public func diagnostics(for files: [ScenarioFile]) -> [ScenarioDiagnostic] {
        var found: [ScenarioDiagnostic] = []
        for file in files { found += diagnostics(for: file) }
        return found
    }

    /// Throws every problem ``diagnostics(for:)`` finds.
    /// - Throws: ``ScenarioLoadError`` when a template names something the run will not know.
    public func check(_ files: [ScenarioFile]) throws(ScenarioLoadError) {
        let found = diagnostics(for: files)
        if !found.isEmpty { throw ScenarioLoadError(found) }
    }

    /// The keys some rows of a table have and others lack, each with the first row (from 1)
    /// that lacks it: named in a template, they would fail those rows after requests were sent.
    static func namesSomeRowsLack(_ rows: [[String: JSONValue]]) -> [String: Int] {
        var lacking: [String: Int] = [:]
        let every = namesOfEveryRow(rows)
        for name in Set(rows.flatMap(\.keys)).subtracting(every) {
            lacking[name] = (rows.firstIndex { $0[name] == nil } ?? 0) + 1
        }
        return lacking
    }

    /// The keys every row of a table has.
    static func namesOfEveryRow(_ rows: [[String: JSONValue]]) -> Set<String> {
        guard let first = rows.first else { return [] }
        return rows.dropFirst().reduce(Set(first.keys)) { $0.intersection($1.keys) }
    }

    func diagnostics(for file: ScenarioFile) -> [ScenarioDiagnostic] {
        let base = VariableScope.builtinNames.union(commandLineNames).union(file.variables.keys)
        let fileCaptures = Self.captureNames(of: file.teardown)
        // Per scenario: what its own `when:` can see (its starting variables, no capture), and
        // what its steps can (captures too).
        let perScenario = file.scenarios.map { scenario in
            let starting = base.union(scenario.variables.keys).union(Self.namesOfEveryRow(scenario.cases))
            return (scenario, starting, starting.union(Self.captureNames(of: scenario.steps + scenario.teardown)).union(fileCaptures))
        }
        var found: [ScenarioDiagnostic] = []
        var seen: Set<ScenarioDiagnostic> = []
        func report(_ diagnostic: ScenarioDiagnostic) {
            if seen.insert(diagnostic).inserted { found.append(diagnostic) }
        }
        for (scenario, starting, known) in perScenario {
            let lacking = Self.namesSomeRowsLack(scenario.cases)
            for use in scenario.templates {
                if use.isReadBeforeSteps {
                    let captured = use.placeholders.filter { known.contains($0.head) && !starting.contains($0.head) }
                    for placeholder in captured {
                        report(ScenarioDiagnostic(
                            "'\(use.conditionText ?? placeholder.name)' names '\(placeholder.head)', which only a step of the scenario sets; "
                                + "a scenario's 'when' is read before its steps run (put the 'when' on the step that needs it)",
                            at: use.location))
                    }
                    if captured.isEmpty {
                        for problem in problems(in: use, known: starting) { report(ScenarioDiagnostic(problem, at: use.location)) }
                    }
                    continue
                }
                for problem in problems(in: use, known: known, rowsLacking: lacking) { report(ScenarioDiagnostic(problem, at: use.location)) }
            }
        }
        let everywhere = perScenario.reduce(base.union(fileCaptures)) { $0.union($1.2) }
        for use in file.templates {
            if use.isCondition || perScenario.isEmpty {
                for problem in problems(in: use, known: use.isCondition ? everywhere : base.union(fileCaptures)) {
                    report(ScenarioDiagnostic(problem, at: use.location))
                }
                continue
            }
            // One message a problem, naming every scenario that lacks the name; none where a
            // scenario's own use of the same text (a YAML alias of it) was already reported.
            // Problems differ by scenario only in their suggestion ("did you mean …?"): the first one's is kept.
            var lackingScenarios: [(problem: String, scenarios: [String])] = []
            for (scenario, _, known) in perScenario {
                for problem in problems(in: use, known: known) {
                    let key = Self.withoutSuggestion(problem)
                    if let index = lackingScenarios.firstIndex(where: { Self.withoutSuggestion($0.problem) == key }) {
                        lackingScenarios[index].scenarios.append(scenario.name)
                    } else {
                        lackingScenarios.append((problem, [scenario.name]))
                    }
                }
            }
            for (problem, scenarios) in lackingScenarios where !seen.contains(where: { $0.location == use.location && Self.withoutSuggestion($0.message) == Self.withoutSuggestion(problem) }) {
                let lacking = scenarios.count == 1 ? "scenario '\(scenarios[0])' sets no such name"
                    : scenarios.count == perScenario.count ? "no scenario sets such a name"
                    : "scenarios " + scenarios.map { "'\($0)'" }.joined(separator: ", ") + " set no such name"
                let note = "; the file's variables, headers and teardown are used in every scenario, and \(lacking)"
                report(ScenarioDiagnostic(problem + note, at: use.location))
            }
        }
        return found.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    /// A problem's text without its suggestion (`; did you mean 'event_id'?`).
    static func withoutSuggestion(_ problem: String) -> Substring {
        problem.prefix { $0 != ";" }
    }

    /// What is wrong with the names of one template, given the names known where it is used.
    func problems(in use: TemplateUse, known: Set<String>, rowsLacking: [String: Int] = [:]) -> [String] {
        var problems: [String] = []
        for placeholder in use.placeholders {
            let head = placeholder.head
            if head == "env" {
                let key = String(placeholder.name.dropFirst(4))
                if !placeholder.name.hasPrefix("env.") || key.isEmpty {
                    problems.append("'\(placeholder)' names no environment variable; write '{{env.NAME}}'")
                } else if environment[key] == nil {
                    problems.append("environment variable '\(key)' is not set (named by '\(placeholder)')")
                }
                continue
            }
            if known.contains(head) || use.guardedNames.contains(head) { continue }
            if let row = rowsLacking[head] {
                problems.append("'\(head)' in '\(placeholder)' is a key of some cases but case \(row) lacks it; give it in every case")
                continue
            }
            var message = use.isCondition
                ? "'\(use.conditionText ?? "defined: \(placeholder.name)")' names a variable that nothing sets"
                : "unknown variable '\(head)' in '\(placeholder)'"
            if let suggestion = Self.closest(to: head, in: known) { message += "; did you mean '\(suggestion)'?" }
            problems.append(message)
        }
        return problems
    }

    /// The names `steps` set for the steps after them: their captures and `for_each` items.
    public static func captureNames(of steps: [Step]) -> Set<String> {
        // A for_each item is named like a capture, for its own step (checked by the step's scenario).
        Set(steps.flatMap { $0.captures.map(\.variable) + ($0.forEach.map { [$0.name] } ?? []) })
    }

    /// The known name within two edits of `name`, if there is one.
    static func closest(to name: String, in known: Set<String>) -> String? {
        known.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= min(2, max(1, name.count / 3)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
