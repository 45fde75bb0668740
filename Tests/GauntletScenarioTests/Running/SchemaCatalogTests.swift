import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

/// `schema:` checks an answer: an OpenAPI document's `writeOnly` property is required of requests
/// only, as OpenAPI says; a plain JSON Schema file keeps JSON Schema's reading.
@Suite struct SchemaCatalogTests {
    /// The catalog of a scenario in `folder` whose `schema:` names `file`, holding `document`.
    static func catalog(writing document: String, to file: String, in folder: String) throws -> (SchemaCatalog, scenario: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try document.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        let yaml = """
            scenarios:
              - name: read a user
                steps:
                  - request: { path: /users/u-1 }
                    expect: { schema: "\(file)#/components/schemas/User" }
            """
        let scenario = try ScenarioLoader.parse(yaml: yaml, path: folder + "/users.yaml")
        return (try SchemaCatalog(for: [scenario]), scenario.path)
    }

    /// A user schema whose required `password` is `writeOnly`.
    static let schemas = #"""
        "components": {"schemas": {"User": {"type": "object", "required": ["id", "password"],
            "properties": {"id": {"type": "string"}, "password": {"type": "string", "writeOnly": true}}}}}
        """#

    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-schemas-\(UUID().uuidString)").path
    }

    @Test("An answer without the writeOnly password is valid against an OpenAPI document's schema")
    func openAPIDocumentsReadWriteOnlyAsOpenAPISays() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (catalog, scenario) = try Self.catalog(writing: #"{"openapi": "3.1.0", "# + Self.schemas + "}", to: "openapi.json", in: folder)
        let answer: JSONValue = ["id": "u-1"]
        #expect(try catalog.validate(answer, file: "openapi.json", pointer: "#/components/schemas/User", relativeTo: scenario) == [])
        #expect(try catalog.validate(["password": "x"], file: "openapi.json", pointer: "#/components/schemas/User", relativeTo: scenario).count == 1)
    }

    @Test("A plain JSON Schema file requires what it lists: writeOnly is an annotation there")
    func plainSchemaFilesAreJSONSchemaAlone() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (catalog, scenario) = try Self.catalog(writing: "{" + Self.schemas + "}", to: "user.schema.json", in: folder)
        #expect(try catalog.validate(["id": "u-1"], file: "user.schema.json", pointer: "#/components/schemas/User", relativeTo: scenario).count == 1)
    }
}
