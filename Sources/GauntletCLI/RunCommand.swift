import ArgumentParser
import Foundation
import GauntletScenario

/// `gauntlet run`: the contract suite (or any scenario files) against a base URL.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files against a deployment.",
        discussion: """
            Examples:
              gauntlet run --base-url https://abc123.execute-api.eu-west-1.amazonaws.com/prod
              gauntlet run Scenarios/contract --base-url http://127.0.0.1:8000 --tag seed --var validation_status=422
              gauntlet run --base-url $URL --header 'x-api-key: ${API_KEY}' --junit Reports/contract.xml
              gauntlet run Scenarios/signup.yaml --base-url $URL --data users.csv --variables-file staging.env
              gauntlet run --base-url $URL --dry-run
            Exit status: 0 passed; 1 a check failed; 2 invalid input; 3 no request got an answer (the \
            deployment was not reached, or never answered); 130 interrupted.
            """)

    @Argument(help: ArgumentHelp("Scenario files or folders.", valueName: "path"))
    var paths: [String] = ["Scenarios/contract"]

    @Option(name: .customLong("base-url"), help: "The deployment under test, e.g. http://127.0.0.1:8000 or https://…/prod.")
    var baseURL: String

    @OptionGroup(title: "Selection and values")
    var selection: ScenarioSelectionOptions

    @OptionGroup(title: "Transfer")
    var transfer: TransferOptionGroup

    @OptionGroup(title: "Reports")
    var reports: ReportOptionGroup

    @Option(name: .customLong("data"), help: ArgumentHelp("Run every scenario once per row of this file: CSV with a header row, or a JSON array of objects; each row's values are variables and name its testcase.", valueName: "file"))
    var dataFile: String?

    @Flag(name: .customLong("dry-run"), help: "Load and check every file, then print the requests the run would send (secrets redacted), sending nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print every scenario's transcript, not just failures'.")
    var verbose = false

    func validate() throws {
        try BaseURLArgument.validate(baseURL)
        try ReportPathClash.check(reports.written, against: paths + selection.variablesFiles + (dataFile.map { [$0] } ?? []))
    }

    func run() async throws {
        let options = try selection.runOptions(baseURL: baseURL, transfer: try transfer.transferOptions())
        var session = ScenarioSession(paths: paths, options: options, reports: reports, console: ConsoleReporter(verbose: verbose))
        session.dataFile = dataFile
        session.givenNames = selection.givenNames()
        if dryRun { return try session.dryRun() }
        let result = try await session.run()
        let status = ScenarioSession.exitStatus(of: result)
        if status != ExitStatus.passed { throw ExitCode(status) }
    }
}
