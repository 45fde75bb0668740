import GauntletJSON
import Testing

@testable import GauntletFuzz

/// 3.0's `nullable` beside a schema with no type of its own, as springdoc and NestJS write a
/// nullable reference: read as "it or `null`", as its authors mean.
@Suite struct NullableCompositionsTests {
    /// A 3.0 document whose `Pet` has a nullable `owner` reference and a nullable typed `name`.
    static let text = #"""
        {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"}, "paths": {},
         "components": {"schemas": {
           "Pet": {"type": "object", "properties": {
             "owner": {"allOf": [{"$ref": "#/components/schemas/Owner"}], "nullable": true, "description": "Who keeps it"},
             "name": {"type": "string", "nullable": true}}},
           "Owner": {"type": "string", "minLength": 3}}}}
        """#

    @Test("A nullable allOf wrapper takes its reference's values and null, and nothing else")
    func aNullableReferenceTakesItsValuesAndNull() throws {
        let document = try APIDocument(bytes: Array(Self.text.utf8), source: "pets.json")
        let validator = JSONSchemaValidator(document: document.json)
        let pet = "#/components/schemas/Pet"
        #expect(try validator.validate(["owner": "Ada"], against: pet).isEmpty)
        #expect(try validator.validate(["owner": .null, "name": .null], against: pet).isEmpty)
        #expect(try !validator.validate(["owner": "A"], against: pet).isEmpty, "shorter than its reference allows")
        #expect(try !validator.validate(["owner": 7], against: pet).isEmpty, "neither its reference's type nor null")
    }
}
