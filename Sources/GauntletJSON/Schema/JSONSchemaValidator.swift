/// Validates instances against JSON Schemas (2020-12, as OpenAPI 3.1 uses them) inside a document,
/// such as an OpenAPI 3.1 document.
///
/// ```swift
/// let validator = JSONSchemaValidator(document: openAPI)
/// let violations = try validator.validate(body, against: "#/components/schemas/Event")
/// ```
///
/// Every violation is collected, not only the first. `$ref` resolves local `#/...` pointers, recursively,
/// and a cycle that does not descend into the instance is reported as a ``JSONSchemaError``.
public struct JSONSchemaValidator: Sendable {
    /// The document that `#/...` references resolve in.
    public let document: JSONValue

    /// Creates a validator over a document.
    /// - Parameter document: the document holding the schemas, e.g. a whole OpenAPI document.
    public init(document: JSONValue) {
        self.document = document
    }

    /// Validates `instance` against the schema at `reference`.
    /// - Parameters:
    ///   - instance: the value to check.
    ///   - reference: a JSON Pointer fragment into the document, e.g. `#/components/schemas/Event`.
    /// - Returns: every violation found; empty when the instance is valid.
    /// - Throws: ``JSONSchemaError`` when the reference does not resolve or the schema is malformed.
    public func validate(_ instance: JSONValue, against reference: String) throws(JSONSchemaError) -> [SchemaViolation] {
        let pointer = try JSONPointer(reference)
        guard let schema = pointer.resolve(in: document) else {
            throw JSONSchemaError("reference \(reference) does not resolve in the document")
        }
        var validation = SchemaValidation(roots: [document])
        try validation.validate(instance, schema, at: "$", schemaPath: pointer)
        return validation.violations
    }

    /// Validates `instance` against `schema`; its `#/...` references resolve in `schema` first, then in the document.
    /// - Returns: every violation found; empty when the instance is valid.
    /// - Throws: ``JSONSchemaError`` when a reference does not resolve or the schema is malformed.
    public func validate(_ instance: JSONValue, schema: JSONValue) throws(JSONSchemaError) -> [SchemaViolation] {
        var validation = SchemaValidation(roots: [schema, document])
        try validation.validate(instance, schema, at: "$", schemaPath: JSONPointer(tokens: []))
        return validation.violations
    }
}
