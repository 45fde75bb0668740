/// Where something was written in a scenario file: file path, 1-based line and column.
///
/// Every step and expectation keeps one, so that a failure at run time points at the YAML that
/// declared the check, as a compiler diagnostic would.
public struct ScenarioLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The scenario file's path as it was given to the loader.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number, counted in Unicode scalars (as Yams counts them).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
