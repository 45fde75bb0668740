import Foundation
import GauntletJSON
import Testing

/// `Scenarios/contract/seed.schema.json`: the seed's shape of an OpenAPI document, whatever the
/// item path's parameter is called.
struct SeedSchemaTests {
    static func violations(_ document: String) throws -> [SchemaViolation] {
        let schema = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: ContractSuite.path + "/seed.schema.json"))))
        return try JSONSchemaValidator(document: schema).validate(JSONValue(parsing: Array(document.utf8)), against: "#/$defs/EventAPIDocument")
    }

    @Test("Either name of the path parameter describes the item path", arguments: ["{eventId}", "{event_id}", "{id}"])
    func anyParameterName(name: String) throws {
        #expect(try Self.violations(#"{"openapi": "3.1.0", "paths": {"/events": {}, "/events/\#(name)": {}}}"#) == [])
    }

    @Test("A document without the item path, without /events or of OpenAPI 3.0 is not the Event API's", arguments: [
        #"{"openapi": "3.1.0", "paths": {"/events": {}}}"#,
        #"{"openapi": "3.1.0", "paths": {"/events": {}, "/events/{eventId}/tickets": {}}}"#,
        #"{"openapi": "3.1.0", "paths": {"/events/{eventId}": {}}}"#,
        #"{"openapi": "3.0.3", "paths": {"/events": {}, "/events/{eventId}": {}}}"#,
    ])
    func notTheEventAPI(document: String) throws {
        #expect(try !Self.violations(document).isEmpty)
    }
}
