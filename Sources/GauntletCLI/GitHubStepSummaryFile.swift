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
    /// The markdown is the job summary's copy of `summary.md` (``jobSummary(_:environment:)``).
    @discardableResult
    static func append(_ markdown: String, environment: [String: String] = ProcessEnvironment.current) throws(GitHubStepSummaryError) -> String? {
        guard let path = environment[variable], !path.isEmpty else { return nil }
        let markdown = jobSummary(markdown, environment: environment)
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
    /// `summary.md` as the job summary shows it: a link to a report beside it (`report.html#…`)
    /// resolves against the run's page there and leads nowhere, so it becomes its text, and one
    /// line says where the reports are: the run's artifacts (linked when GitHub's variables name
    /// the run), where a workflow that uploads the report folder keeps them.
    static func jobSummary(_ markdown: String, environment: [String: String]) -> String {
        var unlinked = 0
        let text = markdown.replacing(/\[([^\]\n]*)\]\(([^)\s]+)\)/) { match -> String in
            let target = match.2
            if target.contains("://") || target.hasPrefix("#") { return String(match.0) }
            unlinked += 1
            return String(match.1)
        }
        guard unlinked > 0 else { return markdown }
        var artifacts = "the run's artifacts"
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
           let run = environment["GITHUB_RUN_ID"], !server.isEmpty, !repository.isEmpty, !run.isEmpty {
            artifacts = "[\(artifacts)](\(server)/\(repository)/actions/runs/\(run)#artifacts)"
        }
        return (text.hasSuffix("\n") ? text : text + "\n")
            + "\n_report.html and the other reports are files of the report folder, not of this page: upload it as an artifact to find them in \(artifacts)._\n"
    }
}

/// `$GITHUB_STEP_SUMMARY` names a file that cannot be appended to.
struct GitHubStepSummaryError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot append to $\(GitHubStepSummaryFile.variable) (\(path)): \(reason)" }
}
