/// A rule broken by one answer: which rule, and what was expected and what came back.
public struct CheckFailure: Sendable, Hashable {
    public var check: FuzzCheck
    /// What was wrong, for the user: "status 422 is not documented (documented: 201, 400, 409)".
    public var message: String

    public init(_ check: FuzzCheck, _ message: String) {
        self.check = check
        self.message = message
    }
}
