/// The verdict on one threshold, as reports and JUnit test cases show it.
public struct ThresholdResult: Sendable, Equatable {
    /// The threshold as written (`get-event:p99<50ms`), the JUnit test case name.
    public var name: String
    /// Whether it held.
    public var passed: Bool
    /// The measured value in the threshold's unit (`p99 = 12.3 ms`), or why there is none.
    public var actual: String
    /// A one-line message: `p99<250ms: p99 = 12.345 ms (passed)`.
    public var message: String

    /// Creates a verdict.
    public init(name: String, passed: Bool, actual: String, message: String) {
        self.name = name
        self.passed = passed
        self.actual = actual
        self.message = message
    }
}
