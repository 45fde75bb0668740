import ArgumentParser
import Foundation

/// Where reports go: `--report-dir` (default `Reports/`), with `--junit` and `--json` to name
/// the files differently.
struct ReportOptionGroup: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write reports into this folder.", valueName: "dir"))
    var reportDirectory = "Reports"

    @Option(help: ArgumentHelp("Write the JUnit XML report here (default: <report-dir>/junit.xml).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Write the JSON report here (default: <report-dir>/results.json).", valueName: "file"))
    var json: String?

    var junitPath: String { junit ?? (reportDirectory as NSString).appendingPathComponent("junit.xml") }
    var jsonPath: String { json ?? (reportDirectory as NSString).appendingPathComponent("results.json") }
}
