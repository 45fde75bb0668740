/// Where a JSON value fails a subset match, and how: `$.events[0].eventId: expected "e1", got "e2"`.
public struct JSONMismatch: Sendable, Hashable, CustomStringConvertible {
    /// The location in the actual value, as a JSONPath such as `$.events[0].eventId`.
    public var path: String
    /// The expected value at that location.
    public var expected: JSONValue
    /// The actual value at that location, or `nil` when it is missing.
    public var actual: JSONValue?
    /// What differs, in a phrase.
    public var message: String

    /// Creates a mismatch.
    public init(path: String, expected: JSONValue, actual: JSONValue?, message: String) {
        self.path = path
        self.expected = expected
        self.actual = actual
        self.message = message
    }

    /// `path: message`.
    public var description: String {
        "\(path): \(message)"
    }
}
