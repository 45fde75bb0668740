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
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            self.init("YAML syntax: \(prefix)\(problem)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init("duplicate key \(names)", at: at(context.mark))
        case .reader(let problem, _, _, _):
            self.init("cannot read YAML: \(problem)", at: start)
        default:
            self.init("cannot parse YAML: \(yamlError)", at: start)
        }
    }
}
