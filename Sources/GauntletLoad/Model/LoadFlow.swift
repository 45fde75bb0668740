public import GauntletJSON
public import GauntletScenario

/// One entry of a plan's weighted mix: a scenario (one row of it, for a table) that an iteration
/// runs from its first step to its teardown, each step sent when the previous one ends.
///
/// An iteration ends its steps at the first that fails, as `gauntlet run` does, and then runs
/// the teardown steps whatever happened, so that what it created is deleted.
public struct LoadFlow: Sendable {
    /// The entry's name: the scenario's, with its row's values for a table.
    public var name: String
    /// Its share of iterations relative to the other entries.
    public var weight: Int
    /// Its steps, in order.
    public var steps: [LoadStep]
    /// Steps run after the others however they ended: the scenario's teardown, then its file's.
    public var teardown: [LoadStep]
    /// The variables its templates see, outermost first: the file's, the scenario's, the row's.
    public var variables: [[String: JSONValue]]
    /// Headers every request of the flow carries (its file's `headers:`).
    public var headers: [HeaderTemplate]
    /// The file the flow was written in, for schema file names.
    public var file: String
    /// Its scenario's `when:`: decided once, before the load, on the variables it starts with;
    /// a flow whose condition does not hold is left out of the mix (``LoadPlan/selectingFlows(variables:baseURL:)``).
    public var condition: WhenCondition?
    /// Whether its requests keep their responses whatever their checks need: true for the steps
    /// a load runs once around itself (setup, teardown), which cost nothing that matters, so
    /// that a failed one can say what the deployment answered (`HTTP 403`: `Forbidden` or
    /// `Missing Authentication Token`).
    var keepsResponses = false

    /// Creates a mix entry.
    /// - Parameters:
    ///   - name: The entry's name.
    ///   - weight: Its share of iterations, at least 1.
    ///   - steps: Its steps, in order.
    ///   - teardown: Steps run after them whatever happened.
    ///   - variables: Variable layers, outermost first.
    ///   - headers: Headers for every request.
    ///   - file: The file it was written in.
    public init(
        name: String, weight: Int = 1, steps: [LoadStep], teardown: [LoadStep] = [], variables: [[String: JSONValue]] = [],
        headers: [HeaderTemplate] = [], file: String = ""
    ) {
        self.name = name
        self.weight = weight
        self.steps = steps
        self.teardown = teardown
        self.variables = variables
        self.headers = headers
        self.file = file
    }
}
