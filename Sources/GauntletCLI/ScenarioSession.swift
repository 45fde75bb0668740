import ArgumentParser
import Foundation
import GauntletHTTP
import GauntletReports
import GauntletScenario

/// Loads, runs and reports scenario files: the work behind `gauntlet run` and `selftest`.
struct ScenarioSession {
    /// The files or folders to run.
    let paths: [String]
    /// How to run them.
    let options: RunOptions
    /// Where reports go.
    let reports: ReportOptionGroup
    /// Console output.
    let console: ConsoleReporter
    /// `--data FILE`: every scenario runs once per row of this CSV or JSON file.
    var dataFile: String?
    /// The `--var` and `--secret` names, each warned about when no selected scenario reads it.
    var givenNames: [UnusedVariableCheck.Given] = []

    /// Runs the scenarios and writes the reports.
    /// - Throws: `ExitCode(2)` after printing every diagnostic when a file is invalid, a
    ///   template names something the run does not define, or a schema cannot be read.
    func run() async throws -> RunResult {
        let (files, schemas) = try load()
        let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: schemas)
        let reportPaths = [reports.junitPath, reports.jsonPath, reports.htmlPath, reports.summaryPath]
        // No other command writes these folders until this run's reports are all written.
        let lock = try ReportFiles.claim(reportPaths)
        defer { lock.release() }
        // Until this run's reports replace them, the reports say it did not finish.
        try writeFiles(ScenarioRunner.unfinishedResult(files, options: options, startedAt: Date()))
        let console = self.console
        let task = Task { await runner.run(files, onScenarioFinished: console.scenarioFinished) }
        let interrupts = InterruptHandler { task.cancel() }
        let result = await task.value
        interrupts.cancel()
        let hint = ValidationStatusHint.text(for: result, givenVariables: Set(options.commandLineVariables.keys))
        let written: [String]
        do {
            written = try write(result, hint: hint)
        } catch {
            // The verdict stands, but no CI gate may read a run whose reports are not whole as passed.
            Console.error("error: \(error)")
            let status = Self.exitStatus(of: result)
            throw ExitCode(status == ExitStatus.passed ? ExitStatus.checkFailed : status)
        }
        console.summary(result, reports: written, hint: hint)
        return result
    }

    /// `gauntlet run --dry-run`: loads and checks everything as a run would, then prints the
    /// requests it would send, with no network at all.
    /// - Throws: `ExitCode(2)` after printing every problem when the input is invalid or a
    ///   template cannot be filled.
    func dryRun() throws {
        let (files, _) = try load()
        let instances = ScenarioRunner.plan(files, options: options)
        let output = DryRun(options: options).describe(files)
        Console.print(output.text)
        if !output.diagnostics.isEmpty {
            Self.printDiagnostics(ScenarioLoadError(output.diagnostics))
            throw ExitCode(ExitStatus.invalidInput)
        }
        var closing = "dry run: \(output.requests) request(s) in \(instances.count) scenario(s); nothing was sent"
        if output.text.contains("«{{") { closing += "; «{{name}}» is filled at run time from a response" }
        Console.out(closing)
    }

    /// The exit status a run ends with: interrupted (130) first, then no request answered at all
    /// (3: the deployment was never reached, no check could run), then a failed check (1).
    static func exitStatus(of result: RunResult) -> Int32 {
        if result.interrupted { return ExitStatus.interrupted }
        if result.reachedNoDeployment { return ExitStatus.unreachable }
        return result.succeeded ? ExitStatus.passed : ExitStatus.checkFailed
    }

    /// Loads the files and the data file, counts their testcases (``checkSize(of:dataRows:)``)
    /// before any row is applied, then applies the rows and checks the templates and schemas
    /// (``prepare(_:table:options:)``).
    /// - Throws: `ExitCode(2)` after printing every problem.
    func load() throws -> ([ScenarioFile], SchemaCatalog) {
        let files: [ScenarioFile]
        let table: DataTable?
        do {
            files = try ScenarioLoader.load(paths: paths)
            table = try dataFile.map { path throws(ScenarioLoadError) in try DataTable.load(contentsOf: path) }
        } catch {
            Self.printDiagnostics(error)
            throw ExitCode(ExitStatus.invalidInput)
        }
        try checkSize(of: files, dataRows: table?.rows.count)
        let prepared: ([ScenarioFile], SchemaCatalog)
        do {
            prepared = try Self.prepare(files, table: table, options: options)
        } catch {
            Self.printDiagnostics(error)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let read = UnusedVariableCheck.namesRead(in: prepared.0) { options.selects(tags: $0) }
        for warning in UnusedVariableCheck.warnings(for: givenNames, read: read) { Console.error(warning) }
        return prepared
    }

    /// Applies `table`'s rows to the scenarios `options` selects (the others only keep the
    /// names, ``ScenarioFile/applyingDataRows(_:expanding:)``), checks every template's names
    /// against what a run with `options` defines, and loads the schemas they name: every
    /// problem at once, before any request.
    /// - Throws: ``ScenarioLoadError`` with every problem found.
    static func prepare(
        _ files: [ScenarioFile], table: DataTable?, options: RunOptions
    ) throws(ScenarioLoadError) -> ([ScenarioFile], SchemaCatalog) {
        var files = files
        if let table {
            files = files.map { file in
                file.applyingDataRows(table) { options.selects(tags: file.tags.union($0.tags)) }
            }
        }
        var diagnostics = TemplateCheck(commandLineNames: Set(options.commandLineVariables.keys)).diagnostics(for: files)
        do throws(ScenarioLoadError) {
            let schemas = try SchemaCatalog(for: files)
            if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
            return (files, schemas)
        } catch {
            diagnostics += error.diagnostics.filter { !diagnostics.contains($0) }
            throw ScenarioLoadError(diagnostics)
        }
    }

    /// Writes the JUnit, JSON and HTML reports and `summary.md` (appended to GitHub's job
    /// summary with `--github-summary`), `hint` said in the summary; returns the reports' paths.
    func write(_ result: RunResult, hint: String? = nil) throws -> [String] {
        try writeFiles(result, hint: hint)
        if reports.githubSummary {
            do {
                // Read on the run's page, away from the report folder: no relative links.
                try GitHubStepSummaryFile.append(RunReportMarkdown.render(
                    result, reportLink: nil, reportsAt: GitHubStepSummaryFile.reportsAt(), hint: hint))
            } catch {
                Console.error("warning: \(error)")
            }
        }
        return [reports.junitPath, reports.jsonPath, reports.htmlPath, reports.summaryPath]
    }

    /// Refuses (printing why, exit 2) files that give nothing to run, or more testcases than
    /// one run holds (``RunLimits/testcases``), counted before any data row is applied.
    func checkSize(of files: [ScenarioFile], dataRows: Int?) throws {
        let testcases = ScenarioRunner.testcaseCount(files, options: options, dataRows: dataRows)
        if testcases == 0 {
            Console.error("error: \(noScenario(in: files))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        if let problem = options.limits.problem(testcases: testcases, dataFile: dataFile) {
            Console.error("error: \(problem)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Why `files` give nothing to run: no file at all, tags that select nothing, or files with
    /// no scenario.
    func noScenario(in files: [ScenarioFile]) -> String {
        let place = paths.joined(separator: ", ")
        if files.isEmpty { return "no scenario file (.yaml or .yml) in \(place)" }
        let tags = options.tagSelection
        if !tags.selectsEverything { return "no scenario in \(place) is selected by \(tags.description)" }
        return paths.count == 1 && files.count == 1 ? "\(place) holds no scenario" : "the files in \(place) hold no scenario"
    }

    /// Writes the JUnit, JSON and HTML reports and `summary.md` (with `hint` after its counts).
    func writeFiles(_ result: RunResult, hint: String? = nil) throws {
        let junitFolder = (reports.junitPath as NSString).deletingLastPathComponent
        let reportLink = RelativePath.from(folder: junitFolder.isEmpty ? "." : junitFolder, to: reports.htmlPath)
        try ReportFiles.stream(to: reports.jsonPath) { try JSONReportWriter.write(result, into: &$0) }
        try ReportFiles.stream(to: reports.htmlPath) { RunReportHTML.write(result, into: &$0) }
        let summary = RunReportMarkdown.render(result, hint: hint)
        try ReportFiles.write(Data(summary.utf8), to: reports.summaryPath)
        // Last: the file CI gates on says "not finished" until every other report is whole.
        try ReportFiles.stream(to: reports.junitPath) { JUnitReportWriter.write(result, reportLink: reportLink, into: &$0) }
    }

    static func printDiagnostics(_ error: ScenarioLoadError) {
        let text = error.diagnostics.map(\.description).joined(separator: "\n")
        Console.printError(text + "\n\(error.diagnostics.count) error(s); no request was sent\n")
    }
}

/// Creating report folders and writing files.
enum ReportFiles {
    /// Writes a report whole.
    /// - Throws: ``ReportWriteError`` naming the report.
    static func write(_ data: Data, to path: String) throws(ReportWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportWriteError(path: path, error)
        }
    }

    /// Writes a report piece by piece (``ReportFileWriter``) and puts it in place whole.
    /// - Throws: ``ReportWriteError`` naming the report, or what `render` throws.
    static func stream(to path: String, _ render: (inout ReportFileWriter) throws -> Void) throws {
        var writer = try ReportFileWriter(path: path)
        try render(&writer)
        try writer.commit()
    }

    /// Makes sure every report can be written before any request is sent: creates each file's
    /// folder and checks that it takes a file. Prints `error: cannot write reports to …` and
    /// throws `ExitCode(2)` when one cannot, so a long run never ends with nowhere to report.
    static func ensureWritable(_ paths: [String]) throws {
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            let probe = (folder.isEmpty ? "." : folder) + "/.gauntlet-write-check-\(ProcessInfo.processInfo.processIdentifier)"
            do {
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try Data().write(to: URL(fileURLWithPath: probe))
                try? FileManager.default.removeItem(atPath: probe)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    throw CocoaError(.fileWriteFileExists)
                }
            } catch {
                Console.error("error: cannot write the report \(path): \(Self.reason(folder: folder, error))")
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
    }

    /// Why `folder` takes no file, in words: the path's first existing part is a file or is
    /// not writable, or else the file system's own message.
    static func reason(folder: String, _ error: any Error) -> String {
        var existing = folder.isEmpty ? "." : folder
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder) {
            let parent = (existing as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == existing { break }
            existing = parent
        }
        if FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder) {
            if !isFolder.boolValue { return "\(existing) is a file, not a folder; no request was sent" }
            if !FileManager.default.isWritableFile(atPath: existing) { return "\(existing) is not writable; no request was sent" }
        }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteFileExists {
            return "a folder of that name is in the way; no request was sent"
        }
        return "\(error.localizedDescription); no request was sent"
    }
}
