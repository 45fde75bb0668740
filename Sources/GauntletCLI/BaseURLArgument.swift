import ArgumentParser
import GauntletHTTP

/// `--base-url` held to ``BaseURLRule`` by every command, before any request (exit 2).
enum BaseURLArgument {
    /// - Throws: `ValidationError` saying what is wrong with `text`.
    static func validate(_ text: String) throws {
        if let problem = BaseURLRule.problem(in: text) { throw ValidationError("--base-url \(problem)") }
    }
}
