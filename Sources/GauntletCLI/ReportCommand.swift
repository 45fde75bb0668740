import ArgumentParser
import Foundation
import GauntletReports

/// `gauntlet report DIR`: one `index.html` over a pipeline's reports, so that a CI job leaves
/// a single artifact whose front page links the contract run, the load and the fuzz run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write index.html over the reports under a folder: each contract run, load, merge and fuzz run with its verdict and links.",
        discussion: """
            Looks under DIR (and its folders, \(ReportIndexWriter.depth) levels down) for results.json (gauntlet run), \
            latency.json (gauntlet load or merge) and fuzz.json (gauntlet fuzz). The page's overall verdict fails when \
            any part failed or was interrupted, but the command does not gate: exit 0 when the index was written, 2 \
            when DIR holds no report.
            Examples:
              gauntlet report Reports
              gauntlet report Reports --output Reports/pipeline.html
            """)

    @Argument(help: ArgumentHelp("The folder holding the reports.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("Write the page here (default: <dir>/index.html).", valueName: "file"))
    var output: String?

    func run() throws {
        do {
            let written = try ReportIndexWriter.write(over: directory, to: output)
            Console.out("index: \(written.path) (\(written.index.verdict.rawValue))")
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

/// Finds the reports under a folder and writes their `index.html`: the work behind
/// `gauntlet report` and the end of `gauntlet selftest`.
enum ReportIndexWriter {
    /// How many folder levels below DIR are searched.
    static let depth = 4

    /// Writes the index over `directory` to `output` (default `directory/index.html`).
    /// - Throws: ``ReportIndexError`` when there is nothing to index, or the file system's error.
    static func write(over directory: String, to output: String? = nil) throws -> (path: String, index: ReportIndex) {
        let index = try ReportIndex.find(in: directory, maxDepth: depth)
        let path = output ?? (directory as NSString).appendingPathComponent("index.html")
        let folder = (path as NSString).deletingLastPathComponent
        try ReportFiles.write(Data(ReportIndexHTML.render(index, from: folder.isEmpty ? "." : folder).utf8), to: path)
        return (path, index)
    }
}
