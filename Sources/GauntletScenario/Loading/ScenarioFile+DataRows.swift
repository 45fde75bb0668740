import GauntletJSON

/// `--data FILE`: every scenario of a file runs once per row of a data file.
extension ScenarioFile {
    /// The file with every scenario run once per row of `table`: a scenario without rows of
    /// its own takes the table's rows; one with `cases` (or `cases_from`) runs each of its rows
    /// with each of the table's, its own row's values winning over the table's. Each row is a
    /// testcase of its own, named as table cases are.
    package func applyingDataRows(_ table: DataTable) -> ScenarioFile {
        var file = self
        for index in file.scenarios.indices {
            let own = file.scenarios[index].cases
            file.scenarios[index].cases = own.isEmpty
                ? table.rows
                : table.rows.flatMap { data in own.map { data.merging($0) { _, ownValue in ownValue } } }
            file.scenarios[index].templates += table.templates
        }
        return file
    }
}
