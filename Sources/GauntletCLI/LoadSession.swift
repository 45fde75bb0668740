import ArgumentParser
import Foundation
import GauntletJSON
import GauntletLoad
import GauntletReports
import GauntletScenario

/// Runs a load file and writes its reports: the work behind `gauntlet load` and the load part
/// of `selftest`.
struct LoadSession {
    /// The folder the latency reports go into.
    let reportDirectory: String
    /// Where the thresholds' JUnit file goes.
    let junitPath: String
    /// How progress is shown.
    let progress: ProgressMode
    /// The run to compare with (`--baseline`), and the rules that gate on it.
    var baseline: BaselineOptionGroup.Loaded?
    /// Whether to append `summary.md` to GitHub Actions' job summary (`--github-summary`).
    var appendsGitHubSummary = false
    /// The function's Lambda logs (`--cold-start-log`), read once the load is over.
    var coldStartLogs: [String] = []
    /// Requests in flight one connection carries: `--streams-per-connection` with `--http2`,
    /// else 1. Sizes the connections the open-file limit must allow.
    var streamsPerConnection = 1

    /// Where a load's JUnit file goes without `--junit`.
    static func defaultJUnitPath(in reportDirectory: String) -> String {
        (reportDirectory as NSString).appendingPathComponent("load-junit.xml")
    }

    /// A session writing into `reportDirectory`, its JUnit file `load-junit.xml` there unless
    /// `junitPath` says otherwise.
    init(reportDirectory: String, junitPath: String? = nil, progress: ProgressMode) {
        self.reportDirectory = reportDirectory
        self.junitPath = junitPath ?? Self.defaultJUnitPath(in: reportDirectory)
        self.progress = progress
    }

    /// `latency.html` as the JUnit file links to it, relative to the JUnit file's folder (as a
    /// run's JUnit links its report.html), so the folder can move as one CI artifact.
    var htmlReportLink: String {
        RelativePath.from(
            folder: (junitPath as NSString).deletingLastPathComponent,
            to: (reportDirectory as NSString).appendingPathComponent("latency.html"))
    }

    /// Reads a load file.
    /// - Throws: `ExitCode(2)` after printing `file:line:col: error: …` when it is invalid.
    static func loadFile(
        at path: String, variableNames: Set<String> = [], dataFile: String? = nil, tags: TagSelection = TagSelection()
    ) throws -> LoadFile {
        do { return try LoadFile.load(contentsOf: path, commandLineNames: variableNames, dataFile: dataFile, tags: tags) } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Runs the load (Ctrl-C stops it early and the reports still cover what ran), writes
    /// `latency.json`, `latency.html`, `summary.md`, `.hgrm` files and a JUnit file with one
    /// testcase per threshold.
    /// - Throws: `ExitCode(2)` for an invalid plan or override, after printing why: a bad flag
    ///   as `error: --threshold 'p99<abc': …`, every one at once, before any request.
    func run(
        _ file: LoadFile, baseURL: String?, overrides: LoadOverrides, transport: any LoadTransport, headerLines: [String],
        variables: [String: JSONValue] = [:], secretVariables: [String: String] = [:], startAtNanos: Int64? = nil
    ) async throws -> LoadResult {
        let flagProblems = overrides.problems(with: file.plan)
        guard flagProblems.isEmpty else {
            for problem in flagProblems { Console.error("error: \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        }
        let file = try Self.selectingFlows(of: file, baseURL: baseURL, variables: variables)
        try Self.ensureOpenFiles(for: (try? overrides.apply(to: file.plan)) ?? file.plan, streamsPerConnection: streamsPerConnection)
        let reportPaths = [(reportDirectory as NSString).appendingPathComponent("latency.json"), junitPath]
        // No other command writes these folders until this load's reports are all written.
        let lock = try ReportFiles.claim(reportPaths)
        defer { lock.release() }
        let startedAt = Date()
        // The plan as the flags make it (its shard, model and thresholds), so that the placeholder
        // and a load that did not start read back in a merge as the shard they stand for.
        let plan = (try? overrides.apply(to: file.plan)) ?? file.plan
        try writeUnfinishedReports(of: plan, startedAt: startedAt)
        let cancellation = LoadCancellation()
        let interrupts = InterruptHandler { cancellation.cancel() }
        defer { interrupts.cancel() }
        let result: LoadResult
        do {
            result = try await LoadRunner.run(
                file, baseURL: baseURL, overrides: overrides, transport: transport, headerLines: headerLines, variables: variables,
                secretVariables: secretVariables, progress: progress, cancellation: cancellation, startAtNanos: startAtNanos)
        } catch let error as LoadPlanError {
            Console.error("\(file.loadLocation): error: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        } catch let error as LoadRunError {
            // The reports say why it could not run, in place of the ones that say it did not finish
            // (a load whose setup failed returns a result saying so, with what its teardown found).
            var notStarted = LoadResult.empty(of: plan)
            notStarted.notStarted = error.message
            notStarted.setupUnanswered = error.unanswered
            _ = try writeReports(labelled: notStarted, startedAt: startedAt)
            // Setup that failed in transport with nothing answered: the deployment was not reached.
            throw ExitCode(Self.exitStatus(of: notStarted) ?? ExitStatus.checkFailed)
        }
        return try self.writeReports(of: result, startedAt: startedAt)
    }

    /// Raises the open-file limit to its hard limit and refuses, before any request, a load
    /// whose connections cannot fit in it (``OpenFileLimit``): the closed model's users and the
    /// phases hold theirs. The open model's `max_in_flight` (1,000 by default) is a ceiling a
    /// low rate never nears, so it is not refused for it.
    /// - Throws: `ExitCode(2)` after printing why.
    static func ensureOpenFiles(for plan: LoadPlan, streamsPerConnection: Int) throws {
        guard let limit = OpenFileLimit.raisingSoftToHard(), !plan.model.isOpen else { return }
        let perConnection = max(1, streamsPerConnection)
        let connections = (plan.peakTransfers + perConnection - 1) / perConnection
        do throws(LoadPlanError) { try limit.check(connections: connections, loops: plan.loops, for: plan.peakTransfersSource) } catch {
            Console.error("error: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Writes every report of `result` and prints its summary: `latency.json`, `latency.html`,
    /// `summary.md`, `.hgrm` files, the JUnit file and `load-result.json` (for `gauntlet merge`).
    ///
    /// A part of a plan (one `--shard`, or a merge of some shards) judges no threshold: a rate or
    /// count threshold is about the whole load, so the parts are judged together once merged;
    /// a merge that lacks shards adds a failing JUnit case naming them.
    /// - Returns: `result` as judged (a part's without thresholds).
    func writeReports(of result: LoadResult, startedAt: Date) throws -> LoadResult {
        // A log that cannot be read fails the command, after the reports of the load without it
        // are written (so that `gauntlet merge DIR --cold-start-log FIXED` can label them later).
        let (result, logError) = Self.applyingColdStartLogs(coldStartLogs, to: result)
        let judged = try writeReports(labelled: result, startedAt: startedAt)
        if let logError {
            Console.error("\(logError)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        return judged
    }

    /// Until the load writes its own, its reports (and `load-result.json`, which a merge reads)
    /// say it did not finish: see ``LoadResult/unfinished``.
    private func writeUnfinishedReports(of plan: LoadPlan, startedAt: Date) throws {
        var unfinished = LoadResult.empty(of: plan)
        unfinished.cancelled = true
        unfinished.unfinished = true
        _ = try writeFiles(judged: unfinished, result: unfinished, startedAt: startedAt)
    }

    private func writeReports(labelled result: LoadResult, startedAt: Date) throws -> LoadResult {
        let isPart = !result.coversEveryShard
        var judged = result
        if isPart { judged.thresholds = [] }
        // A part is compared with nothing: a quarter of a load is not the load the baseline ran.
        if let baseline, !isPart {
            judged.baselineComparison = BaselineComparison(
                current: result, baseline: baseline.result, label: baseline.label, rules: baseline.rules)
        }
        let written = try writeFiles(judged: judged, result: result, startedAt: startedAt)
        Self.printSummary(judged, reports: written)
        if appendsGitHubSummary {
            // A summary that cannot be appended is a warning: the load's verdict stands without it.
            do { try GitHubStepSummaryFile.append(LatencyReportMarkdown.render(judged)) } catch { Console.error("warning: --github-summary: \(error)") }
        }
        return judged
    }

    /// Writes `latency.json`, `latency.html`, `summary.md` and `.hgrm` files and the JUnit file of
    /// `judged`, and `load-result.json` of `result` (unjudged, for `gauntlet merge`); returns their paths.
    private func writeFiles(judged: LoadResult, result: LoadResult, startedAt: Date) throws -> [String] {
        var written = try LatencyReportWriter.write(judged, to: reportDirectory)
        try ReportFiles.write(
            Data(Self.thresholdJUnit(judged, name: result.planName, startedAt: startedAt, htmlReport: htmlReportLink).utf8), to: junitPath)
        written.append(junitPath)
        let resultPath = (reportDirectory as NSString).appendingPathComponent(LoadResultFile.fileName)
        try ReportFiles.write(try LoadResultFile(result).encoded(), to: resultPath)
        written.append(resultPath)
        return written
    }

    /// `file` without the scenarios whose `when:` does not hold, each printed as a `SKIP` line
    /// with its reason.
    /// - Throws: `ExitCode(2)` when no scenario is left to load.
    static func selectingFlows(of file: LoadFile, baseURL: String?, variables: [String: JSONValue]) throws -> LoadFile {
        let (plan, skipped) = file.plan.selectingFlows(variables: variables, baseURL: baseURL ?? file.baseURL ?? "")
        for (name, reason) in skipped { Console.out("↷ SKIP \(name): \(reason)") }
        guard !plan.mix.isEmpty else {
            Console.error("\(file.loadLocation): error: every scenario of the load is skipped by its 'when:'; nothing to load")
            throw ExitCode(ExitStatus.invalidInput)
        }
        var selected = file
        selected.plan = plan
        return selected
    }

    /// The exit status a load ends with, nil for success: its ``LoadVerdict``'s.
    static func exitStatus(of result: LoadResult) -> Int32? {
        switch result.verdict {
        case .passed: nil
        case .failed: ExitStatus.checkFailed
        case .unreachable: ExitStatus.unreachable
        case .interrupted: ExitStatus.interrupted
        case .incomplete: ExitStatus.checkFailed
        // A shard's own load or a partial merge did its part.
        case .partial: nil
        }
    }

    /// The thresholds as JUnit testcases, so a CI gate reads them like contract results.
    /// An interrupted or aborted load adds a failing testcase that says so: thresholds judged
    /// on part of a load must not read as a passed load.
    static func thresholdJUnit(_ result: LoadResult, name: String, startedAt: Date, htmlReport: String = "latency.html") -> String {
        // The request each verdict is about, for its reproduction: a named one, or the mix's first.
        let requestNames = result.judgedThresholds.map(\.requestName) + (result.baselineComparison?.verdicts.map(\.rule.requestName) ?? [])
        var cases = result.thresholdResults.enumerated().map { index, threshold in
            var output = "actual: \(threshold.actual)"
            let request = requestNames.indices.contains(index) ? requestNames[index] ?? result.byName.first?.name : nil
            if let request, let curl = result.reproductions[request] { output += "\nreproduce (\(request)): \(curl)" }
            output += "\nreport: \(htmlReport)#\(LatencyReportHTML.thresholdAnchor(index))"
            return JUnitReportWriter.ExtraCase(
                name: threshold.name, failureMessage: threshold.passed ? nil : threshold.message, output: output)
        }
        if result.leftBehind > 0 {
            cases.append(JUnitReportWriter.ExtraCase(
                name: "nothing left behind",
                failureMessage: "\(result.leftBehind) teardown step(s) failed; left behind: "
                    + result.leftBehindLabels.joined(separator: ", ")))
        }
        if result.unverified > 0 {
            cases.append(JUnitReportWriter.ExtraCase(
                name: "everything created verified as deleted",
                failureMessage: "\(result.unverified) teardown check(s) did not show the thing gone; not verified as deleted: "
                    + result.unverifiedLabels.joined(separator: ", ")))
        }
        if result.cancelled {
            cases.append(JUnitReportWriter.ExtraCase(
                name: "the load ran to its end",
                failureMessage: result.unfinished ? result.verdictReason
                    : "interrupted after \(LoadFormat.number(result.elapsed.secondsDouble, decimals: 2)) s: "
                        + "the thresholds judged only what ran"))
        } else if let reason = result.abortReason {
            cases.append(JUnitReportWriter.ExtraCase(name: "the load ran to its end", failureMessage: reason))
        }
        if let notStarted = result.notStarted {
            cases.append(JUnitReportWriter.ExtraCase(name: "the load started", failureMessage: notStarted))
        }
        // A load nobody answered fails in CI whatever its thresholds tolerate (exit status 3).
        if result.verdict == .unreachable {
            cases.append(JUnitReportWriter.ExtraCase(name: "the deployment answered", failureMessage: result.verdictReason))
        }
        if result.requiresEveryShard {
            let missing = result.missingShards.map(\.description)
            cases.append(JUnitReportWriter.ExtraCase(
                name: "every shard merged",
                failureMessage: missing.isEmpty ? nil : "shard(s) \(missing.joined(separator: ", ")) missing: the merged load is incomplete"))
        }
        let elapsed = result.elapsed.secondsDouble
        return JUnitReportWriter.xml(
            extraSuites: [.init(name: "load \(name) thresholds", cases: cases)], startedAt: startedAt, durationSeconds: elapsed)
    }

    static func printSummary(_ result: LoadResult, reports: [String]) {
        var text = LatencyReportConsole.render(result)
        if let coldStarts = result.coldStarts { text += coldStartLine(coldStarts) + "\n" }
        if let comparison = result.baselineComparison {
            let before = comparison.baselineTotal.latency, now = result.total.latency
            let parts = [50.0, 99].map { q in
                let old = Double(before.micros(atPercentile: q)), new = Double(now.micros(atPercentile: q))
                return "p\(Int(q)) \(LoadFormat.milliseconds(micros: UInt64(old))) → \(LoadFormat.milliseconds(micros: UInt64(new))) ms "
                    + "(\(BaselineTable.change(old > 0 ? (new / old - 1) * 100 : nil)))"
            }
            text += "vs baseline \(comparison.label): " + parts.joined(separator: ", ") + "\n"
        }
        for threshold in result.thresholdResults {
            text += "\(threshold.passed ? "✓" : "✗") threshold \(threshold.message)\n"
        }
        if result.abandoned > 0 {
            text += "✗ abandoned at the stop: \(result.abandoned) unanswered (\(LoadResult.abandonedMeaning))\n"
        }
        if result.leftBehind > 0 {
            let more = result.leftBehind > result.leftBehindLabels.count ? ", …" : ""
            text += "✗ left behind: \(result.leftBehind) (\(result.leftBehindLabels.joined(separator: ", "))\(more))\n"
        }
        if result.unverified > 0 {
            let more = result.unverified > result.unverifiedLabels.count ? ", …" : ""
            text += "✗ not verified as deleted: \(result.unverified) (\(result.unverifiedLabels.joined(separator: ", "))\(more))\n"
        }
        for path in reports { text += "report: \(path)\n" }
        if let reason = result.abortReason { text += "✗ \(reason)\n" }
        text += "\(result.verdict.word): \(result.verdictReason) (exit status \(exitStatus(of: result) ?? ExitStatus.passed))\n"
        Console.print(text)
    }

    /// One line on the cold starts: counts, method, percentiles, penalty, agreement.
    static func coldStartLine(_ analysis: ColdStartAnalysis) -> String {
        let summary = analysis.summary
        func name(_ method: ColdStartMethod) -> String {
            switch method {
            case .header: "header \(analysis.headerName)"
            case .statistical: "statistical"
            case .log: "Lambda log"
            }
        }
        var method = name(analysis.decidingMethod)
        if summary.method == .log, let match = analysis.logMatch {
            // The log decided only the requests it labelled: say how many, and whether it was most.
            method += match.decidedMost
                ? ", labelled \(match.labelled) of \(match.served)" : ", the log labelled \(match.labelled) of \(match.served)"
        }
        if let undecided = summary.undecided {
            var line = "cold starts: undecided (\(method)): \(undecided)"
            if summary.throttledCount > 0 { line += "; \(summary.throttledCount) throttled" }
            if summary.timedOutCount > 0 { line += "; \(summary.timedOutCount) timed out" }
            if summary.serverErrorCount > 0 { line += "; \(summary.serverErrorCount) server errors (5xx)" }
            return line
        }
        let note = summary.note.map { "; \($0)" } ?? ""
        if summary.nothingServed {
            let unserved = [
                (summary.throttledCount, "throttled"), (summary.timedOutCount, "timed out"),
                (summary.serverErrorCount, "server errors"), (summary.failedCount, "failed"),
            ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            return "cold starts: nothing served, no request to tell cold or warm (\(summary.total) requests"
                + (unserved.isEmpty ? "" : ": " + unserved.joined(separator: ", ")) + ")" + note
        }
        var line = "cold starts: \(summary.coldCount) cold, \(summary.warmCount) warm (\(method)"
        if summary.method == .statistical {
            if let expected = summary.expectedCold { line += ", \(expected) where cold starts could happen" }
            if let split = summary.thresholdMilliseconds { line += ", split \(LoadFormat.number(split, decimals: 1)) ms" }
            if let separation = summary.separation { line += ", D \(LoadFormat.number(separation, decimals: 2))" }
            if let confidence = summary.confidence { line += ", confidence \(LoadFormat.number(confidence * 100, decimals: 1))%" }
        }
        line += ")" + note
        if let cold = summary.cold { line += "; cold p50 \(LoadFormat.number(cold.p50, decimals: 1)) ms" }
        if let warm = summary.warm { line += ", warm p50 \(LoadFormat.number(warm.p50, decimals: 1)) ms" }
        if let penalty = summary.penaltyMilliseconds { line += ", penalty \(LoadFormat.number(penalty, decimals: 1)) ms" }
        if summary.throttledCount > 0 { line += "; \(summary.throttledCount) throttled" }
        if summary.timedOutCount > 0 { line += "; \(summary.timedOutCount) timed out" }
        if summary.serverErrorCount > 0 { line += "; \(summary.serverErrorCount) server errors (5xx, neither cold nor warm)" }
        if let agreement = analysis.statisticalAgreement {
            line += "; statistical method vs header: precision \(LoadFormat.number(agreement.precision, decimals: 3))"
                + ", recall \(LoadFormat.number(agreement.recall, decimals: 3))"
        }
        if let match = analysis.logMatch {
            let client = match.clientMethod == .header ? "header" : "statistical method"
            line += "; Lambda log: \(match.invocations) invocations, requests matched \(match.byRequestID) by id, "
                + "\(match.byTimeWindow) by time, \(match.unlabelled) unmatched; \(client) vs log: precision "
                + "\(LoadFormat.number(match.agreement.precision, decimals: 3)), recall \(LoadFormat.number(match.agreement.recall, decimals: 3))"
                + " on \(match.agreement.compared) request\(match.agreement.compared == 1 ? "" : "s")"
        }
        return line
    }

    /// Reads the Lambda logs (`--cold-start-log`) and labels the result's requests from them.
    /// - Returns: The result labelled, or as it was with the error when a log cannot be read.
    static func applyingColdStartLogs(_ paths: [String], to result: LoadResult) -> (LoadResult, LambdaReportLogError?) {
        guard !paths.isEmpty, result.coldStartInput != nil else { return (result, nil) }
        var log: LambdaReportLog?
        for path in paths {
            do throws(LambdaReportLogError) {
                let read = try LambdaReportLog.read(contentsOf: path)
                log = log.map { $0.merging(read) } ?? read
            } catch {
                return (result, error)
            }
        }
        return (log.map(result.applyingColdStartLog) ?? result, nil)
    }
}
