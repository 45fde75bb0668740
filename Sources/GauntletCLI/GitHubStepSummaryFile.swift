import Foundation

/// The process environment, replaceable within a task so that tests running in parallel can
/// give one command its own `GITHUB_STEP_SUMMARY` without `setenv` touching the others.
enum ProcessEnvironment {
    /// When set, what ``current`` returns for this task and the tasks it starts.
    @TaskLocal static var override: [String: String]?

    /// The variables a command should see.
    static var current: [String: String] { override ?? ProcessInfo.processInfo.environment }
}

/// GitHub Actions' job summary: the Markdown file `$GITHUB_STEP_SUMMARY` names, which a step
/// appends to and the run's page shows.
enum GitHubStepSummaryFile {
    /// The variable GitHub Actions sets to the summary file's path.
    static let variable = "GITHUB_STEP_SUMMARY"

    /// Appends `markdown` (followed by a blank line) to the file `environment` names; does
    /// nothing and returns `nil` when the variable is unset or empty, else returns the path.
    /// - Throws: ``GitHubStepSummaryError`` when the file cannot be opened or written.
    @discardableResult
    static func append(_ markdown: String, environment: [String: String] = ProcessEnvironment.current) throws(GitHubStepSummaryError) -> String? {
        guard let path = environment[variable], !path.isEmpty else { return nil }
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown.hasSuffix("\n") ? markdown : markdown + "\n").utf8) + Data("\n".utf8))
        } catch {
            throw GitHubStepSummaryError(path: path, reason: error.localizedDescription)
        }
        return path
    }
}

extension GitHubStepSummaryFile {
    /// Where the reports are, as the job summary says it (Markdown): the report folder, which
    /// a workflow uploads as an artifact, linked to the run's artifacts when GitHub's variables
    /// name the run.
    static func reportsAt(environment: [String: String] = ProcessEnvironment.current) -> String {
        let folder = "the report folder (upload it as an artifact)"
        guard let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
              let run = environment["GITHUB_RUN_ID"], !server.isEmpty, !repository.isEmpty, !run.isEmpty else { return folder }
        return "\(folder): [the run's artifacts](\(server)/\(repository)/actions/runs/\(run)#artifacts)"
    }
}

/// `$GITHUB_STEP_SUMMARY` names a file that cannot be appended to.
struct GitHubStepSummaryError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot append to $\(GitHubStepSummaryFile.variable) (\(path)): \(reason)" }
}
