import GauntletJSON

/// One way a request is made invalid, with what the change was.
struct Mutation: Sendable, Hashable {
    /// What the mutation changes.
    enum Change: Sendable, Hashable {
        /// The whole body.
        case body(FuzzRequest.Body)
        /// A query parameter's value, or its absence (`nil`).
        case query(name: String, value: String?)
        /// A path parameter's value.
        case pathParameter(name: String, value: String)
    }

    /// "capacity is 0 (minimum 1)": how findings and messages name it.
    var description: String
    var change: Change
    /// The body property it changes, when it changes one; shrinking keeps it.
    var field: String?
}
