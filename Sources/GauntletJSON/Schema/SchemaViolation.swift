/// One way an instance fails a schema.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance, as a JSONPath: `$.events[0].eventCapacity`.
    public var instancePath: String
    /// Which keyword failed, as a JSON Pointer fragment: `#/components/schemas/Event/properties/eventCapacity/type`.
    public var schemaPath: String
    /// What is wrong: `expected integer, got string "500"`.
    public var message: String

    /// Creates a violation.
    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `instancePath: message (schemaPath)`.
    public var description: String {
        "\(instancePath): \(message) (\(schemaPath))"
    }
}
