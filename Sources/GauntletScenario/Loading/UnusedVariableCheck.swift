/// Finds the `--var` and `--secret` names no selected scenario reads, so that a misspelt one
/// (`validation_statu=422`) is said before the run rather than silently changing nothing.
///
/// A name is read when a template of a selected scenario, or of its file (variables, headers,
/// teardown), names it: in a placeholder (`{{name}}`, `{{name.field}}` by its head), or in a
/// `when:` condition (`defined: name`). Not an error: a shared command line may give names some
/// selections do not use.
public enum UnusedVariableCheck {
    /// One name given on the command line, with the flag that gave it (`--var`, `--secret`).
    public struct Given: Sendable, Hashable {
        /// `--var` or `--secret`.
        public var flag: String
        /// The variable's name.
        public var name: String

        public init(flag: String, name: String) {
            self.flag = flag
            self.name = name
        }
    }

    /// The names the templates of `files`' scenarios that `selects` (their tags) reads.
    public static func namesRead(in files: [ScenarioFile], selects: (Set<String>) -> Bool) -> Set<String> {
        var read: Set<String> = []
        for file in files {
            let selected = file.scenarios.filter { selects(file.tags.union($0.tags)) }
            guard !selected.isEmpty else { continue }
            for use in file.templates + selected.flatMap(\.templates) {
                read.formUnion(use.guardedNames)
                for placeholder in use.placeholders {
                    read.insert(placeholder.head)
                    read.insert(placeholder.name)
                }
            }
        }
        return read
    }

    /// A warning for each name of `given` that `read` lacks, with the closest name read when one
    /// is within two edits: `warning: --var validation_statu is not used by any selected
    /// scenario (did you mean 'validation_status'?)`.
    public static func warnings(for given: [Given], read: Set<String>) -> [String] {
        given.filter { !read.contains($0.name) }.map { unused in
            var text = "warning: \(unused.flag) \(unused.name) is not used by any selected scenario"
            if let suggestion = TemplateCheck.closest(to: unused.name, in: read) { text += " (did you mean '\(suggestion)'?)" }
            return text
        }
    }
}
