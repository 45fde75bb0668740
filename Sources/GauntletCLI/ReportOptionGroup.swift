import ArgumentParser
import Foundation

/// Where reports go: `--report-dir` (default `Reports/`), with `--junit` and `--json` to name
/// the files differently; `report.html` and `summary.md` always go into the folder, and
/// `--github-summary` appends `summary.md` to GitHub's job summary.
struct ReportOptionGroup: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write reports into this folder (report.html and summary.md always go here).", valueName: "dir"))
    var reportDirectory = "Reports"

    @Option(help: ArgumentHelp("Write the JUnit XML report here (default: <report-dir>/junit.xml).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Write the JSON report here (default: <report-dir>/results.json).", valueName: "file"))
    var json: String?

    @Flag(
        name: .customLong("github-summary"),
        help: "Append summary.md to the file $GITHUB_STEP_SUMMARY names (GitHub Actions' job summary); does nothing when that variable is not set.")
    var githubSummary = false

    var junitPath: String { junit ?? (reportDirectory as NSString).appendingPathComponent("junit.xml") }
    var jsonPath: String { json ?? (reportDirectory as NSString).appendingPathComponent("results.json") }
    var htmlPath: String { (reportDirectory as NSString).appendingPathComponent("report.html") }
    var summaryPath: String { (reportDirectory as NSString).appendingPathComponent("summary.md") }

    /// The reports a run writes.
    var written: [ReportPathClash.Report] {
        [
            .init(fixed: htmlPath), .init(fixed: summaryPath),
            .init(flag: "--junit", given: junit, path: junitPath), .init(flag: "--json", given: json, path: jsonPath),
        ]
    }

    func validate() throws {
        try ReportPathClash.check(written)
    }
}
