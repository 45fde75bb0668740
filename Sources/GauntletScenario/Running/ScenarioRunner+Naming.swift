package import GauntletJSON

/// Naming the rows of a table scenario so that each is a testcase of its own.
extension ScenarioRunner {
    /// The name of each row of `scenario`, rendered in that row's scope.
    ///
    /// When the name template does not tell rows apart (it has no placeholder, or two rows
    /// render alike), each row whose name is shared gets its values as a suffix, as in
    /// `POST is rejected [field=title, value=123]` (strings bare, other values as compact JSON,
    /// long values shortened); rows that are still alike then get their row number too.
    /// `rows` are the rows the scopes were made from (``ScenarioRunner/rows(of:)``: the cases,
    /// each repeated); by default the scenario's cases. A name its values fill with nothing but
    /// blanks (`name: "{{x}}"`, `--var x=`) keeps its template: a testcase needs a name to be
    /// found by in a report.
    package static func instanceNames(_ scenario: Scenario, scopes: [VariableScope], rows: [[String: JSONValue]]? = nil) -> [String] {
        var names = scopes.map { scope in
            let name = (try? Template(scenario.name).render(in: scope)) ?? scenario.name
            return name.allSatisfy(\.isWhitespace) ? scenario.name : name
        }
        guard names.count > 1 else { return names }
        let rows = rows ?? scenario.cases
        let repeated = Dictionary(grouping: names.indices, by: { names[$0] }).filter { $0.value.count > 1 }
        for indices in repeated.values {
            for index in indices where rows.indices.contains(index) {
                names[index] += " [\(rowLabel(rows[index]))]"
            }
        }
        let stillRepeated = Dictionary(grouping: names.indices, by: { names[$0] }).filter { $0.value.count > 1 }
        for indices in stillRepeated.values {
            for index in indices { names[index] += " (row \(index + 1))" }
        }
        return names
    }

    /// `field=title, value=123`: a row's values in key order, each shortened to 40 characters.
    static func rowLabel(_ row: [String: JSONValue]) -> String {
        row.keys.sorted().map { key in
            let text = row[key]!.templateText
            return "\(key)=\(text.count > 40 ? String(text.prefix(39)) + "…" : text)"
        }.joined(separator: ", ")
    }
}
