import ArgumentParser
import Foundation
import GauntletLoad
import GauntletReports

/// Where a load's reports go: `--report-dir` (default `Reports/`) for `latency.json`,
/// `latency.html`, `summary.md` and the `.hgrm` files, and `--junit` for the thresholds' JUnit
/// file. A load writes no `results.json`, so it takes no `--json`.
struct LoadReportOptionGroup: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write reports into this folder.", valueName: "dir"))
    var reportDirectory = "Reports"

    @Option(help: ArgumentHelp("Write the thresholds' JUnit XML here (default: <report-dir>/load-junit.xml).", valueName: "file"))
    var junit: String?

    @Flag(name: .customLong("github-summary"), help: "Append summary.md to the file $GITHUB_STEP_SUMMARY names (GitHub Actions' job summary); nothing is appended when it is not set.")
    var githubSummary = false

    /// The reports a load writes (beside a histogram per request name).
    var written: [ReportPathClash.Report] {
        let fixed = LatencyReportWriter.fileNames + [LoadResultFile.fileName]
        return fixed.map { .init(fixed: (reportDirectory as NSString).appendingPathComponent($0)) }
            + [.init(flag: "--junit", given: junit, path: junit ?? LoadSession.defaultJUnitPath(in: reportDirectory))]
    }

    func validate() throws {
        try ReportPathClash.check(written)
    }
}
