import GauntletJSON
import Testing

/// OpenAPI's `readOnly` and `writeOnly`: a required property a message going one way leaves out
/// is required of the other way only.
@Suite struct OpenAPIVisibilityTests {
    /// One schema for both ways: the server's `id`, the client's `password` (through a `$ref`).
    static let document: JSONValue = try! JSONValue(parsing: #"""
        {
          "openapi": "3.1.0",
          "components": {"schemas": {
            "User": {"type": "object", "required": ["id", "name", "password"],
                     "properties": {"id": {"type": "string", "readOnly": true}, "name": {"type": "string"},
                                    "password": {"$ref": "#/components/schemas/Password"}}},
            "Password": {"type": "string", "writeOnly": true}
          }}
        }
        """#)

    static let user = "#/components/schemas/User"

    @Test("A request need not name the readOnly id; an answer must")
    func readOnlyIsRequiredOfAnswersOnly() throws {
        let request = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.document, for: .request))
        let response = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.document, for: .response))
        let create: JSONValue = ["name": "Ada Lovelace", "password": "correct horse"]
        #expect(try request.validate(create, against: Self.user).isEmpty)
        #expect(try response.validate(create, against: Self.user).map(\.instancePath) == ["$"], "an answer without its id")
    }

    @Test("An answer need not give back the writeOnly password (named through a $ref); a request must send it")
    func writeOnlyIsRequiredOfRequestsOnly() throws {
        let request = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.document, for: .request))
        let response = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.document, for: .response))
        let read: JSONValue = ["id": "u-1", "name": "Ada Lovelace"]
        #expect(try response.validate(read, against: Self.user).isEmpty)
        #expect(try !request.validate(["name": "Ada Lovelace"], against: Self.user).isEmpty, "a create without its password")
    }

    @Test("JSON Schema alone requires both, as the document as read does")
    func theDocumentAsReadRequiresBoth() throws {
        let plain = JSONSchemaValidator(document: Self.document)
        #expect(try !plain.validate(["id": "u-1", "name": "Ada Lovelace"], against: Self.user).isEmpty)
        #expect(try !plain.validate(["name": "Ada Lovelace", "password": "correct horse"], against: Self.user).isEmpty)
    }

    @Test("The names of the properties each way leaves out")
    func hiddenPropertyNames() {
        #expect(OpenAPIVisibility.propertyNames(hiddenIn: Self.document, for: .request) == ["id"])
        #expect(OpenAPIVisibility.propertyNames(hiddenIn: Self.document, for: .response) == ["password"])
    }
}
