import ArgumentParser
import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletReports
import GauntletScenario

/// `gauntlet load`: concurrent load through libcurl's multi interface, with thresholds as a CI gate.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Drive a load file against a deployment and report latency.",
        discussion: """
            A load always has a bound: the file's (or --duration's) duration and/or iteration count.
            Examples:
              gauntlet load Scenarios/load/read-heavy.yaml --base-url http://127.0.0.1:8000
              gauntlet load Scenarios/load/read-heavy.yaml --base-url $URL --rate 500 --duration 1m --threshold 'p99<250ms' --abort-on 'errors<1%'
            Sharded over 4 machines (each writes load-result.json; 'gauntlet merge' judges the thresholds):
              gauntlet load FILE --base-url $URL --shard 2/4 --start-at 2026-12-03T05:00:00Z --report-dir Reports/shard-2
            """)

    @Argument(help: ArgumentHelp("The load file (see Scenarios/load/README.md).", valueName: "file"))
    var file: String

    @Option(name: .customLong("base-url"), help: "The deployment under test (default: the file's base_url).")
    var baseURL: String?

    @Option(parsing: .unconditional, help: "Closed model: this many virtual users, each sending its next request when the last one ends.")
    var vus: Int?

    @Option(parsing: .unconditional, help: "Open model: start this many iterations per second, whether or not earlier ones have finished.")
    var rate: Double?

    @Option(parsing: .unconditional, help: "Run for this long (e.g. 30s, 2m).", transform: DurationArgument.parse)
    var duration: DurationArgument?

    @Option(parsing: .unconditional, help: "Stop after this many iterations.")
    var iterations: Int?

    @Option(name: .customLong("threshold"), help: ArgumentHelp("Fail (exit 1) unless this holds, e.g. 'p99<250ms', 'errors<0.1%', 'rate>=950', 'get-event:p50<20ms' (repeatable).", valueName: "rule"))
    var thresholds: [String] = []

    @Option(name: .customLong("abort-on"), help: ArgumentHelp("A threshold, as --threshold, that also stops the load as soon as it can no longer pass: a count or max crossed at once, any other failing after a 10 s grace period (repeatable; see Scenarios/load/README.md).", valueName: "rule"))
    var abortOn: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Load only the scenarios with this tag (repeatable), as 'gauntlet run' selects them.", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("skip-tag"), help: ArgumentHelp("Leave out the scenarios with this tag (repeatable), as 'gauntlet run' does.", valueName: "tag"))
    var skipTags: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable the scenarios' templates use, e.g. validation_status=422 (repeatable; JSON values are typed), as in 'gauntlet run'.", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("variables-file"), help: ArgumentHelp("Read variables from a file: NAME=value lines (.env, # comments) or a YAML mapping (.yaml, .yml); repeatable, a later file wins; --var and --secret win over every file.", valueName: "file"))
    var variablesFiles: [String] = []

    @Option(name: .customLong("secret"), help: ArgumentHelp("Set a variable whose value is a secret, e.g. api_key=$KEY: used like --var (always a string) and replaced by *** wherever a report would show it, as in 'gauntlet run' (repeatable; at least 4 characters).", valueName: "name=value"))
    var secrets: [String] = []

    @Option(name: .customLong("header"), help: ArgumentHelp("Send this header with every request; ${NAME} reads the environment (repeatable).", valueName: "'Name: value'"))
    var headers: [String] = []

    @Option(name: .customLong("data"), help: ArgumentHelp("Make every scenario one entry of the mix per row of this file (CSV with a header row, or a JSON array of objects), its values as variables, each weighted as the scenario.", valueName: "file"))
    var dataFile: String?

    @Flag(name: .customLong("dry-run"), help: "Load and check the file, then print the requests of its setup, of one iteration of each scenario and of its teardown (secrets redacted), sending nothing.")
    var dryRun = false

    @Flag(name: .customLong("cold-starts"), help: "Tell each request cold or warm and report cold starts (as the file's 'cold_start: true').")
    var coldStarts = false

    @Option(name: .customLong("cold-start-header"), help: ArgumentHelp("The response header that says a request was a cold start (default X-Cold-Start); implies --cold-starts.", valueName: "name"))
    var coldStartHeader: String?

    @Option(name: .customLong("cold-start-method"), help: ArgumentHelp("How to tell cold starts: automatic (the header when every response has it, else statistical), header or statistical; implies --cold-starts.", valueName: "method"))
    var coldStartMethod: String?

    @Option(name: .customLong("cold-start-log"), help: ArgumentHelp("The function's CloudWatch log of Lambda REPORT records (text or JSON, as 'aws logs filter-log-events' or 'aws logs tail' export it), read after the load: requests matched to a record are cold when it has an Init Duration, and the report gives the client-side method's agreement with it (repeatable); implies --cold-starts.", valueName: "file"))
    var coldStartLogs: [String] = []

    @Option(name: .customLong("cold-start-request-id-header"), help: ArgumentHelp("The response header carrying the Lambda request id (or an API Gateway id the log maps to one) that --cold-start-log matches requests by (default X-Lambda-Request-Id, as events-api returns it); without it, requests are matched by time; implies --cold-starts.", valueName: "name"))
    var coldStartRequestIDHeader: String?

    @Option(help: ArgumentHelp("Run only the I-th of N equal parts of the load (0-based), for N machines that together run it once; 'gauntlet merge' combines their report folders.", valueName: "I/N"))
    var shard: String?

    @Option(name: .customLong("start-at"), help: ArgumentHelp("Start the load (after setup) at this instant, the same for every shard: an ISO 8601 UTC time or +DURATION from now.", valueName: "time"))
    var startAt: String?

    @Option(name: .customLong("idle-timeout"), parsing: .unconditional, help: ArgumentHelp("The deployment's idle timeout (e.g. 10m for AWS Lambda, 1s for the reference API's emulation): a phased load's idle phases and probe gaps become 1.5× it, so that each outlasts it, and the statistical cold-start method counts that much client idleness as instances reclaimed.", valueName: "duration"), transform: DurationArgument.parse)
    var idleTimeout: DurationArgument?

    @Flag(help: "Print a plain progress line every few seconds even on a terminal.")
    var plainProgress = false

    @OptionGroup(title: "Transfer")
    var transfer: TransferOptionGroup

    @OptionGroup(title: "Reports")
    var reports: LoadReportOptionGroup

    @OptionGroup(title: "Baseline")
    var baselineOptions: BaselineOptionGroup

    func validate() throws {
        if let baseURL { try BaseURLArgument.validate(baseURL) }
        try ReportPathClash.check(reports.written, against: [file] + variablesFiles + (dataFile.map { [$0] } ?? []))
        try ScenarioSelectionOptions.validateSecrets(secrets, besideVariables: variables)
        _ = try ScenarioSelectionOptions.parseHeaders(headers, environment: ProcessInfo.processInfo.environment)
        // --vus, --rate, --duration, --iterations, --threshold and --abort-on are checked by LoadOverrides,
        // which blames each bad one by name before any request (LoadSession.run).
        if coldStartRequestIDHeader?.isEmpty == true { throw ValidationError("--cold-start-request-id-header names no header") }
        if let coldStartMethod, ColdStartClassifier.Mode(rawValue: coldStartMethod) == nil {
            throw ValidationError("--cold-start-method is automatic, header or statistical, not '\(coldStartMethod)'")
        }
    }

    /// `--timeout`, when the command line gave it, to replace the file's `timeout:`.
    var givenTimeout: Duration? { transfer.timeout?.value }

    func run() async throws {
        let fromFiles = try ScenarioSelectionOptions.loadVariablesFiles(variablesFiles)
        let secretVariables = try ScenarioSelectionOptions.parseSecrets(secrets)
        let variables = fromFiles.merging(try ScenarioSelectionOptions.parseVariables(self.variables)) { _, flag in flag }
            .merging(secretVariables.mapValues(JSONValue.string)) { _, secret in secret }
        let loadFile = try LoadSession.loadFile(
            at: file, variableNames: Set(variables.keys), dataFile: dataFile,
            tags: TagSelection(include: Set(tags), exclude: Set(skipTags)))
        // A misspelt name is said before the load rather than silently changing nothing.
        let given = ScenarioSelectionOptions.givenNames(variables: self.variables, secrets: secrets)
        for warning in UnusedVariableCheck.warnings(for: given, read: loadFile.variablesRead) { Console.error(warning) }
        let headerLines = try ScenarioSelectionOptions.expandedHeaderLines(headers)
        if dryRun {
            let overrides = LoadOverrides(
                vus: vus, rate: rate, duration: duration?.value, iterations: iterations, thresholds: thresholds, abortOn: abortOn,
                shard: shard)
            return try LoadSession.dryRun(
                loadFile, baseURL: baseURL, overrides: overrides,
                headers: try ScenarioSelectionOptions.parseHeaders(headers, environment: ProcessInfo.processInfo.environment),
                variables: variables, secretVariables: secretVariables)
        }
        let start = try startAt.map { try StartTimeArgument.parse($0) }
        var overrides = LoadOverrides(
            vus: vus, rate: rate, duration: duration?.value, iterations: iterations, thresholds: thresholds, abortOn: abortOn,
            shard: shard)
        overrides.idleTimeout = idleTimeout?.value
        overrides.timeout = givenTimeout
        let logs = coldStartLogs + loadFile.coldStartLogs
        if coldStarts || coldStartHeader != nil || coldStartMethod != nil || !logs.isEmpty || coldStartRequestIDHeader != nil {
            var classifier = loadFile.plan.coldStart ?? ColdStartClassifier()
            if let coldStartHeader { classifier.headerName = coldStartHeader }
            if let mode = coldStartMethod.flatMap(ColdStartClassifier.Mode.init(rawValue:)) { classifier.mode = mode }
            if let coldStartRequestIDHeader {
                classifier.requestIDHeader = coldStartRequestIDHeader
            } else if !logs.isEmpty, classifier.requestIDHeader == nil {
                classifier.requestIDHeader = ColdStartClassifier.defaultRequestIDHeader
            }
            overrides.coldStart = classifier
        }
        var session = LoadSession(
            reportDirectory: reports.reportDirectory, junitPath: reports.junit,
            progress: plainProgress ? .plain(interval: .seconds(2)) : .automatic)
        session.appendsGitHubSummary = reports.githubSummary
        session.coldStartLogs = logs
        session.streamsPerConnection = transfer.http2 ? transfer.streamsPerConnection : 1
        let model = ((try? overrides.apply(to: loadFile.plan)) ?? loadFile.plan).model
        session.baseline = try baselineOptions.load(planName: loadFile.plan.name, model: model, requestNames: loadFile.plan.requestNames)
        let result = try await session.run(
            loadFile, baseURL: baseURL, overrides: overrides, transport: CurlLoadTransport(options: try transfer.transferOptions()),
            headerLines: headerLines, variables: variables, secretVariables: secretVariables, startAtNanos: start?.nanos)
        if let status = LoadSession.exitStatus(of: result) { throw ExitCode(status) }
    }
}
