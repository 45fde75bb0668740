import GauntletJSON

/// `--data FILE`: every scenario of a file runs once per row of a data file.
extension ScenarioFile {
    /// The file with every scenario run once per row of `table`: a scenario without rows of
    /// its own takes the table's rows; one with `cases` (or `cases_from`) runs each of its rows
    /// with each of the table's, its own row's values winning over the table's. Each row is a
    /// testcase of its own, named as table cases are.
    ///
    /// A scenario `expanding` turns down (one the run does not select) keeps its own rows, each
    /// with the values of the table's first row that every row has: the names its templates
    /// are checked against are the same, and a million rows times its cases are never built.
    package func applyingDataRows(_ table: DataTable, expanding: (Scenario) -> Bool = { _ in true }) -> ScenarioFile {
        var file = self
        let namesOnly = table.rowOfCommonNames
        for index in file.scenarios.indices {
            let own = file.scenarios[index].cases
            if own.isEmpty {
                file.scenarios[index].cases = table.rows
            } else if expanding(file.scenarios[index]) {
                file.scenarios[index].cases = table.rows.flatMap { data in own.map { data.merging($0) { _, ownValue in ownValue } } }
            } else {
                file.scenarios[index].cases = own.map { namesOnly.merging($0) { _, ownValue in ownValue } }
            }
            file.scenarios[index].templates += table.templates
        }
        return file
    }
}
