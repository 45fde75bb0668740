/// A problem found in a scenario file, printed the way compilers print them:
/// `file:line:column: error: message`.
public struct ScenarioDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public var location: ScenarioLocation
    /// What is wrong, and where it helps, what would be right.
    public var message: String

    public init(_ message: String, at location: ScenarioLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Every problem found in one or more scenario files; loading reports them all, not just the first.
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [ScenarioDiagnostic]

    public init(_ diagnostics: [ScenarioDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
