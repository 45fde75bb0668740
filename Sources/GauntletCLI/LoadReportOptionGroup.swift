import ArgumentParser

/// Where a load's reports go: `--report-dir` (default `Reports/`) for `latency.json`,
/// `latency.html`, `summary.md` and the `.hgrm` files, and `--junit` for the thresholds' JUnit
/// file. A load writes no `results.json`, so it takes no `--json`.
struct LoadReportOptionGroup: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Write reports into this folder.", valueName: "dir"))
    var reportDirectory = "Reports"

    @Option(help: ArgumentHelp("Write the thresholds' JUnit XML here (default: <report-dir>/load-junit.xml).", valueName: "file"))
    var junit: String?
}
