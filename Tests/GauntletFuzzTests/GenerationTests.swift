import Foundation
import GauntletJSON
import Testing

@testable import GauntletFuzz

/// Values from schemas: valid ones are valid (checked by the validator the checks use),
/// invalid ones invalid, and patterns followed.
@Suite struct GenerationTests {
    static let patterns = [
        #"^\d{4}-\d{2}-\d{2}$"#, #"^[A-Za-z0-9._:-]{1,128}$"#, #"\S"#, #"^(ab|cd)+x?$"#, #"^[^\s]{3,5}$"#,
        #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"#, #"^(?:[a-z]+-)*[a-z]+$"#, #"^[A-Z]{2}\d{2,4}\.v[0-9]$"#,
    ]

    @Test("Strings made for a pattern match it", arguments: patterns)
    func patternStrings(pattern: String) throws {
        let generator = try #require(PatternGenerator(pattern))
        var random = SeededGenerator(seed: 42)
        for round in 0..<50 {
            let text = generator.string(short: round == 0, using: &random)
            #expect(SchemaView.matches(text, pattern), "\(text.debugDescription) for \(pattern)")
        }
    }

    @Test("Patterns it cannot follow are refused, not guessed", arguments: [#"^(?=a)b$"#, #"(a)\1"#, #"\bword\b"#])
    func unsupportedPatterns(pattern: String) {
        #expect(PatternGenerator(pattern) == nil)
    }

    static let document: JSONValue = try! JSONValue(parsing: #"""
        {"openapi": "3.1.0", "components": {"schemas": {
          "Tag": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 5}}},
          "Thing": {
            "type": "object",
            "required": ["id", "kind", "size", "when", "tags", "owner"],
            "properties": {
              "id": {"type": "string", "format": "uuid"},
              "kind": {"enum": ["a", "b", "c"]},
              "fixed": {"const": 7},
              "size": {"type": "integer", "exclusiveMinimum": 0, "maximum": 100, "multipleOf": 5},
              "ratio": {"type": "number", "minimum": 0.5, "maximum": 0.75},
              "when": {"type": "string", "format": "date-time"},
              "day": {"type": "string", "format": "date"},
              "mail": {"type": "string", "format": "email"},
              "note": {"type": ["string", "null"], "maxLength": 3},
              "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}, "minItems": 1, "maxItems": 3, "uniqueItems": true},
              "owner": {"anyOf": [{"type": "integer", "minimum": 1}, {"$ref": "#/components/schemas/Tag"}]},
              "code": {"type": "string", "pattern": "^[A-Z]{3}-\\d{3}$"},
              "forbidden": false
            },
            "allOf": [{"properties": {"extra": {"type": "boolean"}}}],
            "minProperties": 6
          }
        }}}
        """#)
    static let thing = JSONPointer(tokens: ["components", "schemas", "Thing"])

    func generator(seed: UInt64 = 1) throws -> CaseGenerator {
        let api = APIDocumentStub.make(Self.document)
        return CaseGenerator(document: api, validator: JSONSchemaValidator(document: Self.document, assertsFormats: true), seed: seed)
    }

    @Test("Every case index gives a valid value: lower bounds, upper bounds, other spellings, random")
    func validValues() throws {
        let cases = try generator()
        var spellings: Set<String> = []
        for index in 0..<40 {
            let value = try #require(cases.validValue(Self.thing, label: "thing", index: index), "case \(index)")
            #expect(cases.isValid(value, Self.thing))
            #expect(value["forbidden"] == nil)
            if case .double? = value["size"] { spellings.insert("size as 5.0") }
        }
        #expect(spellings.contains("size as 5.0"), "an integer written with a zero fraction is among the valid values")
    }

    @Test("The same seed and index give the same value; another seed another")
    func deterministic() throws {
        let one = try generator(seed: 1).validValue(Self.thing, label: "thing", index: 9)
        let again = try generator(seed: 1).validValue(Self.thing, label: "thing", index: 9)
        let other = try generator(seed: 2).validValue(Self.thing, label: "thing", index: 9)
        #expect(one == again)
        #expect(one != other)
    }

    @Test("Every mutation is invalid, and the first of them touch every property")
    func mutations() throws {
        let cases = try generator()
        let base = try #require(cases.validValue(Self.thing, label: "thing", index: 1))
        let mutator = Mutator(document: APIDocumentStub.make(Self.document), validator: cases.validator, runTag: "fuzz-t")
        let mutations = mutator.bodyMutations(of: base, schema: Self.thing)
        #expect(mutations.count > 30)
        for mutation in mutations {
            if case .body(.json(let value)) = mutation.change {
                #expect(!cases.isValid(value, Self.thing), "\(mutation.description) is invalid")
            }
        }
        let properties = ["id", "kind", "size", "ratio", "when", "day", "mail", "tags", "owner", "code", "forbidden"]
        let firstFields = Set(mutations.prefix(40).compactMap(\.field))
        #expect(Set(properties).isSubset(of: firstFields), "missing: \(Set(properties).subtracting(firstFields))")
        #expect(mutations.contains { $0.description == "day an impossible date (2025-02-30)" })
        #expect(mutations.contains { $0.description == "forbidden present, which the document forbids" })
    }

    @Test("A query parameter whose valid value is null is left out, not sent as the text 'null' (which the API rightly refuses)")
    func aNullQueryValueIsAbsent() throws {
        let text = #"""
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/events": {"get": {
              "parameters": [{"name": "status", "in": "query", "required": false,
                "schema": {"anyOf": [{"enum": ["active", "cancelled"]}, {"type": "null"}]}}],
              "responses": {"200": {"description": "ok"}}}}}}
            """#
        let api = try APIDocument(bytes: Array(text.utf8), source: "stub")
        let operation = try #require(api.operations.first)
        let cases = CaseGenerator(document: api, validator: JSONSchemaValidator(document: api.json, assertsFormats: true), seed: 1)
        var sent: Set<String> = []
        for index in 0..<40 { for (_, value) in cases.query(for: operation, index: index) { sent.insert(value) } }
        #expect(!sent.contains("null"))
        #expect(sent.isSubset(of: ["active", "cancelled"]) && !sent.isEmpty, "\(sent)")
    }
}

/// An ``APIDocument`` over a bare JSON value (no operations), for generator tests.
enum APIDocumentStub {
    static func make(_ json: JSONValue) -> APIDocument {
        var text = json.serialized()
        text.removeLast()
        text += #", "info": {"title": "t", "version": "1"}, "paths": {}}"#
        return try! APIDocument(bytes: Array(text.utf8), source: "stub")
    }
}
