/// A placeholder that cannot be parsed or resolved: an unterminated `{{`, an unknown variable,
/// a path into a value that has no such member, a missing environment variable.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words a scenario author acts on.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
