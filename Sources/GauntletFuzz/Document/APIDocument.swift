public import GauntletJSON

/// An OpenAPI 3.0, 3.1 or 3.2 document, read into the operations fuzzing works on.
///
/// A 3.0 document is converted to 3.1 by OpenAPIKit (``OpenAPIReader``), so that every schema
/// is JSON Schema 2020-12 (`nullable` becomes a `null` type; a nullable `allOf` wrapper "it or
/// `null`", ``NullableCompositions``) and one validator checks them all.
public struct APIDocument: Sendable {
    /// The document in its 3.1 form; the schemas' pointers resolve in it.
    public let json: JSONValue
    /// ``json`` as requests read it: a `readOnly` property (the server's `id`) is required of
    /// responses only (``OpenAPIVisibility``). What generates and judges requests reads this.
    public let requestJSON: JSONValue
    /// ``json`` as responses read it: a `writeOnly` property (a `password`) is required of
    /// requests only. What judges answers reads this.
    public let responseJSON: JSONValue
    /// Where it came from (file or URL).
    public let source: String
    /// The `openapi` version it declared.
    public let declaredVersion: String
    /// Every operation, in the document's order of paths and methods.
    public let operations: [APIOperation]
    /// What in the document fuzzing cannot use (a `$ref` that does not resolve), one line each:
    /// the run reports them and fails, since what they touch goes untested.
    public let problems: [String]

    /// Reads a document from its bytes (JSON).
    /// - Throws: ``DocumentError`` naming `source` when it is not JSON, not OpenAPI 3.x, or not
    ///   valid OpenAPI as OpenAPIKit reads it.
    public init(bytes: [UInt8], source: String) throws(DocumentError) {
        let (json, version) = try OpenAPIReader.read(bytes, source: source)
        self.json = json
        self.requestJSON = OpenAPIVisibility.document(json, for: .request)
        self.responseJSON = OpenAPIVisibility.document(json, for: .response)
        self.source = source
        self.declaredVersion = version
        self.operations = try OperationCollector(document: json, source: source).operations()
        self.problems = DanglingReferences.find(in: json)
    }

    /// The schema at `pointer`, following `$ref`s that are the whole schema.
    public func schema(at pointer: JSONPointer) -> JSONValue? {
        guard let value = pointer.resolve(in: json) else { return nil }
        return Self.followingReferences(value, in: json).value
    }

    /// The operation whose `operationId` is `id`.
    public func operation(id: String) -> APIOperation? {
        operations.first { $0.operationId == id }
    }

    /// `value` with a whole-object `$ref` (`{"$ref": "#/..."}`) followed, at most 16 times, and
    /// the pointer it was found at (`nil` when it was not a reference).
    static func followingReferences(_ value: JSONValue, in document: JSONValue) -> (value: JSONValue, pointer: JSONPointer?) {
        var current = value
        var pointer: JSONPointer?
        for _ in 0..<16 {
            guard case .object(let members) = current, let reference = members["$ref"]?.stringValue,
                reference.hasPrefix("#"), let target = try? JSONPointer(reference), let resolved = target.resolve(in: document)
            else { break }
            current = resolved
            pointer = target
        }
        return (current, pointer)
    }
}
