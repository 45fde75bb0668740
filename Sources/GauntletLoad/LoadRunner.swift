public import GauntletJSON
public import GauntletHTTP
import GauntletScenario

/// Runs a load file for the command line: applies the overrides, runs the engine on a
/// transport, shows progress on standard error, and returns the result (reports are the
/// caller's, through `LatencyReportWriter`).
public enum LoadRunner {
    /// Runs `file` against `baseURL`.
    /// - Parameters:
    ///   - file: The load file.
    ///   - baseURL: The deployment's base URL (the command line's, or the file's `base_url`).
    ///   - overrides: Command-line replacements for the model, rate, VUs, duration, iterations, the
    ///     per-request time limit and thresholds.
    ///   - transport: Makes the event loops' drivers (libcurl in production, simulated in tests).
    ///   - headerLines: `Name: value` lines sent with every request (never written to reports).
    ///   - variables: `--var` and `--secret` values, which no file may shadow.
    ///   - secretVariables: The `--secret` values (also among `variables`), hidden with the
    ///     secret headers and the base URL's password wherever a report would show a request.
    ///   - progress: How to show progress.
    ///   - cancellation: Stops the load early (Ctrl-C); the result covers what ran.
    ///   - startAtNanos: When the load starts, wall clock (`--start-at`); nil for at once.
    /// - Returns: The merged measurements, thresholds included; for a load whose setup failed or
    ///   was interrupted, why it did not start (``LoadResult/notStarted``) and what the plan's
    ///   teardown found.
    /// - Throws: `LoadPlanError` for invalid overrides, `LoadRunError` when there is no base URL or
    ///   no event loop can start.
    public static func run(
        _ file: LoadFile, baseURL: String? = nil, overrides: LoadOverrides = LoadOverrides(),
        transport: any LoadTransport, headerLines: [String] = [], variables: [String: JSONValue] = [:],
        secretVariables: [String: String] = [:], progress: ProgressMode = .automatic, cancellation: LoadCancellation = LoadCancellation(),
        startAtNanos: Int64? = nil
    ) async throws -> LoadResult {
        var plan = try overrides.apply(to: file.plan)
        let timeout = overrides.timeout ?? file.timeout
        try requireAnEnd(plan, timeout: timeout)
        if timeout == .zero { plan.drainLimit = LoadPlan.defaultDrainLimit }
        guard let url = baseURL ?? file.baseURL else {
            throw LoadRunError("no base URL: pass one on the command line or set 'base_url' in \(file.path)")
        }
        // The command line's per-request time limit wins over the file's, which wins over the
        // transport's default.
        let transport = (overrides.timeout ?? file.timeout).map { transport.limitingRequests(to: $0) } ?? transport
        var engine = LoadEngine(plan: plan, baseURL: url, headerLines: headerLines, transport: transport, variables: variables)
        engine.startAtNanos = startAtNanos
        engine.secrets = Self.secrets(baseURL: url, headers: RenderedRequest.headers(from: headerLines), secretVariables: secretVariables)
        let stats = engine.makeLiveStats()
        let reporter = ProgressReporter(
            mode: progress, stats: stats, total: plan.effectiveDuration, iterations: plan.iterations)
        let progressTask = Task { await reporter.run() }
        defer { progressTask.cancel() }
        let result = try await engine.run(cancellation: cancellation, live: stats)
        progressTask.cancel()
        await progressTask.value
        return result
    }

    /// Refuses a load that nothing would end against a deployment that never answers, when its
    /// requests have no time limit (`--timeout 0s`): one without a duration whose iterations start
    /// only as earlier ones end (a closed model with fewer users than iterations; phases, whose
    /// bursts and probes end when their requests do). A duration or open-model stages end a load
    /// (what is still in flight ``LoadPlan/defaultDrainLimit`` after its last iteration started is
    /// dropped); so does an iteration count that an open model, or as many users, start at once.
    /// - Throws: `LoadPlanError` saying what to add.
    package static func requireAnEnd(_ plan: LoadPlan, timeout: Duration?) throws(LoadPlanError) {
        guard timeout == .zero, plan.effectiveDuration == nil else { return }
        switch plan.model {
        case .open: return
        case .closed(let vus, _): if let iterations = plan.iterations, vus >= iterations { return }
        case .phased: break
        }
        throw LoadPlanError(
            "--timeout 0s (no limit per request) needs a duration here: a load whose iterations start only as earlier ones end "
                + "would wait forever on a deployment that never answers (give --duration, or a timeout)")
    }

    /// What a load's reports never show: what a run's hide (``RunOptions/secrets``), and every
    /// `--header` value of 4 characters or more whatever the header's name, as a load's curl
    /// reproductions hide those headers' values, since the command line is where tokens are passed.
    public static func secrets(baseURL: String, headers: [HTTPHeader], secretVariables: [String: String]) -> [String] {
        RunOptions(baseURL: baseURL, secretVariables: secretVariables, headers: headers).secretsWithEveryHeaderValue
    }
}
