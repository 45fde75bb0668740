public import GauntletJSON

/// Runs a load file for the command line: applies the overrides, runs the engine on a
/// transport, shows progress on standard error, and returns the result (reports are the
/// caller's, through `LatencyReportWriter`).
public enum LoadRunner {
    /// Runs `file` against `baseURL`.
    /// - Parameters:
    ///   - file: The load file.
    ///   - baseURL: The deployment's base URL (the command line's, or the file's `base_url`).
    ///   - overrides: Command-line replacements for the model, rate, VUs, duration, iterations and thresholds.
    ///   - transport: Makes the event loops' drivers (libcurl in production, simulated in tests).
    ///   - headerLines: `Name: value` lines sent with every request (never written to reports).
    ///   - variables: `--var` values, which no file may shadow.
    ///   - progress: How to show progress.
    ///   - cancellation: Stops the load early (Ctrl-C); the result covers what ran.
    ///   - startAtNanos: When the load starts, wall clock (`--start-at`); nil for at once.
    /// - Returns: The merged measurements, thresholds included.
    /// - Throws: `LoadPlanError` for invalid overrides, `LoadRunError` when setup fails or no
    ///   event loop can start.
    public static func run(
        _ file: LoadFile, baseURL: String? = nil, overrides: LoadOverrides = LoadOverrides(),
        transport: any LoadTransport, headerLines: [String] = [], variables: [String: JSONValue] = [:],
        progress: ProgressMode = .automatic, cancellation: LoadCancellation = LoadCancellation(),
        startAtNanos: Int64? = nil
    ) async throws -> LoadResult {
        let plan = try overrides.apply(to: file.plan)
        guard let url = baseURL ?? file.baseURL else {
            throw LoadRunError("no base URL: pass one on the command line or set 'base_url' in \(file.path)")
        }
        // The file's per-request time limit wins over the transport's default.
        let transport = file.timeout.map { transport.limitingRequests(to: $0) } ?? transport
        var engine = LoadEngine(plan: plan, baseURL: url, headerLines: headerLines, transport: transport, variables: variables)
        engine.startAtNanos = startAtNanos
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
}
