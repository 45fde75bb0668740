/// Why a text is not JSON, and where: `line 1, column 7: expected ',' or '}' after object member`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 0-based byte offset of the problem in the input.
    public var offset: Int
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem, counted in Unicode scalars from the start of the line.
    public var column: Int
    /// What is wrong, in a phrase.
    public var message: String

    /// Creates an error at a known position.
    public init(offset: Int, line: Int, column: Int, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line L, column C: message`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
