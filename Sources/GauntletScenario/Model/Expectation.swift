public import GauntletJSON

/// One check on a response, with the place in the file that asked for it.
public struct Expectation: Sendable {
    /// What is checked.
    public enum Subject: Sendable, Hashable {
        /// The status code: an integer, a list of allowed ones, or a class such as `"2xx"`
        /// (templates allowed, so `"{{validation_status}}"` works).
        case status(JSONValue)
        /// A header (name case-insensitive).
        case header(String, Predicate)
        /// The JSON body contains this document (objects by subset, arrays element-wise).
        case body(JSONValue)
        /// The node(s) a JSONPath selects satisfy the predicate.
        case jsonPath(String, Predicate)
        /// The JSON body validates against a schema: a file (relative to the scenario file)
        /// and a JSON Pointer fragment, as in `openapi.json#/components/schemas/Event`.
        case schema(file: String, pointer: String)
        /// The whole exchange took at most this long.
        case maxDuration(Duration)
        /// With `concurrent: N`, how many answers had each status (`{201: 1, 409: 19}`).
        case statuses([Int: JSONValue])
    }

    /// What is checked.
    public var subject: Subject
    /// Where the check was written.
    public var location: ScenarioLocation

    public init(_ subject: Subject, location: ScenarioLocation) {
        self.subject = subject
        self.location = location
    }
}
