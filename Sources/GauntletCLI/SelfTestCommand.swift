import ArgumentParser
import Foundation
import GauntletAPI
import GauntletFuzz
import GauntletReports
import GauntletLoad
import GauntletScenario
import Logging

/// `gauntlet selftest`: the main job on the embedded default. Starts the reference Event API
/// in-process on a free loopback port, runs the whole contract suite (reports in `<report-dir>`), a
/// short load (`<report-dir>/load/`) and a fuzz run from its OpenAPI document (`<report-dir>/fuzz/`)
/// against it, then a short cold-start load against a second one that emulates Lambda
/// (`<report-dir>/cold-starts/`), and ends with `<report-dir>/index.html` linking them all, so
/// the main job leaves one artifact.
struct SelfTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Start the reference API in-process and run the contract suite, a short load, a fuzz run and a cold-start load against it.",
        discussion: """
            Reports: the contract run's in <report-dir>, the load's in <report-dir>/load, the fuzz run's in \
            <report-dir>/fuzz, the cold-start load's in <report-dir>/cold-starts, and <report-dir>/index.html \
            linking them all (as gauntlet report <report-dir> writes it).
            """)

    @Argument(help: ArgumentHelp("Scenario files or folders.", valueName: "path"))
    var paths: [String] = ["Scenarios/contract"]

    @Option(name: .customLong("base-path"), help: "Serve the API under this stage prefix, as API Gateway does (e.g. /prod).")
    var basePath = ""

    @Option(name: .customLong("defect"), help: ArgumentHelp("Break the reference API in one known way, to watch the suite catch it (repeatable).", valueName: "name"))
    var defects: [String] = []

    @Option(name: .customLong("load"), help: ArgumentHelp("The load file to run after the contract suite.", valueName: "file"))
    var loadFile = "Scenarios/load/selftest.yaml"

    @Option(name: .customLong("cold-start-load"), help: ArgumentHelp("The load file to run against the API emulating Lambda (cold starts of 250–500 ms, instances reclaimed after 1 s idle).", valueName: "file"))
    var coldStartLoadFile = "Scenarios/load/cold-starts.yaml"

    @Flag(name: .customLong("skip-load"), help: "Run the contract suite only (no load, no cold-start load).")
    var skipLoad = false

    @Flag(name: .customLong("skip-fuzz"), help: "Do not fuzz the reference from its OpenAPI document.")
    var skipFuzz = false

    @OptionGroup(title: "Selection and values")
    var selection: ScenarioSelectionOptions

    @OptionGroup(title: "Reports")
    var reports: ReportOptionGroup

    @Flag(name: .shortAndLong, help: "Print every scenario's transcript, not just failures'.")
    var verbose = false

    func validate() throws {
        for name in defects where ContractDefect(rawValue: name) == nil {
            throw ValidationError("unknown --defect '\(name)'; known: \(ContractDefect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // A defect that needs a stage would change nothing at the root: the suite would pass, and
        // seem not to catch it.
        for defect in defects.compactMap(ContractDefect.init(rawValue:)) where !defect.basePathThatShowsIt.isEmpty && basePath.isEmpty {
            throw ValidationError(
                "--defect \(defect.rawValue) shows only under a stage prefix: add --base-path \(defect.basePathThatShowsIt)")
        }
    }

    func run() async throws {
        let status: Int32
        do {
            status = try await runParts()
        } catch let exit as ExitCode where exit.rawValue == ExitStatus.invalidInput {
            throw exit  // Nothing ran: no index over what an earlier run left.
        } catch {
            writeIndex()  // A part that could not finish (a load whose setup failed): index what was written.
            throw error
        }
        writeIndex()
        if status != ExitStatus.passed { throw ExitCode(status) }
    }

    /// Runs every part, in order, until one is interrupted; returns the exit status: 130 when
    /// one was interrupted (the rest do not start), else 1 when one failed, else 0.
    private func runParts() async throws -> Int32 {
        var configuration = APIConfiguration()
        configuration.port = 0
        configuration.basePath = basePath
        configuration.logLevel = .warning
        configuration.defects = Set(defects.compactMap(ContractDefect.init(rawValue:)))
        let selection = self.selection
        let reports = self.reports
        let paths = self.paths
        let verbose = self.verbose
        let fuzzes = !skipFuzz
        let load = try skipLoad ? nil : LoadSession.loadFile(at: loadFile)
        let coldStartLoad = try skipLoad ? nil : LoadSession.loadFile(at: coldStartLoadFile)
        let mainJob = try await EventAPIServer.withRunningServer(configuration) { baseURL -> Int32 in
            Console.out("reference Event API listening on \(baseURL)")
            let options = try selection.runOptions(baseURL: baseURL)
            let session = ScenarioSession(paths: paths, options: options, reports: reports, console: ConsoleReporter(verbose: verbose))
            let contract = try await session.run()
            if contract.interrupted { return ExitStatus.interrupted }
            var status = contract.succeeded ? ExitStatus.passed : ExitStatus.checkFailed
            if let load {
                Console.out("\nload \(load.path) against \(baseURL)")
                let directory = (reports.reportDirectory as NSString).appendingPathComponent("load")
                let result = try await LoadSession(reportDirectory: directory, progress: .plain(interval: .seconds(1))).run(
                    load, baseURL: baseURL, overrides: LoadOverrides(), transport: CurlLoadTransport(), headerLines: [])
                if result.verdict == .interrupted { return ExitStatus.interrupted }
                if LoadSession.exitStatus(of: result) != nil { status = ExitStatus.checkFailed }
            }
            if fuzzes {
                Console.out("")
                let directory = (reports.reportDirectory as NSString).appendingPathComponent("fuzz")
                let settings = FuzzSettings(baseURL: baseURL, seed: 1, maxExamples: 20, timeLimit: .seconds(120), runID: options.runID)
                let session = FuzzSession(
                    settings: settings, documentLocation: nil, reportDirectory: directory,
                    junitPath: (directory as NSString).appendingPathComponent("fuzz-junit.xml"))
                let fuzz = try await session.run()
                if fuzz == ExitStatus.interrupted { return ExitStatus.interrupted }
                if fuzz != ExitStatus.passed { status = ExitStatus.checkFailed }
            }
            return status
        }
        if mainJob == ExitStatus.interrupted { return mainJob }
        var coldStarts = ExitStatus.passed
        if let coldStartLoad {
            // The same API without the contract defects, emulating Lambda.
            var emulating = configuration
            emulating.defects = []
            emulating.lambda = .compressedTime
            coldStarts = try await EventAPIServer.withRunningServer(emulating) { baseURL -> Int32 in
                Console.out("\nreference Event API emulating Lambda (\(LambdaEmulation.compressedTime)) on \(baseURL)")
                Console.out("load \(coldStartLoad.path) against \(baseURL)")
                let directory = (reports.reportDirectory as NSString).appendingPathComponent("cold-starts")
                let result = try await LoadSession(reportDirectory: directory, progress: .plain(interval: .seconds(2))).run(
                    coldStartLoad, baseURL: baseURL, overrides: LoadOverrides(), transport: CurlLoadTransport(), headerLines: [])
                if result.verdict == .interrupted { return ExitStatus.interrupted }
                return LoadSession.exitStatus(of: result) == nil ? ExitStatus.passed : ExitStatus.checkFailed
            }
        }
        if coldStarts == ExitStatus.interrupted { return coldStarts }
        return mainJob == ExitStatus.passed && coldStarts == ExitStatus.passed ? ExitStatus.passed : ExitStatus.checkFailed
    }

    /// `<report-dir>/index.html` over everything this self-test wrote; a problem writing it is
    /// printed, and the self-test's verdict stays its parts'.
    private func writeIndex() {
        do {
            let written = try ReportIndexWriter.write(over: reports.reportDirectory)
            Console.out("\nindex: \(written.path) (\(written.index.verdict.rawValue))")
        } catch {
            Console.error("warning: no index.html: \(error)")
        }
    }
}
