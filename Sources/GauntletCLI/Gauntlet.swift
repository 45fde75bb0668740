public import ArgumentParser
import Foundation

/// The `gauntlet` command: contract and load tests for HTTP APIs, through libcurl.
public struct Gauntlet: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gauntlet",
        abstract: "Run HTTP contract scenarios and load tests through libcurl.",
        discussion: """
            Exit status: 0 when everything passed, 1 when a check or threshold failed (reports \
            are written), 2 when the input was invalid (no request is sent), 3 when requests were \
            sent and none was answered (run, load: the deployment was not reached, or never answered), 130 when \
            interrupted (Ctrl-C, SIGTERM).
            """,
        version: GauntletVersion.current,
        subcommands: [RunCommand.self, LoadCommand.self, MergeCommand.self, FuzzCommand.self, SelfTestCommand.self, ReportCommand.self]
    )

    public init() {}

    /// Parses `arguments`, runs the command and returns the exit status, mapping every
    /// command-line error to ``ExitStatus/invalidInput`` so that scripts see one code for bad input.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.passed
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Console.out(fullMessage(for: error))
                return ExitStatus.passed
            }
            Console.error(fullMessage(for: error))
            return code == .failure && !(error is ValidationError) ? ExitStatus.checkFailed : ExitStatus.invalidInput
        }
    }
}

/// The version `gauntlet --version` prints.
public enum GauntletVersion {
    public static let current = "0.1.0"
}
