/// Which deployment of the Event API is served: the contract's reference, or a realistic
/// implementation of the seed that keeps its letter but not every strict rule.
///
/// A profile is not a defect switch. ``ContractDefect``s each break one rule on purpose;
/// a profile is a whole, coherent deployment, for checking that the contract suite's verdicts
/// on a real deployment are the ones a reader of the seed would expect.
public enum APIProfile: String, CaseIterable, Sendable, Hashable {
    /// The full contract (`CONTRACT.md`), seed and strict rules alike.
    case reference
    /// The seed as a typical FastAPI + pydantic v2 + DynamoDB implementation serves it
    /// (``FastAPIProfile`` lists what that changes).
    case fastapi
}
