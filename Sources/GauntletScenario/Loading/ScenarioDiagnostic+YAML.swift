import Yams

extension ScenarioDiagnostic {
    /// A diagnostic for a YAML syntax error, at the line and column Yams reports.
    ///
    /// Duplicate keys point at the key's context mark; the error's own text is the whole document,
    /// so it is not printed verbatim.
    package init(yamlError error: any Error, file: String) {
        func at(_ mark: Mark) -> ScenarioLocation { ScenarioLocation(file: file, line: mark.line, column: mark.column) }
        let start = ScenarioLocation(file: file, line: 1, column: 1)
        guard let yamlError = error as? YamlError else {
            self.init("cannot parse YAML: \(error)", at: start)
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, let yaml),
            .parser(let context, let problem, let mark, let yaml),
            .composer(let context, let problem, let mark, let yaml):
            let prefix = context.map { "\($0.text) " } ?? ""
            // libyaml names a tab only as "a character that cannot start any token".
            let tab = Self.character(at: mark, in: yaml) == "\t" ? " (a tab: YAML indents with spaces only)" : ""
            self.init("YAML syntax: \(prefix)\(problem)\(tab)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init("duplicate key \(names)", at: at(context.mark))
        case .reader(let problem, _, _, _):
            self.init("cannot read YAML: \(problem)", at: start)
        default:
            self.init("cannot parse YAML: \(yamlError)", at: start)
        }
    }

    /// The character a mark (1-based line and column, as Yams reports) points at.
    static func character(at mark: Mark, in yaml: String) -> Character? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(max(mark.line - 1, 0)).makeIterator()
        guard let line = lines.next(), mark.column >= 1, mark.column <= line.count else { return nil }
        return line[line.index(line.startIndex, offsetBy: mark.column - 1)]
    }
}
