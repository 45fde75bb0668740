public import Foundation
import Synchronization
public import GauntletHTTP
package import GauntletJSON

/// Runs scenario files through libcurl and gathers the results every report is written from.
///
/// Scenarios run `parallelism` at a time; the steps of one scenario run in order and the first
/// failing step ends it (a step whose `given:` does not hold ends it as skipped). Teardown
/// steps (the scenario's, then its file's) always run, also after a failure and after the run
/// is cancelled (Ctrl-C: until ``RunOptions/teardownGrace`` after it, of which a write in flight
/// may take ``RunOptions/writeGrace`` to answer), so that nothing a run created is left behind;
/// a teardown step with a `left_behind` label that fails (or that the grace kept from running)
/// says what may have been, and so does a write dropped unanswered.
public struct ScenarioRunner: Sendable {
    /// The HTTP engine.
    let client: CurlClient
    /// How to run.
    let options: RunOptions
    /// Schema documents, loaded before the run.
    let schemas: SchemaCatalog
    /// What no result shows (``RunOptions/secrets``) and the `--header`s whose lines it masks
    /// (``RunOptions/maskedHeaderNames``): worked out once, not for every step.
    let redactor: Redactor

    /// - Parameters:
    ///   - client: the libcurl engine to send requests with.
    ///   - options: base URL, variables, headers, selection and parallelism.
    ///   - schemas: the schema documents the files name (``SchemaCatalog/init(for:)``).
    public init(client: CurlClient, options: RunOptions, schemas: SchemaCatalog) {
        self.client = client
        self.options = options
        self.schemas = schemas
        self.redactor = Redactor(secrets: options.secrets, maskedHeaderNames: options.maskedHeaderNames)
    }

    /// The selected scenario instances of `files` (table cases expanded), in order, each with
    /// a name of its own (see ``ScenarioRunner/instanceNames(_:scopes:)``).
    public func plan(_ files: [ScenarioFile]) -> [ScenarioInstance] { Self.plan(files, options: options) }

    /// The selected scenario instances of `files` under `options` (see ``plan(_:)``).
    public static func plan(_ files: [ScenarioFile], options: RunOptions) -> [ScenarioInstance] {
        var instances: [ScenarioInstance] = []
        // Read once and shared: a scope of its own per row held a copy of the environment each
        // (48 MB of a plan of 10,000 rows).
        let environment = ProcessInfo.processInfo.environment
        for (fileIndex, file) in files.enumerated() {
            for scenario in file.scenarios {
                let tags = file.tags.union(scenario.tags)
                guard options.selects(tags: tags) else { continue }
                let rows = Self.rows(of: scenario)
                let first = instances.count
                let scopes = rows.indices.map { row in
                    scope(
                        file: file, scenario: scenario, caseValues: rows[row], index: first + row, options: options,
                        environment: environment)
                }
                let names = Self.instanceNames(scenario, scopes: scopes, rows: rows)
                for (row, values) in rows.enumerated() {
                    instances.append(ScenarioInstance(
                        fileIndex: fileIndex, file: file, scenario: scenario, caseValues: values,
                        tags: tags, index: instances.count, name: names[row]))
                }
            }
        }
        return instances
    }

    /// How many testcases ``plan(_:options:)`` would make of `files`, counted without making
    /// them; with `dataRows`, as it would once a data table of that many rows is applied
    /// (``ScenarioFile/applyingDataRows(_:expanding:)``). A run over ``RunLimits/testcases``
    /// is refused before anything is built for it; a count past `Int.max` is `Int.max`.
    public static func testcaseCount(_ files: [ScenarioFile], options: RunOptions, dataRows: Int? = nil) -> Int {
        var count = 0
        for file in files {
            for scenario in file.scenarios where options.selects(tags: file.tags.union(scenario.tags)) {
                var rows = max(1, scenario.cases.count)
                if let dataRows {
                    let (product, tooMany) = dataRows.multipliedReportingOverflow(by: rows)
                    if tooMany { return .max }
                    rows = max(1, product)
                }
                let (testcases, tooMany) = rows.multipliedReportingOverflow(by: max(1, scenario.repetitions ?? 1))
                let (sum, tooManyInAll) = count.addingReportingOverflow(testcases)
                if tooMany || tooManyInAll { return .max }
                count = sum
            }
        }
        return count
    }

    /// The rows a scenario runs with: its cases (one empty row without), each `repeat` times
    /// with `iteration` 1…N.
    package static func rows(of scenario: Scenario) -> [[String: JSONValue]] {
        let rows = scenario.cases.isEmpty ? [[:]] : scenario.cases
        guard let repetitions = scenario.repetitions, repetitions > 1 else { return rows }
        return rows.flatMap { row in
            (1...repetitions).map { iteration in row.merging(["iteration": .integer(Int64(iteration))]) { _, new in new } }
        }
    }

    /// The variables one scenario instance starts with: the command line's, the file's, the
    /// scenario's and its row's, and an empty layer for captures.
    func scope(file: ScenarioFile, scenario: Scenario, caseValues: [String: JSONValue], index: Int) -> VariableScope {
        Self.scope(file: file, scenario: scenario, caseValues: caseValues, index: index, options: options)
    }

    /// The variables a scenario instance starts with under `options` (`environment` for
    /// `env.NAME`: the process's when nil).
    static func scope(
        file: ScenarioFile, scenario: Scenario, caseValues: [String: JSONValue], index: Int, options: RunOptions,
        environment: [String: String]? = nil
    ) -> VariableScope {
        VariableScope(
            overrides: options.commandLineVariables,
            constants: ["run_id": options.runID, "base_url": options.baseURL, "scenario_uid": "\(options.runID)-s\(index)"],
            environment: environment
        )
        .adding(["iteration": .integer(1)])
        .adding(file.variables).adding(scenario.variables).adding(caseValues)
        .adding([:])  // captures land in their own layer
    }

    /// Runs every selected scenario; `onScenarioFinished` is called as each one ends (for the
    /// console), from any task.
    public func run(
        _ files: [ScenarioFile], onScenarioFinished: @escaping @Sendable (ScenarioResult) -> Void = { _ in }
    ) async -> RunResult {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let instances = plan(files)
        var results = [ScenarioResult?](repeating: nil, count: instances.count)
        // Scenarios not started because the deployment answered nothing (below).
        var unstarted = 0..<0
        await withTaskGroup(of: (Int, ScenarioResult?).self) { group in
            var next = 0
            // A deployment that accepts connections and never answers costs each scenario its
            // request timeouts (a step and its teardown, 30 s each by default): a CI gate would
            // wait half an hour for "unreachable". Until a scenario ends with an answer, no more
            // scenarios run than would make the first ones to end unanswered: those already
            // running, or the limit's number one after another. Once that many ended with none
            // of their requests answered, the rest are not started.
            var answered = false
            var unanswered = 0
            var running = 0
            func mayStart() -> Bool {
                next < instances.count && running < options.parallelism
                    && (answered || unanswered + running < Self.unansweredScenarioLimit)
            }
            func startNext() {
                let instance = instances[next]
                next += 1
                running += 1
                group.addTask {
                    if Task.isCancelled { return (instance.index, nil) }
                    let result = await self.run(instance)
                    onScenarioFinished(result)
                    return (instance.index, result)
                }
            }
            // The first wave is whole: an answer usually comes within milliseconds.
            while next < instances.count && running < options.parallelism { startNext() }
            // Past the first whole transcripts of each kind, a result keeps its verdicts only.
            var transcripts = TranscriptBudget(options.limits)
            while let (index, result) = await group.next() {
                running -= 1
                results[index] = result.map { transcripts.admit($0) }
                if let result, !answered {
                    if result.reachedNoDeployment {
                        unanswered += 1
                    } else if (result.steps + result.teardown).contains(where: { $0.response != nil }) {
                        answered = true
                    }
                }
                while mayStart() { startNext() }
            }
            unstarted = next..<instances.count
        }
        if !Task.isCancelled, !unstarted.isEmpty {
            for instance in instances[unstarted] {
                let result = Self.notRun(
                    instance, outcome: .errored,
                    reason: "not run: the deployment answered none of the requests of the first "
                        + "\(Self.unansweredScenarioLimit) scenarios to end")
                results[instance.index] = result
                onScenarioFinished(result)
            }
        }
        let interrupted = Task.isCancelled || results.contains { $0 == nil || $0?.outcome == .interrupted }
        // A scenario the interruption kept from starting is reported as interrupted, so that no
        // report counts a partial run as complete.
        let suites = Self.suites(files, instances: instances, results: results, notRunReason: "not run: the run was interrupted")
        let elapsed = clock.now - start
        // Every report names the base URL: its password, if it has one, never.
        return RunResult(
            runID: options.runID, baseURL: SecretRedaction.redactingUserinfoPassword(options.baseURL), startedAt: started,
            durationSeconds: elapsed.seconds, suites: suites, interrupted: interrupted)
    }

    /// The result a run has before any scenario ends: every selected scenario interrupted, not
    /// run. Written as the reports before the first request, so that a run that never writes its
    /// own (a second Ctrl-C, a kill, a crash) leaves reports that say it did not finish, never
    /// the previous run's.
    public static func unfinishedResult(_ files: [ScenarioFile], options: RunOptions, startedAt: Date) -> RunResult {
        let instances = plan(files, options: options)
        let suites = suites(
            files, instances: instances, results: Array(repeating: nil, count: instances.count),
            notRunReason: "not finished: the run ended before it wrote its reports (a second Ctrl-C, a kill or a crash)")
        return RunResult(
            runID: options.runID, baseURL: SecretRedaction.redactingUserinfoPassword(options.baseURL), startedAt: startedAt,
            durationSeconds: 0, suites: suites, interrupted: true)
    }

    /// The suites of `files`: each instance's result, or, where it has none, the instance
    /// interrupted with `notRunReason`.
    static func suites(
        _ files: [ScenarioFile], instances: [ScenarioInstance], results: [ScenarioResult?], notRunReason: String
    ) -> [SuiteResult] {
        files.enumerated().map { fileIndex, file in
            SuiteResult(
                name: file.suiteName, file: file.path,
                scenarios: zip(instances, results).compactMap { instance, result in
                    guard instance.fileIndex == fileIndex else { return nil }
                    return result ?? notRun(instance, outcome: .interrupted, reason: notRunReason)
                })
        }
    }

    /// An instance that did not run, and why.
    static func notRun(_ instance: ScenarioInstance, outcome: ScenarioResult.Outcome, reason: String) -> ScenarioResult {
        ScenarioResult(
            name: instance.name, tags: instance.tags.sorted(), location: instance.scenario.location,
            outcome: outcome, steps: [], teardown: [], durationSeconds: 0, reason: reason)
    }

    /// How many scenarios may end with none of their requests answered, before any request of
    /// the run was, until the rest are not started.
    public static let unansweredScenarioLimit = 3

    /// Runs one scenario instance: its steps, then always its teardown.
    public func run(_ instance: ScenarioInstance) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        var scope = self.scope(
            file: instance.file, scenario: instance.scenario, caseValues: instance.caseValues, index: instance.index)
        let renderer = RequestRenderer(
            baseURL: options.baseURL, defaultHeaders: instance.file.headers, commandLineHeaders: options.headers,
            transfer: options.transfer)
        var steps: [StepResult] = []
        var outcome = ScenarioResult.Outcome.passed
        var reason: String?
        if let condition = instance.scenario.condition {
            do {
                if let unmet = try condition.unmetReason(in: scope) {
                    // Nothing ran, so nothing is torn down.
                    return redactor.scenario(ScenarioResult(
                        name: instance.name, tags: instance.tags.sorted(), location: instance.scenario.location, outcome: .skipped,
                        steps: [], teardown: [], durationSeconds: (clock.now - start).seconds, reason: unmet))
                }
            } catch {
                return redactor.scenario(ScenarioResult(
                    name: instance.name, tags: instance.tags.sorted(), location: instance.scenario.location, outcome: .errored,
                    steps: [], teardown: [], durationSeconds: (clock.now - start).seconds,
                    reason: "\(condition.location): \(error.message)"))
            }
        }
        // When the run was interrupted: the teardown's grace counts from then, so that a write
        // in flight that took its own grace first does not make the stop longer.
        let stoppedAt = Mutex<ContinuousClock.Instant?>(nil)
        await withTaskCancellationHandler {
            stepLoop: for step in instance.scenario.steps {
                let rounds = StepRounds(of: step, in: scope)
                for repetition in 1...rounds.count {
                    if Task.isCancelled {
                        outcome = .interrupted
                        break stepLoop
                    }
                    let result = await execute(
                        step, repetition: repetition, of: rounds, scope: &scope, renderer: renderer, file: instance.file.path)
                    steps.append(result)
                    if Task.isCancelled && !result.passed {
                        outcome = .interrupted
                        break stepLoop
                    }
                    if result.error != nil {
                        outcome = .errored
                        break stepLoop
                    }
                    if let failed = result.preconditions.first(where: { !$0.passed }) {
                        outcome = .skipped
                        reason = "precondition failed: \(result.name): \(failed.subject) expected \(failed.expected), got \(failed.actual)"
                        break stepLoop
                    }
                    if !result.passed {
                        outcome = .failed
                        break stepLoop
                    }
                }
            }
        } onCancel: {
            stoppedAt.withLock { $0 = $0 ?? ContinuousClock.now }
        }

        let teardownSteps = (instance.scenario.teardown + instance.file.teardown).map { step in
            var step = step
            step.isTeardown = true
            return step
        }
        let finalScope = scope
        // A teardown check that could not reach the deployment says nothing was left behind only
        // when nothing of the scenario reached it either (an unreachable server created nothing).
        // A write the interruption aborted in flight may have been carried out (its answer was
        // on the way): it counts as reaching it.
        let reachedDeployment = steps.contains { $0.response != nil || $0.writeDroppedInFlight }
        // A scenario none of whose writes could have taken effect (each refused with a 4xx: a
        // gateway's 403 to a missing key, a 404 for a wrong stage; reads change nothing) created
        // nothing: a failed cleanup then says nothing about what stayed, unless its answer shows
        // the thing there.
        let mayHaveWritten = steps.contains { $0.mayHaveChangedState == true }
        // A create still unanswered when its grace after the interruption ran out may be stored
        // after the teardown checked it gone: what it wrote is not known, though the checks found
        // nothing.
        let droppedWrites = steps.compactMap { step -> String? in
            guard step.writeDroppedInFlight, let request = step.request, request.method != "DELETE" else { return nil }
            return UnverifiedLabel.droppedWrite(
                method: request.method, path: UnverifiedLabel.path(of: request.url),
                reason: TeardownGrace.cutShortReason(after: options.writeGrace, of: "wait for its answer"))
        }
        let grace = options.teardownGrace
        // The teardown runs in a task of its own, whatever the interruption, but only until its
        // grace after the interruption ran out.
        let graceLeft = stoppedAt.withLock { $0 }.map { max(.zero, grace - (ContinuousClock.now - $0)) } ?? grace
        let (teardown, leftBehind, unverified) = await withCancellationDelayed(by: graceLeft) {
            var scope = finalScope
            var results: [StepResult] = []
            var leftBehind: [String] = [], unverified: [String] = []
            // What the teardown itself adds (a control event a list must show) counts as the
            // scenario's writes do: a check that cannot show it gone names it.
            var reachedDeployment = reachedDeployment, mayHaveWritten = mayHaveWritten
            for step in teardownSteps {
                let rounds = StepRounds(of: step, in: scope)
                for repetition in 1...rounds.count {
                    // Past the grace after an interruption, nothing more is sent (see TeardownGrace);
                    // a step whose `when:` does not hold is skipped as it would have been.
                    let result = Task.isCancelled
                        ? Self.notSent(step, in: scope, reason: TeardownGrace.cutShortReason(after: grace))
                        : await self.execute(
                            step, repetition: repetition, of: rounds, scope: &scope, renderer: renderer, file: instance.file.path)
                    // Not sent, or dropped in flight: neither deleted nor checked.
                    let cutShort = Task.isCancelled && result.response == nil && result.skipReason == nil
                    results.append(result)
                    // A precondition a 5xx stopped cannot tell whose the item is, nor that it is gone.
                    if let label = step.leftBehind, result.failedOrErrored || result.stoppedByServerError,
                        result.error == nil || reachedDeployment
                    {
                        // The label names the round's item, which is no longer set once the round ended.
                        var labelScope = scope
                        if let forEach = step.forEach, let item = rounds.item(repetition) { labelScope.set(forEach.name, to: item) }
                        let text = (try? Template(label).render(in: labelScope)) ?? label
                        // With a `present:` rule, only an answer that shows it there says it stayed.
                        if cutShort {
                            if mayHaveWritten { unverified.append(UnverifiedLabel.unchecked(text, reason: TeardownGrace.cutShortReason(after: grace))) }
                        } else if result.showedPresent == true || (step.leftBehindPresence.isEmpty && mayHaveWritten) {
                            leftBehind.append(text)
                        } else if mayHaveWritten {
                            unverified.append(UnverifiedLabel.text(
                                text, method: result.request?.method ?? step.request.method,
                                path: result.request.map { UnverifiedLabel.path(of: $0.url) }, status: result.response?.status,
                                failure: result.errorKind ?? result.error))
                        }
                    }
                    if result.response != nil { reachedDeployment = true }
                    if result.mayHaveChangedState == true, (result.request?.method ?? step.request.method) != "DELETE" {
                        mayHaveWritten = true
                    }
                    // Every repetition of a teardown step runs: each may delete something else.
                }
            }
            return (results, leftBehind, unverified + droppedWrites)
        }

        let expectsNothing = instance.scenario.expectNothingLeftBehind || instance.file.expectNothingLeftBehind
        if expectsNothing && !(leftBehind + unverified).isEmpty && (outcome == .passed || outcome == .skipped) {
            outcome = .failed
            reason = [
                leftBehind.isEmpty ? nil : "left behind (expect_nothing_left_behind): \(leftBehind.joined(separator: ", "))",
                unverified.isEmpty ? nil : "not verified as deleted (expect_nothing_left_behind): \(unverified.joined(separator: ", "))",
            ].compactMap { $0 }.joined(separator: "; ")
        }
        return redactor.scenario(ScenarioResult(
            name: instance.name, tags: instance.tags.sorted(), location: instance.scenario.location, outcome: outcome,
            steps: steps, teardown: teardown, durationSeconds: (clock.now - start).seconds, reason: reason,
            leftBehind: leftBehind, unverified: unverified))
    }
}

/// One scenario to run: a scenario of a file, with one case's values.
public struct ScenarioInstance: Sendable {
    let fileIndex: Int
    let file: ScenarioFile
    let scenario: Scenario
    let caseValues: [String: JSONValue]
    let tags: Set<String>
    /// Position in the run, for `{{scenario_uid}}`.
    let index: Int
    /// The name in reports: the scenario's name rendered with the case's values, made
    /// distinct from its sibling rows'.
    public let name: String
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
