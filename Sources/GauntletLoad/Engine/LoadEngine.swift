import Foundation
public import GauntletJSON
import GauntletHTTP
import GauntletScenario

/// Runs a plan: setup, the load on `plan.loops` event-loop threads, teardown; and merges what
/// the loops measured into one `LoadResult`.
public struct LoadEngine: Sendable {
    /// The plan to run.
    public var plan: LoadPlan
    /// The base URL every request path is appended to.
    public var baseURL: String
    /// Header lines (`Name: value`) sent with every request.
    public var headerLines: [String]
    /// Makes one driver per loop.
    public var transport: any LoadTransport
    /// The identifier `{{run_id}}` expands to.
    public var runID: String
    /// Variables from the command line, which no file may shadow.
    public var variables: [String: JSONValue]
    /// Values no report may show (`RunOptions.secrets`: secret headers, `--secret` values, the
    /// base URL's password, each as it may read in a request): hidden in curl reproductions and
    /// left-behind labels, which are the request text a load's reports carry.
    public var secrets: [String] = []
    /// When the load starts, nanoseconds since 1970 (wall clock): shards of one plan on several
    /// machines start together (`--start-at`). Nil starts as soon as setup is done and the
    /// event loops are built (see `LoadStartGate`).
    public var startAtNanos: Int64?

    /// Creates an engine.
    /// - Parameters:
    ///   - plan: The plan to run.
    ///   - baseURL: The base URL every request path is appended to.
    ///   - headerLines: Header lines sent with every request.
    ///   - transport: Makes one driver per loop.
    ///   - runID: The identifier `{{run_id}}` expands to; a random one by default, with `s` and
    ///     the shard's number appended for a shard of a plan.
    ///   - variables: Variables from the command line.
    public init(
        plan: LoadPlan, baseURL: String, headerLines: [String] = [], transport: any LoadTransport,
        runID: String = LoadEngine.makeRunID(), variables: [String: JSONValue] = [:]
    ) {
        self.variables = variables
        self.plan = plan
        self.baseURL = baseURL
        self.headerLines = headerLines
        self.transport = transport
        // A shard's ids never meet another shard's, whatever their random parts.
        self.runID = plan.shard.isWhole ? runID : "\(runID)s\(plan.shard.index)"
    }

    /// A short random identifier, so that repeated runs never reuse the same ids.
    public static func makeRunID() -> String {
        String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// Runs setup, the load and teardown.
    /// - Parameters:
    ///   - cancellation: Stops the load early; the result covers what ran, and teardown still runs.
    ///     A threshold marked to abort stops the load through it too (``LoadResult/abort``).
    ///   - live: Receives per-second slices (for a progress line, and for the thresholds that
    ///     may abort the load).
    /// - Returns: The merged measurements; for a load whose setup failed or was interrupted, why
    ///   it did not start (``LoadResult/notStarted``) and what the plan's teardown found.
    /// - Throws: `LoadPlanError` for an invalid plan, `LoadRunError` when a driver cannot be created.
    public func run(cancellation: LoadCancellation = LoadCancellation(), live: LoadLiveStats? = nil) async throws
        -> LoadResult
    {
        try plan.validate()
        let plan = self.planWithColdStartAnalysis
        // The header is read per request only when it may decide; the request id only when a
        // Lambda log is to label requests.
        let transport = plan.coldStart.map { classifier in
            var transport = classifier.mode == .statistical ? self.transport : self.transport.capturingHeader(classifier.headerName)
            if let name = classifier.requestIDHeader { transport = transport.capturingRequestID(header: name) }
            return transport
        } ?? self.transport
        var scope = VariableScope(overrides: variables, constants: ["run_id": runID, "base_url": baseURL])
        var setupAnswered = false
        if let setup = plan.setup {
            // Ctrl-C stops setup too: its request in flight is dropped after the stop's grace.
            let outcome = try await runOnce(setup, scope: scope, cancellation: cancellation)
            setupAnswered = outcome.answered
            // What setup captured, every iteration (and the teardown) sees.
            if let captured = outcome.lastScope { scope = captured }
            if cancellation.isCancelled || outcome.total.errors > 0 {
                return try await notStarted(plan: plan, setup: outcome, scope: scope, cancellation: cancellation)
            }
        }
        let iterationScope = scope
        let stats = live ?? makeLiveStats()
        let abortMonitor = AbortMonitor(plan: plan, cancellation: cancellation)
        if let abortMonitor { stats.observeSeconds { abortMonitor.check(second: $0, totals: $1) } }
        let gate = LoadStartGate(
            loops: plan.loops, clock: transport.clock, startAtNanos: startAtNanos, cancellation: cancellation)
        let outcomes = try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: LoopOutcome.self) { group in
                for index in 0..<plan.loops {
                    group.addTask {
                        try await runLoop(
                            plan: plan, transport: transport, index: index, scope: iterationScope, gate: gate,
                            cancellation: cancellation, live: stats)
                    }
                }
                var all: [LoopOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
        } onCancel: {
            cancellation.cancel()
        }
        var result = LoadResult(
            plan: plan, loops: outcomes, timeSeries: stats.finish(), cancelled: cancellation.isInterrupted)
        result.abort = abortMonitor?.abort
        result.wallClockStartNanos = gate.wallClockStartNanos ?? Self.wallClockNanos()
        result.reproductions = reproductions(plan: plan, outcomes: outcomes)
        let answered = setupAnswered || outcomes.contains(where: \.answered)
        await cleanUp(plan, scope: scope, answered: answered, cancellation: cancellation, into: &result)
        return redactingSecrets(of: result)
    }

    /// The result of a load whose setup failed or was interrupted: the plan's teardown still
    /// runs, since the setup steps that ran may have created what it deletes (a request dropped
    /// unanswered at the stop too), unless setup reached nothing (every request refused,
    /// unresolved or timed out), which created nothing.
    private func notStarted(plan: LoadPlan, setup: LoopOutcome, scope: VariableScope, cancellation: LoadCancellation) async throws
        -> LoadResult
    {
        var result = LoadResult.empty(of: plan)
        result.cancelled = cancellation.isInterrupted
        // A setup request dropped unanswered at the stop may have created what the teardown deletes.
        result.abandoned = setup.abandoned
        if cancellation.isInterrupted {
            result.notStarted = "interrupted during setup; the load did not start"
        } else {
            let failure = setupFailure(setup)
            result.notStarted = failure.message
            result.setupUnanswered = failure.unanswered
        }
        if setup.answered || setup.abandoned > 0 {
            await cleanUp(plan, scope: scope, answered: setup.answered, cancellation: cancellation, into: &result)
        }
        return redactingSecrets(of: result)
    }

    /// Runs the plan's teardown once, unmeasured, and counts in `result` what it could not delete
    /// or verify as deleted. After a stop it runs too, for at most the stop's teardown grace.
    /// - Parameter answered: Whether the deployment answered a request of the setup or the load:
    ///   only then may a teardown step that fails in transport have left something behind.
    private func cleanUp(
        _ plan: LoadPlan, scope: VariableScope, answered: Bool, cancellation: LoadCancellation, into result: inout LoadResult
    ) async {
        guard let teardown = plan.teardown else { return }
        let outcome = try? await runOnce(teardown, scope: scope, cancellation: cancellation, answered: answered)
        result.leftBehind += outcome?.leftBehind ?? teardown.teardown.filter { $0.step.leftBehind != nil }.count
        result.leftBehindLabels += outcome?.leftBehindLabels ?? []
        result.unverified += outcome?.unverified ?? 0
        result.unverifiedLabels += outcome?.unverifiedLabels ?? []
    }

    /// `result` with every secret hidden from its examples and labels.
    private func redactingSecrets(of result: LoadResult) -> LoadResult {
        var result = result
        result.total.errorExamples = redacted(result.total.errorExamples)
        for index in result.byName.indices { result.byName[index].errorExamples = redacted(result.byName[index].errorExamples) }
        result.leftBehindLabels = result.leftBehindLabels.map { SecretRedaction.redact(text: $0, secrets: secrets) }
        result.unverifiedLabels = result.unverifiedLabels.map { SecretRedaction.redact(text: $0, secrets: secrets) }
        return result
    }

    /// A curl command per request name from the first request any loop sent under it. Secret
    /// headers are redacted by name, and every `--header` value from the command line is, since
    /// the command line is where tokens are passed; then every one of ``secrets``, and of the
    /// credentials the request's own headers carry, wherever in the command it is (a body a
    /// template filled, a query string).
    func reproductions(plan: LoadPlan, outcomes: [LoopOutcome]) -> [String: String] {
        let commandLineNames = Set(RenderedRequest.headers(from: headerLines).map { $0.name.lowercased() })
        var commands: [String: String] = [:]
        for (position, name) in plan.requestNames.enumerated() {
            guard let request = outcomes.lazy.compactMap({ $0.firstRequests.indices.contains(position) ? $0.firstRequests[position] : nil }).first
            else { continue }
            var spec = request.requestSpec(options: TransferOptions())
            // The credentials a file's headers carry are hidden wherever else they are (a body).
            let credentials = RunOptions.credentialSecrets(in: spec.headers)
            spec.headers = spec.headers.map { header in
                commandLineNames.contains(header.name.lowercased()) ? HTTPHeader(header.name, SecretRedaction.placeholder) : header
            }
            commands[name] = SecretRedaction.redact(text: CurlCommand(spec).description, secrets: secrets + credentials)
        }
        return commands
    }

    /// The wall clock, nanoseconds since 1970.
    public static func wallClockNanos() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1e9).rounded())
    }

    /// The plan, with the cold-start analysis on when a threshold names the `cold` or `warm` series.
    var planWithColdStartAnalysis: LoadPlan {
        var plan = self.plan
        if plan.coldStart == nil, plan.thresholds.contains(where: { $0.series == "cold" || $0.series == "warm" }) {
            plan.coldStart = ColdStartClassifier()
        }
        return plan
    }

    /// The live statistics this engine's loops would feed, for a progress line.
    public func makeLiveStats() -> LoadLiveStats {
        let model = plan.model
        let duration = plan.effectiveDuration
        let scheduler: OpenModelScheduler? =
            if case let .open(rate, stages) = model {
                OpenModelScheduler(rate: rate, stages: stages, duration: duration)
            } else { nil }
        // A shard's target is its share of the plan's arrivals.
        let share = LoadResult.coveredShare([plan.shard])
        return LoadLiveStats(loops: plan.loops) { seconds in scheduler.map { $0.rate(at: seconds) * share } }
    }

    /// Why setup stopped the load, naming the step that failed and each failure's example
    /// (`setup failed at step 'seed-event' (tls: GET https://… failed TLS: … certificate has
    /// expired); the load did not start`); unreachable when none of its requests was answered.
    func setupFailure(_ outcome: LoopOutcome) -> LoadRunError {
        let examples = redacted(outcome.total.errorExamples)
        let kinds = outcome.total.errorCounts.keys.sorted().map { kind in examples[kind].map { "\(kind): \($0)" } ?? kind }
        let step = outcome.byRequest.first { $0.errors > 0 }.map { " at step '\($0.name)'" } ?? ""
        var error = LoadRunError("setup failed\(step) (\(kinds.joined(separator: "; "))); the load did not start")
        error.unanswered = outcome.sent > 0 && !outcome.answered
        return error
    }

    /// `examples` with every secret hidden.
    private func redacted(_ examples: [String: String]) -> [String: String] {
        examples.mapValues { SecretRedaction.redact(text: $0, secrets: secrets) }
    }

    /// Runs `flow` once (a plan's setup or teardown), unmeasured, and returns what it measured
    /// and captured.
    /// - Parameters:
    ///   - cancellation: The load's stop: setup stops with it; a teardown (a flow of teardown
    ///     steps only) runs after it too, for at most the stop's teardown grace.
    ///   - answered: Whether the deployment answered before (see ``LoadLoop/deploymentAnswered``).
    private func runOnce(
        _ flow: LoadFlow, scope: VariableScope, cancellation: LoadCancellation, answered: Bool = false
    ) async throws -> LoopOutcome {
        // Run once and unmeasured: each response is kept, so that a failure can quote it.
        var flow = flow
        flow.keepsResponses = true
        let once = LoadPlan(
            name: flow.name, model: .closed(vus: 1, thinkTime: .zero), iterations: 1, mix: [flow], schemas: plan.schemas)
        return try await runLoop(
            plan: once, transport: transport, index: 0, scope: scope, gate: LoadStartGate(loops: 1, clock: transport.clock),
            cancellation: cancellation, live: nil, cleanup: flow.steps.isEmpty, answered: answered)
    }

    private func runLoop(
        plan: LoadPlan, transport: any LoadTransport, index: Int, scope: VariableScope, gate: LoadStartGate,
        cancellation: LoadCancellation, live: LoadLiveStats?, cleanup: Bool = false, answered: Bool = false
    ) async throws -> LoopOutcome {
        let baseURL = self.baseURL, runID = self.runID, secrets = self.secrets
        let headers = RenderedRequest.headers(from: headerLines)
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let loop = LoadLoop(
                    plan: plan, index: index, baseURL: baseURL, headers: headers, scope: scope, runID: runID,
                    clock: transport.clock, cancellation: cancellation, live: live, secrets: secrets)
                loop.startsAfterStop = cleanup
                loop.deploymentAnswered = answered
                let driver: any LoadLoopDriver
                do {
                    driver = try transport.makeDriver(loop: index, capacity: loop.transferCapacity)
                } catch {
                    _ = gate.arrive()
                    continuation.resume(throwing: LoadRunError("cannot start event loop \(index): \(error)"))
                    return
                }
                // The schedule starts when every loop is built, so that building is not lateness.
                let outcome = loop.run(driver: driver, start: gate.arrive())
                driver.close()
                continuation.resume(returning: outcome)
            }
            thread.name = "gauntlet-load-\(index)"
            thread.start()
        }
    }
}

/// A load that could not run to its end.
public struct LoadRunError: Error, Sendable, CustomStringConvertible {
    /// A user-facing message.
    public var message: String
    /// Whether requests were sent and none was answered (setup failed in transport only: refused,
    /// unresolved, TLS failed, timed out): the deployment was not reached, which `gauntlet load`
    /// reports as unreachable (exit 3) rather than as a failed check.
    public var unanswered = false
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
