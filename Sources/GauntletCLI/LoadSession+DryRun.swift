import ArgumentParser
import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletScenario

/// `gauntlet load --dry-run`: the requests a load would send, with no network at all.
extension LoadSession {
    /// Prints the requests of the load's setup, of one iteration of each scenario of its mix
    /// (iteration 0, virtual user 0) and of its teardown, secrets redacted; values only a response
    /// can give shown as `«{{name}}»`.
    /// - Throws: `ExitCode(2)` after printing why when a flag is invalid, there is no base URL,
    ///   or a template cannot be filled.
    static func dryRun(
        _ file: LoadFile, baseURL: String?, overrides: LoadOverrides, headers: [HTTPHeader], variables: [String: JSONValue],
        secretVariables: [String: String] = [:]
    ) throws {
        let flagProblems = overrides.problems(with: file.plan)
        guard flagProblems.isEmpty else {
            for problem in flagProblems { Console.error("error: \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        }
        guard let url = baseURL ?? file.baseURL else {
            Console.error("\(file.path): error: no base URL: pass --base-url or set 'base_url' in the file")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let plan = try selectingFlows(of: file, baseURL: url, variables: variables).plan
        // The values the load's own reports would hide.
        let secrets = LoadRunner.secrets(baseURL: url, headers: headers, secretVariables: secretVariables)
        let setupCaptures = Set((plan.setup?.steps ?? []).flatMap { $0.step.captures.map(\.variable) })
        var output = DryRun.Output()
        let flows = [plan.setup].compactMap { $0 } + plan.mix + [plan.teardown].compactMap { $0 }
        for flow in flows {
            let captures = Set((flow.steps + flow.teardown).flatMap { $0.step.captures.map(\.variable) }).union(setupCaptures)
            let scope = flow.variables.reduce(
                VariableScope(overrides: variables, constants: ["run_id": "dry-run", "base_url": url])
            ) { $0.adding($1) }
            .adding(["iteration": .integer(0), "vu": .integer(0)])
            .setting(constant: "scenario_uid", to: "dry-run-i0")
            let renderer = RequestRenderer(baseURL: url, defaultHeaders: flow.headers, commandLineHeaders: headers, transfer: TransferOptions())
            output.text += "\(file.path): \(flow.name)\(flow.weight > 1 ? " (weight \(flow.weight))" : "")\n"
            DryRun.describe(
                steps: flow.steps.map(\.step), teardown: flow.teardown.map(\.step), scope: scope, captures: captures,
                renderer: renderer, secrets: secrets, into: &output)
            output.text += "\n"
        }
        Console.print(output.text)
        if !output.diagnostics.isEmpty {
            ScenarioSession.printDiagnostics(ScenarioLoadError(output.diagnostics))
            throw ExitCode(ExitStatus.invalidInput)
        }
        var closing = "dry run: \(output.requests) request(s) in \(flows.count) flow(s) of \(file.path); nothing was sent"
        if output.text.contains("«{{") { closing += "; «{{name}}» is filled at run time from a response" }
        Console.out(closing)
    }
}
