/// A Lambda log that cannot label requests: unreadable, or without a single `REPORT` record.
public struct LambdaReportLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as named.
    public var path: String
    /// The line the problem is at, if one.
    public var line: Int?
    /// What is wrong, for the user.
    public var message: String

    /// Creates the error.
    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, as compilers write it.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
