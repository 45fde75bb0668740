/// Why a text is not a JSONPath query, and where: `column 9: expected ']' after index`.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based column (in Unicode scalars) where the problem was found.
    public var position: Int
    /// What is wrong, in a phrase.
    public var message: String

    /// Creates an error at a 1-based column.
    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    /// `column N: message`.
    public var description: String {
        "column \(position): \(message)"
    }
}
