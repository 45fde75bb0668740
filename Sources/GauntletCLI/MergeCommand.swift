import ArgumentParser
import Foundation
import GauntletLoad
import GauntletReports

/// `gauntlet merge`: the shards of one load (`gauntlet load --shard I/N`), run on several
/// machines, combined into the result of the whole load and judged by its thresholds.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the report folders of a sharded load into one result and judge its thresholds.",
        discussion: """
            Each folder holds a shard's load-result.json (or a merge's). Histograms are added bucket by
            bucket, counts summed, seconds lined up by wall clock, cold starts analysed over every
            request; the merged folder has the same reports as a single load, and load-result.json
            again, so merges merge. Exit 0 when every threshold holds, 1 when one fails or a shard is
            missing (unless --partial), 2 for unreadable or mismatched results, 130 when a shard was
            interrupted.
              gauntlet merge Reports/shard-0 Reports/shard-1 Reports/shard-2 Reports/shard-3 --report-dir Reports/merged
            """)

    @Argument(help: ArgumentHelp("Report folders (or load-result.json files) of the shards.", valueName: "dir"))
    var inputs: [String]

    @Option(name: .customLong("threshold"), help: ArgumentHelp("Also judge this threshold, as in 'gauntlet load' (repeatable).", valueName: "rule"))
    var thresholds: [String] = []

    @Option(name: .customLong("cold-start-log"), help: ArgumentHelp("Label the merged requests from the function's CloudWatch log of Lambda REPORT records, as 'gauntlet load --cold-start-log' does (repeatable); a single folder re-analyses one load with a log exported after it.", valueName: "file"))
    var coldStartLogs: [String] = []

    @Flag(help: "Merge some of the shards without failing for the missing ones (for a merge of merges); no threshold is judged.")
    var partial = false

    @OptionGroup(title: "Reports")
    var reports: LoadReportOptionGroup

    @OptionGroup(title: "Baseline")
    var baselineOptions: BaselineOptionGroup

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one shard's report folder") }
    }

    func run() async throws {
        let read = try Self.readResults(inputs)
        // A shard whose load never wrote its result (killed, crashed) is a missing shard.
        for (input, part) in zip(inputs, read) where part.unfinished {
            Console.error("warning: \(input): the load did not finish (a second Ctrl-C, a kill or a crash): its shard counts as missing")
        }
        let kept = zip(inputs, read).filter { !$0.1.unfinished }
        guard !kept.isEmpty else {
            Console.error("error: no shard's load finished: nothing to merge")
            throw ExitCode(ExitStatus.checkFailed)
        }
        let parts = kept.map(\.1)
        var merged: LoadResult
        do { merged = try LoadResult.merging(parts, names: kept.map(\.0)) } catch {
            Console.error("error: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        merged.requiresEveryShard = !partial
        var problems: [String] = []
        for text in thresholds {
            do {
                let threshold = try Threshold(parsing: text)
                if let name = threshold.requestName, merged.stats(for: name) == nil {
                    problems.append("--threshold '\(text)': no request named '\(name)' in the load")
                }
                merged.thresholds.append(threshold)
            } catch {
                problems.append("--threshold '\(text)': \(error.message)")
            }
        }
        guard problems.isEmpty else {
            for problem in problems { Console.error("error: \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        }
        var session = LoadSession(reportDirectory: reports.reportDirectory, junitPath: reports.junit, progress: .plain(interval: .seconds(2)))
        session.appendsGitHubSummary = reports.githubSummary
        session.coldStartLogs = coldStartLogs
        session.baseline = try baselineOptions.load(planName: merged.planName, model: merged.model, requestNames: merged.byName.map(\.name))
        let reportPaths = [(reports.reportDirectory as NSString).appendingPathComponent("latency.json"), session.junitPath]
        // No other command writes these folders while the merged reports are written.
        let lock = try ReportFiles.claim(reportPaths)
        defer { lock.release() }
        let judged = try session.writeReports(of: merged, startedAt: Date())
        if !merged.coversEveryShard && !partial {
            Console.error("error: shard(s) \(merged.missingShards.map(\.description).joined(separator: ", ")) missing: the merged load is incomplete (--partial merges anyway)")
        }
        if let status = LoadSession.exitStatus(of: judged) { throw ExitCode(status) }
    }

    /// Reads each input: a folder's `load-result.json`, or the file itself.
    /// - Throws: `ExitCode(2)` after naming every input that cannot be read.
    static func readResults(_ inputs: [String]) throws -> [LoadResult] {
        var results: [LoadResult] = []
        var failed = false
        for input in inputs {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
            let path = exists && isDirectory.boolValue ? (input as NSString).appendingPathComponent(LoadResultFile.fileName) : input
            do {
                results.append(try LoadResultFile.read(contentsOf: path).result())
            } catch {
                Console.error("error: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.invalidInput) }
        return results
    }
}
