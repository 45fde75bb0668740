/// Why an OpenAPI document could not be used: named by where it came from, with what is wrong.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or URL the document came from.
    public var source: String
    /// What is wrong, for the user.
    public var message: String

    public init(source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
