/// A schema that cannot be used: a reference that does not resolve, a malformed keyword, a `$ref` cycle,
/// or a keyword the validator does not implement.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the schema location.
    public var message: String
    /// The keyword the validator does not implement (`$vocabulary`, `$schema` naming another dialect,
    /// `$ref` to a document it cannot load), when that is why the schema cannot be used; `nil` otherwise.
    ///
    /// Such a schema is never applied partially: the keyword could reject instances that would pass
    /// without it, so validation stops with this error rather than report a pass it cannot vouch for.
    public var unsupportedKeyword: String?

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
        self.unsupportedKeyword = nil
    }

    /// An error for a keyword the validator does not implement: `unsupported keyword "X" at #/path: why`.
    static func unsupported(_ keyword: String, at location: SchemaLocation, _ reason: String) -> JSONSchemaError {
        var error = JSONSchemaError("unsupported keyword \"\(keyword)\" at \(location.appending(keyword)): \(reason)")
        error.unsupportedKeyword = keyword
        return error
    }

    /// The message.
    public var description: String {
        message
    }
}
