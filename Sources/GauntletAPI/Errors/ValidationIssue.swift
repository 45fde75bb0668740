/// One bad input, in FastAPI/pydantic's shape: `{"loc": ["body","capacity"], "msg": "...", "type": "..."}`.
public struct ValidationIssue: Sendable, Equatable {
    /// Where the bad value is: `["body", field]`, `["body"]` or `["query", name]`.
    public var location: [String]
    /// A human-readable message (pydantic's wording where pydantic has one).
    public var message: String
    /// A machine-readable kind (`missing`, `string_type`, `int_type`, `enum`, ...).
    public var type: String

    /// Creates an issue.
    /// - Parameters:
    ///   - location: Where the bad value is.
    ///   - message: What is wrong with it.
    ///   - type: The kind of problem.
    public init(location: [String], message: String, type: String) {
        self.location = location
        self.message = message
        self.type = type
    }

    /// An issue with a field of the JSON body.
    static func body(_ field: String, _ message: String, _ type: String) -> Self {
        .init(location: ["body", field], message: message, type: type)
    }

    /// Writes the issue as a JSON object.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.beginArray("loc")
        for part in self.location { writer.string(part) }
        writer.endArray()
        writer.string(self.message, key: "msg")
        writer.string(self.type, key: "type")
        writer.endObject()
    }

    /// `body.capacity: Input should be a valid integer`, for string renderings.
    var summary: String {
        self.location.joined(separator: ".") + ": " + self.message
    }
}
