import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletUnits

/// What a run would send, worked out with no network at all: every selected scenario instance's
/// requests rendered as they would go out (method, URL, headers, body; secrets redacted as in
/// every report), in order, teardown included.
///
/// A value only a response can give (a capture) cannot be known: a placeholder that reads one is
/// shown unresolved, as `«{{created_id}}»`, and a `when:` that reads one is decided at run time.
/// A template that cannot be filled otherwise (a filter's argument out of range, a variable
/// that refers to itself) is a diagnostic at its step, as a run would find it.
public struct DryRun: Sendable {
    /// What a dry run prints, and the problems it found.
    public struct Output: Sendable {
        /// The requests, one block per scenario instance.
        public var text: String
        /// Templates that cannot be filled, at the steps that hold them.
        public var diagnostics: [ScenarioDiagnostic]
        /// How many requests would be sent (repetitions and `concurrent` copies counted once).
        public var requests: Int

        /// An empty output.
        package init(text: String = "", diagnostics: [ScenarioDiagnostic] = [], requests: Int = 0) {
            self.text = text
            self.diagnostics = diagnostics
            self.requests = requests
        }
    }

    /// The run's options (base URL, variables, headers, selection).
    let options: RunOptions

    /// - Parameter options: the options the run would have.
    public init(options: RunOptions) { self.options = options }

    /// The requests the selected scenarios of `files` would send.
    public func describe(_ files: [ScenarioFile]) -> Output {
        var output = Output(text: "", diagnostics: [], requests: 0)
        for instance in ScenarioRunner.plan(files, options: options) {
            let file = instance.file, scenario = instance.scenario
            let captures = Set((scenario.steps + scenario.teardown + file.teardown).flatMap { $0.captures.map(\.variable) })
            let scope = ScenarioRunner.scope(
                file: file, scenario: scenario, caseValues: instance.caseValues, index: instance.index, options: options
            ).markingUnresolved(captures)
            let redactor = Redactor(secrets: options.secrets, maskedHeaderNames: options.maskedHeaderNames)
            output.text += redactor.text("\(file.path): \(instance.name)") + "\n"
            if let condition = scenario.condition,
                let note = Self.conditionNote(condition, scope: scope, captures: captures, output: &output)
            {
                output.text += "  \(redactor.text(note))\n"
                if !note.hasPrefix("runs only") {
                    output.text += "\n"
                    continue
                }
            }
            let renderer = RequestRenderer(
                baseURL: options.baseURL, defaultHeaders: file.headers, commandLineHeaders: options.headers, transfer: options.transfer)
            Self.describe(
                steps: scenario.steps, teardown: scenario.teardown + file.teardown, scope: scope, captures: captures,
                renderer: renderer, secrets: options.secrets, maskedHeaderNames: options.maskedHeaderNames, into: &output)
            output.text += "\n"
        }
        return output
    }

    /// Appends the requests of `steps`, then of `teardown`, rendered in `scope` (placeholders
    /// reading `captures` unresolved), `secrets` redacted and the lines of `maskedHeaderNames` masked.
    package static func describe(
        steps: [Step], teardown: [Step], scope: VariableScope, captures: Set<String>, renderer: RequestRenderer,
        secrets: [String], maskedHeaderNames: Set<String> = [], into output: inout Output
    ) {
        let redactor = Redactor(secrets: secrets, maskedHeaderNames: maskedHeaderNames)
        var scope = scope.markingUnresolved(captures)
        for (part, list) in [("", steps), ("teardown: ", teardown)] {
            for step in list {
                var heading = "  \(part)\(step.name ?? ScenarioRunner.label(of: step.request)) (\(step.location))"
                if let repetitions = step.repetitions { heading += ", repeat \(repetitions) (iteration 1 shown)" }
                if let forEach = step.forEach { heading += ", for each item of '\(forEach.list)' as '\(forEach.name)'" }
                if let copies = step.concurrent { heading += ", \(copies) copies at once" }
                if let delay = step.delay { heading += ", after a delay of \(DurationText.format(delay))" }
                output.text += heading + "\n"
                if let condition = step.condition,
                    let note = conditionNote(condition, scope: scope, captures: captures, output: &output)
                {
                    output.text += "    \(redactor.text(note))\n"
                    if !note.hasPrefix("runs only") { continue }
                }
                if step.repetitions != nil { scope.set("iteration", to: .integer(1)) }
                if let forEach = step.forEach {
                    // The first item when the list is known now; a list a response fills (a capture)
                    // shows its item unresolved.
                    if !captures.contains(forEach.list), let first = forEach.items(in: scope).first {
                        scope.set(forEach.name, to: first)
                    } else {
                        scope = scope.markingUnresolved([forEach.name])
                    }
                }
                do {
                    let spec = try renderer.render(step.request, in: scope)
                    for expectation in step.preconditions + step.expectations { _ = try StepJudge.render(expectation, in: scope) }
                    output.text += text(of: redactor.record(spec))
                    output.requests += 1
                } catch {
                    output.diagnostics.append(ScenarioDiagnostic(error.message, at: step.request.location))
                    output.text += "    error: \(redactor.text(error.message))\n"
                }
            }
        }
    }

    /// What a `when:` means for a dry run: nil when it holds; `runs only when: …` when it
    /// reads a capture (decided at run time); `skipped: …` when it does not hold.
    static func conditionNote(
        _ condition: WhenCondition, scope: VariableScope, captures: Set<String>, output: inout Output
    ) -> String? {
        let names = condition.clauses.map { clause -> String in
            switch clause {
            case .defined(let name), .value(let name, _): String(name.prefix { $0 != "." })
            }
        }
        if names.contains(where: captures.contains) { return "runs only \(condition) (decided at run time)" }
        do {
            return try condition.unmetReason(in: scope).map { "skipped: \($0)" }
        } catch {
            output.diagnostics.append(ScenarioDiagnostic(error.message, at: condition.location))
            return "error: \(error.message)"
        }
    }

    /// A request as the dry run prints it: the request line, the headers, then the body.
    static func text(of request: RecordedRequest) -> String {
        var text = "    \(request.method) \(request.url)\n"
        for header in request.headers { text += "    \(header.name): \(header.value)\n" }
        if let body = request.body, !body.isEmpty {
            text += "\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)\n" }.joined()
        }
        return text
    }
}
