/// One template written in a scenario file: its placeholders and where it is, kept so that
/// every name can be checked against the run's variables before any request is sent.
public struct TemplateUse: Sendable, Hashable {
    /// The placeholders of the template (already parsed: filters are known to be valid).
    public var placeholders: [Placeholder]
    /// Where the YAML scalar holding it starts.
    public var location: ScenarioLocation
    /// Names the enclosing step's or scenario's `when: { defined: NAME }` makes safe to use there.
    public var guardedNames: Set<String>
    /// Whether this is a name a `when:` asks about rather than a template:
    /// in a file's teardown it needs to be set by some scenario of the file, not by every one.
    public var isCondition: Bool
    /// How the condition names it, for messages (`defined: created_id`, `when: status`).
    public var conditionText: String?
    /// Whether it is read before the scenario's steps run (a scenario's own `when:`): no
    /// capture has set anything yet, so only the starting variables count as known.
    public var isReadBeforeSteps = false

    public init(
        placeholders: [Placeholder], location: ScenarioLocation, guardedNames: Set<String> = [], isCondition: Bool = false,
        conditionText: String? = nil
    ) {
        self.conditionText = conditionText
        self.placeholders = placeholders
        self.location = location
        self.guardedNames = guardedNames
        self.isCondition = isCondition
    }
}
