/// Validates instances against JSON Schemas (2020-12, as OpenAPI 3.1 uses them) inside a document,
/// such as an OpenAPI 3.1 document.
///
/// ```swift
/// let validator = JSONSchemaValidator(document: openAPI, assertsFormats: true)
/// let violations = try validator.validate(body, against: "#/components/schemas/Event")
/// ```
///
/// Every violation is collected, not only the first. `$ref` and `$dynamicRef` resolve against base URIs set
/// by `$id`, to JSON Pointers, `$anchor`s and `$dynamicAnchor`s in the document, and to remote documents
/// when a loader is given; a cycle that does not descend into the instance is a ``JSONSchemaError``.
/// Keywords it does not implement (`$vocabulary`, a `$schema` naming another dialect, draft 2019-09 and
/// draft 7 keywords such as `dependencies`) throw a ``JSONSchemaError`` whose ``JSONSchemaError/unsupportedKeyword``
/// names them, rather than being skipped. Keywords it does not know (`description`, `example`,
/// `discriminator`, `x-...`) are annotations and ignored, as 2020-12 specifies.
public struct JSONSchemaValidator: Sendable {
    /// The document that `#/...` references resolve in.
    public let document: JSONValue
    /// Whether `format` rejects strings that are not a `date`, `date-time`, `email` or `uuid`; when `false`
    /// (the 2020-12 default), `format` is an annotation only.
    public let assertsFormats: Bool
    /// The document's resources, indexed once.
    private let registry: SchemaRegistry

    /// Creates a validator over a document.
    /// - Parameters:
    ///   - document: the document holding the schemas, e.g. a whole OpenAPI document.
    ///   - assertsFormats: check the formats ``SchemaFormat`` knows rather than only annotate them.
    ///   - remoteDocuments: returns the document at an absolute URI (without fragment) that a `$ref` names
    ///     outside the document, or `nil`; without it, such a reference is an unsupported-keyword error.
    public init(document: JSONValue, assertsFormats: Bool = false, remoteDocuments: (@Sendable (String) -> JSONValue?)? = nil) {
        self.document = document
        self.assertsFormats = assertsFormats
        var registry = SchemaRegistry(loadRemote: remoteDocuments)
        registry.add(document, at: SchemaURI.defaultBase, location: SchemaLocation(document: "", pointer: JSONPointer(tokens: [])))
        self.registry = registry
    }

    /// Validates `instance` against the schema at `reference`.
    /// - Parameters:
    ///   - instance: the value to check.
    ///   - reference: a JSON Pointer fragment into the document, e.g. `#/components/schemas/Event`.
    /// - Returns: every violation found; empty when the instance is valid.
    /// - Throws: ``JSONSchemaError`` when the reference does not resolve, the schema is malformed or uses a
    ///   keyword that is not implemented.
    public func validate(_ instance: JSONValue, against reference: String) throws(JSONSchemaError) -> [SchemaViolation] {
        let pointer = try JSONPointer(reference)
        guard let target = registry.target(at: pointer, in: SchemaURI.defaultBase) else {
            throw JSONSchemaError("reference \(reference) does not resolve in the document")
        }
        var validation = SchemaValidation(registry: registry, assertsFormats: assertsFormats, base: target.parentBase)
        try validation.validate(instance, target.schema, at: "$", schemaPath: target.location, base: target.parentBase)
        return validation.violations
    }

    /// Validates `instance` against `schema`; its `#/...` references resolve in `schema` first, then in the document.
    /// - Returns: every violation found; empty when the instance is valid.
    /// - Throws: ``JSONSchemaError`` when a reference does not resolve, the schema is malformed or uses a
    ///   keyword that is not implemented.
    public func validate(_ instance: JSONValue, schema: JSONValue) throws(JSONSchemaError) -> [SchemaViolation] {
        var registry = registry
        registry.add(schema, at: SchemaURI.defaultBase, location: SchemaLocation(document: "", pointer: JSONPointer(tokens: [])), first: true)
        var validation = SchemaValidation(registry: registry, assertsFormats: assertsFormats, base: SchemaURI.defaultBase)
        try validation.validate(instance, schema, at: "$", schemaPath: SchemaLocation(document: "", pointer: JSONPointer(tokens: [])), base: SchemaURI.defaultBase)
        return validation.violations
    }
}
