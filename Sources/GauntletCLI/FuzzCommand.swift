import ArgumentParser
import Foundation
import GauntletFuzz
import GauntletScenario

/// `gauntlet fuzz`: requests generated from a deployment's OpenAPI document, judged by its own
/// schemas, with every finding saved as a scenario file.
struct FuzzCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Generate requests from an OpenAPI document and check the answers against it.",
        discussion: """
            Reads the document (by default the deployment's /openapi.json; OpenAPI 3.0, 3.1 and 3.2), \
            then for every operation sends valid requests, invalid ones (one change at a time), \
            undocumented methods, and create/read/update/delete sequences. Each unique failure \
            (by check, operation and status) is shrunk and written as a scenario file under \
            <report-dir>/findings that `gauntlet run` replays. Everything the run creates carries \
            its run id and is deleted at the end.

            Checks: \(FuzzCheck.allCases.map(\.rawValue).joined(separator: ", ")).

            Examples:
              gauntlet fuzz --base-url http://127.0.0.1:8000 --seed 1
              gauntlet fuzz --base-url $URL --openapi openapi.json --checks not_a_server_error,negative_data_rejection
              gauntlet run Reports/findings --base-url $URL      # replay the findings

            Exit status: 0 nothing found; 1 a finding, an unanswered request, something left \
            behind, or the time limit reached before the end; 2 invalid input (no request sent \
            but for the document); 130 interrupted.
            """)

    @Option(name: .customLong("base-url"), help: "The deployment under test, e.g. http://127.0.0.1:8000.")
    var baseURL: String

    @Option(name: .customLong("openapi"), help: ArgumentHelp("The OpenAPI document: a URL or a file (default: <base-url>/openapi.json).", valueName: "url|file"))
    var openAPI: String?

    @Option(parsing: .unconditional, help: "Fixes every generated value, so that a run can be repeated (default: a random seed, printed).")
    var seed: UInt64?

    @Option(name: .customLong("max-examples"), parsing: .unconditional, help: "Valid requests per operation (every invalid variant is sent once).")
    var maxExamples = 20

    @Option(parsing: .unconditional, help: "Stop generating after this long (default 5m); the run is then incomplete and exits 1. The cleanup gets 10 s more at most: the run ends by then whatever the deployment does, even with --timeout 0s.", transform: DurationArgument.parse)
    var time: DurationArgument = DurationArgument(.seconds(300))

    @Option(help: ArgumentHelp("Only these checks, comma-separated (default: all).", valueName: "check,…"))
    var checks: String?

    @Option(name: .customLong("exclude-checks"), help: ArgumentHelp("Every check but these, comma-separated.", valueName: "check,…"))
    var excludeChecks: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("Send this header with every request, e.g. 'Authorization: Bearer ${TOKEN}' (repeatable; values never appear in reports).", valueName: "'Name: value'"))
    var headers: [String] = []

    @OptionGroup(title: "Transfer")
    var transfer: TransferOptionGroup

    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write fuzz.json, the JUnit file and findings/ here.", valueName: "dir"))
    var reportDirectory = "Reports"

    @Option(help: ArgumentHelp("Write the JUnit XML report here (default: <report-dir>/fuzz-junit.xml).", valueName: "file"))
    var junit: String?

    func validate() throws {
        try BaseURLArgument.validate(baseURL)
        guard maxExamples >= 1 else { throw ValidationError("--max-examples must be at least 1, got \(maxExamples)") }
        guard time.value > .zero else { throw ValidationError("--time must be more than 0s") }
        _ = try selectedChecks()
        _ = try ScenarioSelectionOptions.parseHeaders(headers, environment: ProcessInfo.processInfo.environment)
        try checkReportPaths()
    }

    /// The JUnit file is not written over `fuzz.json`, over the document a file `--openapi` names,
    /// nor into `findings/`, which each run replaces whole.
    private func checkReportPaths() throws {
        let findings = (reportDirectory as NSString).appendingPathComponent("findings")
        let reports: [ReportPathClash.Report] = [
            .init(fixed: (reportDirectory as NSString).appendingPathComponent("fuzz.json")),
            .init(flag: "--junit", given: junit, path: junitPath),
        ]
        try ReportPathClash.check(reports)
        try ReportPathClash.check(reports, against: [openAPI].compactMap { $0 }.filter { !FuzzSession.isURL($0) })
        let junitTarget = ReportPathClash.standardized(junitPath), findingsTarget = ReportPathClash.standardized(findings)
        if junitTarget == findingsTarget || junitTarget.hasPrefix(findingsTarget + "/") {
            throw ValidationError("--junit would be written to \(junitPath), inside \(findings), which each run replaces whole: name another file")
        }
    }

    private var junitPath: String { junit ?? (reportDirectory as NSString).appendingPathComponent("fuzz-junit.xml") }

    /// The checks `--checks` and `--exclude-checks` leave.
    func selectedChecks() throws -> Set<FuzzCheck> {
        func parse(_ list: String, _ flag: String) throws -> Set<FuzzCheck> {
            var checks: Set<FuzzCheck> = []
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if name == "all" { checks.formUnion(FuzzCheck.allCases); continue }
                guard let check = FuzzCheck(rawValue: name) else {
                    throw ValidationError("\(flag): unknown check '\(name)'; the checks are \(FuzzCheck.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                checks.insert(check)
            }
            return checks
        }
        var selected = try checks.map { try parse($0, "--checks") } ?? Set(FuzzCheck.allCases)
        if let excludeChecks { selected.subtract(try parse(excludeChecks, "--exclude-checks")) }
        guard !selected.isEmpty else { throw ValidationError("--checks and --exclude-checks leave no check to run") }
        return selected
    }

    func run() async throws {
        let headers = try ScenarioSelectionOptions.parseHeaders(self.headers, environment: ProcessInfo.processInfo.environment)
        let settings = FuzzSettings(
            baseURL: baseURL, seed: seed ?? UInt64.random(in: 1..<(1 << 32)), maxExamples: maxExamples, timeLimit: time.value,
            checks: try selectedChecks(), headers: headers, transfer: try transfer.transferOptions(), runID: RunOptions.makeRunID())
        let session = FuzzSession(
            settings: settings, documentLocation: openAPI, reportDirectory: reportDirectory,
            junitPath: junitPath)
        let status = try await session.run()
        if status != ExitStatus.passed { throw ExitCode(status) }
    }
}
