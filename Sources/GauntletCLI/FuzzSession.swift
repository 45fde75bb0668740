import Foundation
import GauntletUnits
import GauntletFuzz
import GauntletHTTP
import GauntletReports
import GauntletScenario

/// One `gauntlet fuzz`: fetch or read the document, run, write the reports, print the summary.
struct FuzzSession {
    let settings: FuzzSettings
    /// `--openapi`: a URL or a file; `nil` for the deployment's `/openapi.json`.
    let documentLocation: String?
    let reportDirectory: String
    let junitPath: String

    /// Runs and returns the exit status.
    func run() async throws -> Int32 {
        let reportPaths = [junitPath, (reportDirectory as NSString).appendingPathComponent("fuzz.json")]
        // No other command writes these folders (findings included) until this run's reports are all written.
        let lock = try ReportFiles.claim(reportPaths)
        defer { lock.release() }
        let document: APIDocument
        do {
            document = try await loadDocument()
        } catch let error as DocumentError {
            Console.error("error: \(error)")
            // A file given on the command line is bad input; a document the deployment serves
            // badly (or not at all) is the deployment's failure, reported as one.
            if documentIsFile { return ExitStatus.invalidInput }
            let written = try FuzzReportWriter.writeDocumentFailure(
                error, baseURL: settings.baseURL, directory: reportDirectory, junitPath: junitPath, secrets: secrets)
            Console.out("Reports: \(written.json), \(written.junit)\nFAILED")
            return ExitStatus.checkFailed
        }
        Console.out("gauntlet fuzz \(SecretRedaction.redactingUserinfoPassword(settings.baseURL))")
        Console.out("  document \(SecretRedaction.redactingUserinfoPassword(document.source)) (OpenAPI \(document.declaredVersion), \(document.operations.count) operations), seed \(settings.seed), run id \(settings.runID)")
        let settings = self.settings
        // Until this run's reports replace them, the reports say it was interrupted: a second
        // Ctrl-C or a kill must not leave the last run's passing reports.
        var unfinished = FuzzResult(
            documentSource: document.source, baseURL: settings.baseURL, seed: settings.seed, runID: settings.runID, startedAt: Date())
        unfinished.ending = .interrupted
        unfinished.headers = settings.headers
        unfinished.transfer = settings.transfer
        // What a killed run made is not known: "nothing left behind" must not pass.
        unfinished.leftBehind = ["not known: the run ended before its cleanup (a second Ctrl-C, a kill or a crash)"]
        _ = try FuzzReportWriter.write(unfinished, document: document, directory: reportDirectory, junitPath: junitPath, secrets: secrets)
        // Ctrl-C stops the phases, not the task: the cleanup's requests must still go out.
        let stop = FuzzStop()
        let task = Task { await Fuzzer(document: document, settings: settings, stop: stop).run() }
        let interrupts = InterruptHandler { stop.request() }
        let result = await task.value
        interrupts.cancel()
        let written = try FuzzReportWriter.write(
            result, document: document, directory: reportDirectory, junitPath: junitPath,
            secrets: secrets)
        FuzzConsole.summary(result, checks: settings.checks, written: written, secrets: secrets)
        if result.ending == .interrupted { return ExitStatus.interrupted }
        return result.passed ? ExitStatus.passed : ExitStatus.checkFailed
    }

    /// What no report, finding file or console line shows: every `--header` value of 4
    /// characters or more (the command line is where tokens are passed), the base URL's password
    /// and the SigV4 secrets, each in every form a deployment's answer may echo it
    /// (``RunOptions/secretForms(of:)``: percent-encoded, JSON-escaped, `\/`, `\uXXXX`), as `run`
    /// and `load` hide them.
    private var secrets: [String] {
        RunOptions(baseURL: settings.baseURL, headers: settings.headers, transfer: settings.transfer).secretsWithEveryHeaderValue
    }

    private var documentIsFile: Bool {
        guard let documentLocation else { return false }
        return !Self.isURL(documentLocation)
    }

    /// Whether `--openapi` names a URL (its scheme in any case, as URLs allow) rather than a file.
    static func isURL(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// The document, with at least one operation: a run over nothing would pass having tested nothing.
    private func loadDocument() async throws -> APIDocument {
        let document = try await readDocument()
        guard !document.operations.isEmpty else {
            throw DocumentError(source: document.source, "the document has no operations under 'paths': nothing to fuzz")
        }
        return document
    }

    private func readDocument() async throws -> APIDocument {
        let location = documentLocation ?? settings.baseURL + "/openapi.json"
        if documentIsFile {
            guard let data = FileManager.default.contents(atPath: location) else {
                throw DocumentError(source: location, "cannot read the file")
            }
            return try APIDocument(bytes: Array(data), source: location)
        }
        let request = RequestSpec(method: "GET", url: location, headers: settings.headers, options: settings.transfer)
        let exchange: HTTPExchange
        do {
            exchange = try await CurlClient.shared.execute(request)
        } catch {
            throw DocumentError(source: location, "could not fetch the document: \(error)")
        }
        guard exchange.response.status == 200 else {
            throw DocumentError(source: location, "answered \(exchange.response.status), not 200 with the document (give one with --openapi)")
        }
        return try APIDocument(bytes: exchange.response.body, source: location)
    }
}

extension FuzzConsole {
    /// A line for each selected check the run never applied (the document gives it nothing to
    /// apply to: no enum on a list's query parameter, no delete; or the creates and deletes it
    /// needs never succeeded), so that its absence from the tallies is not read as a pass. Not
    /// when the run ended early: a later phase may have had it.
    static func notApplied(_ checks: Set<FuzzCheck>, in result: FuzzResult) -> [String] {
        guard result.ending == .completed else { return [] }
        return checks.subtracting(result.tallies.keys).sorted().map { check in
            "  – \(check.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)) not applied: nothing in the document for it, or the requests it needs never succeeded"
        }
    }
}

/// The console summary of a fuzz run, like Schemathesis': what ran, each check's tally, each
/// unique failure with its file and curl command, and what was left behind.
enum FuzzConsole {
    static func summary(_ result: FuzzResult, checks: Set<FuzzCheck>, written: FuzzReportWriter.Written, secrets: [String]) {
        var lines: [String] = []
        lines.append(String(format: "  %d operations, %d cases, %d requests in %.1f s", result.operations, result.cases, result.requests, result.seconds))
        lines.append("")
        lines.append("Checks")
        for check in result.tallies.keys.sorted() {
            let tallies = (result.tallies[check] ?? [:]).values
            let passed = tallies.reduce(0) { $0 + $1.passed }
            let failed = tallies.reduce(0) { $0 + $1.failed }
            let padded = check.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)
            lines.append("  \(failed > 0 ? "✘" : "✔") \(padded) \(passed) passed\(failed > 0 ? ", \(failed) failed" : "")")
        }
        lines += notApplied(checks, in: result)
        lines.append("")
        if result.findings.isEmpty {
            // "No failures found." above a FAILED read as a contradiction; the verdict says why.
            lines.append(result.passed ? "No failures found." : "No finding.")
        } else {
            lines.append("Unique failures: \(result.findings.count)")
            for (index, finding) in result.findings.enumerated() {
                lines.append("  \(index + 1). \(finding.check.rawValue) on \(finding.operation)\(finding.status.map { " (\($0))" } ?? "")")
                // The message quotes the answer: its control characters are written out.
                lines.append("     \(PrintableText.escaping(finding.input)): \(PrintableText.escaping(finding.message))")
                if index < written.findingFiles.count {
                    lines.append("     replay: gauntlet run \(written.findingFiles[index]) --base-url \(result.baseURL)")
                }
                lines.append("     \(finding.curlCommand(in: result))")
            }
        }
        if !result.documentProblems.isEmpty {
            lines.append("Document problems (what they touch was not tested): \(result.documentProblems.count)")
            for problem in result.documentProblems { lines.append("  - \(problem)") }
        }
        if result.unanswered > 0 {
            lines.append("Requests without an answer: \(result.unanswered) (the first: \(result.transportErrors.first ?? ""))")
        }
        lines.append(result.leftBehind.isEmpty ? "Nothing left behind." : "Left behind: \(result.leftBehind.joined(separator: ", "))")
        switch result.ending {
        case .completed: break
        case .timeLimit(let operation): lines.append("INCOMPLETE: the time limit stopped the run during \(operation)")
        case .interrupted: lines.append("INTERRUPTED: the run did not finish")
        }
        lines.append("Reports: \(written.json), \(written.junit)")
        lines.append(result.passed ? "PASSED" : "FAILED: " + result.failureReasons.joined(separator: ", "))
        Console.out(SecretRedaction.redact(text: lines.joined(separator: "\n"), secrets: secrets))
    }
}
