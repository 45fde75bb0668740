import GauntletJSON
import Testing

@Suite("JSON Schema validation")
struct JSONSchemaValidatorTests {
    /// A slice of the Event API's OpenAPI 3.1 document.
    static let document: JSONValue = try! JSONValue(parsing: #"""
        {
          "openapi": "3.1.0",
          "components": {
            "schemas": {
              "EventStatus": { "type": "string", "enum": ["active", "cancelled", "completed"] },
              "Event": {
                "type": "object",
                "required": ["eventId", "title", "eventDate", "eventCapacity", "eventStatus", "createdAt"],
                "properties": {
                  "eventId": { "type": "string", "pattern": "^[A-Za-z0-9._:-]{1,128}$" },
                  "title": { "type": "string", "minLength": 1, "maxLength": 200 },
                  "eventDate": { "type": "string", "format": "date" },
                  "eventCapacity": { "type": "integer", "exclusiveMinimum": 0 },
                  "eventStatus": { "$ref": "#/components/schemas/EventStatus" },
                  "createdAt": { "type": "string", "format": "date-time" },
                  "updatedAt": { "type": "string", "format": "date-time" }
                }
              },
              "EventList": {
                "type": "object",
                "required": ["events"],
                "properties": { "events": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } } }
              },
              "Tree": {
                "type": "object",
                "properties": { "children": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } }, "name": { "type": "string" } },
                "additionalProperties": false
              },
              "LoopA": { "$ref": "#/components/schemas/LoopB" },
              "LoopB": { "$ref": "#/components/schemas/LoopA" },
              "a~b/c": { "const": 1 }
            }
          }
        }
        """#)

    /// Asserting formats, as the scenario runner's contract checks do.
    static let validator = JSONSchemaValidator(document: document, assertsFormats: true)

    static let event: JSONValue = [
        "eventId": "e-1", "title": "Launch", "eventDate": "2024-02-29", "eventCapacity": 500,
        "eventStatus": "active", "createdAt": "2024-11-07T10:30:00", "extra": true,
    ]

    @Test("a valid event passes")
    func validEvent() throws {
        #expect(try Self.validator.validate(Self.event, against: "#/components/schemas/Event") == [])
        #expect(try Self.validator.validate(["events": [Self.event, Self.event]], against: "#/components/schemas/EventList") == [])
    }

    @Test("every violation is collected with its instance and schema paths")
    func collectsAll() throws {
        var second = Self.event.objectValue!
        second["eventCapacity"] = "500"
        second["eventDate"] = "2024-02-30"
        second["eventStatus"] = "postponed"
        second["title"] = ""
        second["eventId"] = nil
        let violations = try Self.validator.validate(["events": [Self.event, .object(second)]], against: "#/components/schemas/EventList")
        let base = "#/components/schemas/Event"
        // In the order the schema lists its properties.
        #expect(violations == [
            SchemaViolation(instancePath: "$.events[1].title", schemaPath: "\(base)/properties/title/minLength", message: "expected at least 1 characters, got 0"),
            SchemaViolation(instancePath: "$.events[1].eventDate", schemaPath: "\(base)/properties/eventDate/format", message: "expected a date (YYYY-MM-DD), got \"2024-02-30\""),
            SchemaViolation(instancePath: "$.events[1].eventCapacity", schemaPath: "\(base)/properties/eventCapacity/type", message: "expected integer, got string \"500\""),
            SchemaViolation(instancePath: "$.events[1].eventStatus", schemaPath: "#/components/schemas/EventStatus/enum", message: "expected one of \"active\", \"cancelled\", \"completed\", got string \"postponed\""),
            SchemaViolation(instancePath: "$.events[1]", schemaPath: "\(base)/required", message: "missing required property \"eventId\""),
        ])
        #expect(violations[2].description == "$.events[1].eventCapacity: expected integer, got string \"500\" (\(base)/properties/eventCapacity/type)")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let keyword: String
        let schema: JSONValue
        let passing: [JSONValue]
        let failing: [JSONValue]
        var testDescription: String { keyword }
    }

    static let cases: [Case] = [
        Case(keyword: "type string", schema: ["type": "string"], passing: ["", "x"], failing: [1, nil, ["x"]]),
        Case(keyword: "type integer", schema: ["type": "integer"], passing: [1, -5, 500.0], failing: [1.5, "1", true]),
        Case(keyword: "type number", schema: ["type": "number"], passing: [1, 1.5], failing: ["1", nil]),
        Case(keyword: "type boolean", schema: ["type": "boolean"], passing: [true, false], failing: [0, "true"]),
        Case(keyword: "type null", schema: ["type": "null"], passing: [nil], failing: [0, false, ""]),
        Case(keyword: "type array", schema: ["type": "array"], passing: [[], [1]], failing: [[:], "[]"]),
        Case(keyword: "type object", schema: ["type": "object"], passing: [[:]], failing: [[], nil]),
        Case(keyword: "type list", schema: ["type": ["string", "null"]], passing: ["a", nil], failing: [1]),
        Case(keyword: "nullable", schema: ["type": "string", "nullable": true], passing: ["a", nil], failing: [1]),
        Case(keyword: "enum", schema: ["enum": ["a", 1, nil]], passing: ["a", 1, 1.0, nil], failing: ["b", 2, true]),
        Case(keyword: "const", schema: ["const": ["a": [1, 2]]], passing: [["a": [1, 2.0]]], failing: [["a": [2, 1]], ["a": [1, 2], "b": 0]]),
        Case(keyword: "minLength", schema: ["minLength": 2], passing: ["ab", "😀😀", 5], failing: ["a", "😀"]),
        Case(keyword: "maxLength", schema: ["maxLength": 2], passing: ["ab", "éé"], failing: ["abc", "e\u{301}e\u{301}"]),
        Case(keyword: "pattern", schema: ["pattern": "[0-9]{3}"], passing: ["a123b", 5], failing: ["12a"]),
        Case(keyword: "minimum", schema: ["minimum": 1], passing: [1, 1.5, "0"], failing: [0, 0.999]),
        Case(keyword: "maximum", schema: ["maximum": 10.5], passing: [10, 10.5], failing: [11, 10.6]),
        Case(keyword: "exclusiveMinimum", schema: ["exclusiveMinimum": 0], passing: [1, 0.1], failing: [0, -1, 0.0]),
        Case(keyword: "exclusiveMaximum", schema: ["exclusiveMaximum": 10], passing: [9, 9.99], failing: [10, 10.0]),
        Case(keyword: "exclusiveMinimum boolean (OpenAPI 3.0)", schema: ["minimum": 0, "exclusiveMinimum": true], passing: [1], failing: [0]),
        Case(keyword: "multipleOf", schema: ["multipleOf": 5], passing: [0, 10, -15, 25.0], failing: [12, 7.5]),
        Case(keyword: "multipleOf fraction", schema: ["multipleOf": 0.1], passing: [0.3, 1, 2.5], failing: [0.35]),
        Case(keyword: "items", schema: ["items": ["type": "integer"]], passing: [[], [1, 2]], failing: [[1, "2"]]),
        Case(keyword: "prefixItems", schema: ["prefixItems": [["type": "string"], ["type": "integer"]], "items": false], passing: [["a", 1], ["a"]], failing: [[1, 1], ["a", 1, 2]]),
        Case(keyword: "minItems", schema: ["minItems": 1], passing: [[1]], failing: [[]]),
        Case(keyword: "maxItems", schema: ["maxItems": 1], passing: [[], [1]], failing: [[1, 2]]),
        Case(keyword: "uniqueItems", schema: ["uniqueItems": true], passing: [[1, 2], [["a": 1], ["a": 2]]], failing: [[1, 1.0], [["a": 1], ["a": 1]]]),
        Case(keyword: "contains", schema: ["contains": ["type": "string"]], passing: [[1, "a"]], failing: [[1, 2], []]),
        Case(keyword: "properties", schema: ["properties": ["a": ["type": "integer"]]], passing: [[:], ["a": 1], ["b": "x"]], failing: [["a": "1"]]),
        Case(keyword: "required", schema: ["required": ["a", "b"]], passing: [["a": 1, "b": nil], "not an object"], failing: [["a": 1], [:]]),
        Case(keyword: "additionalProperties false", schema: ["properties": ["a": true], "additionalProperties": false], passing: [["a": 1]], failing: [["a": 1, "b": 2]]),
        Case(keyword: "additionalProperties schema", schema: ["properties": ["a": true], "additionalProperties": ["type": "string"]], passing: [["a": 1, "b": "x"]], failing: [["b": 2]]),
        Case(keyword: "patternProperties", schema: ["patternProperties": ["^x-": ["type": "string"]], "additionalProperties": false], passing: [["x-a": "s"]], failing: [["x-a": 1], ["y": "s"]]),
        Case(keyword: "minProperties", schema: ["minProperties": 1], passing: [["a": 1]], failing: [[:]]),
        Case(keyword: "maxProperties", schema: ["maxProperties": 1], passing: [["a": 1]], failing: [["a": 1, "b": 2]]),
        Case(keyword: "format date", schema: ["format": "date"], passing: ["2024-02-29", "2000-02-29", "1999-12-31", 7], failing: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-1-01", "2024-01-32", "2024-04-31", "20240101", "2024-01-01T00:00:00"]),
        Case(keyword: "format date-time", schema: ["format": "date-time"], passing: ["2024-11-07T10:30:00", "2024-11-07T10:30:00Z", "2024-11-07t10:30:00.123+02:00", "2016-12-31T23:59:60Z"], failing: ["2024-11-07", "2024-11-07 10:30:00", "2024-11-07T24:00:00", "2024-11-07T10:30:00+2", "2024-02-30T10:00:00Z", "2024-11-07T10:30:00.Z"]),
        Case(keyword: "format email", schema: ["format": "email"], passing: ["a@example.com", "first.last+tag@sub.example.org"], failing: ["a", "@example.com", "a@", "a@@b.com", "a b@c.com", ".a@b.com", "a@-b.com"]),
        Case(keyword: "format uuid", schema: ["format": "uuid"], passing: ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"], failing: ["123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"]),
        Case(keyword: "format unknown", schema: ["format": "hostname"], passing: ["anything at all"], failing: []),
        Case(keyword: "allOf", schema: ["allOf": [["type": "integer"], ["minimum": 2]]], passing: [2], failing: [1, "2"]),
        Case(keyword: "anyOf", schema: ["anyOf": [["type": "string"], ["type": "integer"]]], passing: ["a", 1], failing: [1.5, nil]),
        Case(keyword: "oneOf", schema: ["oneOf": [["type": "integer"], ["minimum": 2]]], passing: [1, 2.5], failing: [3, 1.5]),
        Case(keyword: "not", schema: ["not": ["type": "string"]], passing: [1], failing: ["a"]),
        Case(keyword: "if/then/else", schema: ["if": ["type": "integer"], "then": ["minimum": 0], "else": ["type": "string"]], passing: [1, "a"], failing: [-1, true]),
        Case(keyword: "true schema", schema: true, passing: [1, nil, [:]], failing: []),
        Case(keyword: "false schema", schema: false, passing: [], failing: [1, nil, [:]]),
        Case(keyword: "$defs and $ref", schema: ["$defs": ["positive": ["type": "integer", "minimum": 1]], "$ref": "#/$defs/positive"], passing: [1], failing: [0, "1"]),
        Case(keyword: "$ref into the document", schema: ["$ref": "#/components/schemas/EventStatus"], passing: ["active"], failing: ["gone"]),
        Case(keyword: "$ref with escaped pointer", schema: ["$ref": "#/components/schemas/a~0b~1c"], passing: [1], failing: [2]),
    ]

    @Test("each keyword passes and fails", arguments: JSONSchemaValidatorTests.cases)
    func keyword(_ testCase: Case) throws {
        for instance in testCase.passing {
            let violations = try Self.validator.validate(instance, schema: testCase.schema)
            #expect(violations == [], "\(instance.serialized()) should pass")
        }
        for instance in testCase.failing {
            let violations = try Self.validator.validate(instance, schema: testCase.schema)
            #expect(!violations.isEmpty, "\(instance.serialized()) should fail")
        }
    }

    @Test("format is an annotation unless format assertion is asked for")
    func formatAnnotation() throws {
        let annotating = JSONSchemaValidator(document: Self.document)
        #expect(try annotating.validate("2024-02-30", schema: ["format": "date"]) == [])
        #expect(try Self.validator.validate("2024-02-30", schema: ["format": "date"]).count == 1)
    }

    @Test("unimplemented keywords stop validation with an unsupported-keyword error", arguments: [
        (["$vocabulary": ["https://json-schema.org/draft/2020-12/vocab/core": true]] as JSONValue, "$vocabulary", "#/$vocabulary"),
        (["properties": ["a": ["dependencies": ["b": ["c"]]]]], "dependencies", "#/properties/a/dependencies"),
        (["additionalItems": false], "additionalItems", "#/additionalItems"),
        (["$schema": "http://json-schema.org/draft-07/schema#"], "$schema", "#/$schema"),
        (["$ref": "https://example.com/elsewhere.json"], "$ref", "#/$ref"),
    ] as [(JSONValue, String, String)])
    func unsupportedKeywords(schema: JSONValue, keyword: String, location: String) {
        let error = #expect(throws: JSONSchemaError.self) { try Self.validator.validate(["a": 1], schema: schema) }
        #expect(error?.unsupportedKeyword == keyword)
        #expect(error?.message.hasPrefix("unsupported keyword \"\(keyword)\" at \(location): ") == true, "\(String(describing: error))")
    }

    @Test("annotation keywords of OpenAPI and 2020-12 are accepted and ignored")
    func annotationKeywords() throws {
        let schema: JSONValue = [
            "$schema": "https://spec.openapis.org/oas/3.1/dialect/base", "title": "T", "description": "D", "examples": [1],
            "example": 1, "default": 0, "deprecated": true, "readOnly": true, "writeOnly": false, "$comment": "c",
            "discriminator": ["propertyName": "kind"], "xml": ["name": "x"], "externalDocs": ["url": "https://example.com"],
            "contentMediaType": "application/json", "x-internal": true, "type": "integer",
        ]
        #expect(try Self.validator.validate(1, schema: schema) == [])
        #expect(try Self.validator.validate("1", schema: schema).count == 1)
    }

    @Test("$id sets the base URI that $ref and $anchor resolve against")
    func identifiers() throws {
        let schema: JSONValue = [
            "$id": "https://example.com/root.json",
            "$defs": [
                "inner": ["$id": "nested/inner.json", "$defs": ["n": ["$anchor": "num", "type": "number"]], "$ref": "#num"],
            ],
            "properties": ["a": ["$ref": "nested/inner.json"], "b": ["$ref": "https://example.com/nested/inner.json#num"]],
        ]
        #expect(try Self.validator.validate(["a": 1, "b": 2], schema: schema) == [])
        #expect(try Self.validator.validate(["a": "x", "b": "y"], schema: schema).map(\.instancePath) == ["$.a", "$.b"])
    }

    @Test("unevaluatedProperties sees what allOf branches evaluated")
    func unevaluated() throws {
        let schema: JSONValue = ["allOf": [["properties": ["a": true]]], "unevaluatedProperties": false]
        #expect(try Self.validator.validate(["a": 1], schema: schema) == [])
        #expect(try Self.validator.validate(["a": 1, "b": 2], schema: schema).map(\.instancePath) == ["$.b"])
    }

    @Test("violations of nested keywords point into the schema")
    func nestedPaths() throws {
        let schema: JSONValue = ["properties": ["tags": ["items": ["type": "string"]], "x-y": ["const": 1]], "additionalProperties": false]
        let violations = try Self.validator.validate(["tags": ["a", 2], "x-y": 2, "zzz": 0], schema: schema)
        #expect(violations.map(\.instancePath) == ["$.tags[1]", "$['x-y']", "$.zzz"])
        #expect(violations.map(\.schemaPath) == ["#/properties/tags/items/type", "#/properties/x-y/const", "#/additionalProperties"])
        #expect(violations[2].message == "property \"zzz\" is not allowed")
    }

    @Test("anyOf and oneOf report once, naming the closest branch")
    func combinatorMessages() throws {
        let anyOf = try Self.validator.validate("x", schema: ["anyOf": [["type": "integer", "minLength": 5], ["type": "string", "minLength": 2]]])
        #expect(anyOf == [SchemaViolation(instancePath: "$", schemaPath: "#/anyOf", message: "expected a value matching at least one of 2 schemas (closest: $: expected at least 2 characters, got 1)")])
        let oneOf = try Self.validator.validate(3, schema: ["oneOf": [["type": "integer"], ["minimum": 2]]])
        #expect(oneOf.map(\.message) == ["expected a value matching exactly one of 2 schemas, it matches 2 (0, 1)"])
    }

    @Test("recursive references validate recursive data")
    func recursiveReference() throws {
        let tree: JSONValue = ["name": "root", "children": [["name": "a", "children": [["name": "b", "oops": 1]]]]]
        let violations = try Self.validator.validate(tree, against: "#/components/schemas/Tree")
        #expect(violations.map(\.instancePath) == ["$.children[0].children[0].oops"])
        #expect(violations.map(\.schemaPath) == ["#/components/schemas/Tree/additionalProperties"])
    }

    @Test("unusable schemas throw", arguments: [
        ("#/components/schemas/Nope", "reference #/components/schemas/Nope does not resolve in the document"),
        ("components/schemas/Event", "JSON Pointer 'components/schemas/Event' must be empty or start with '/'"),
        ("#/components/schemas/LoopA", "reference cycle: #/components/schemas/LoopB refers back to itself at $ without descending"),
    ])
    func unusableReferences(reference: String, message: String) {
        #expect(throws: JSONSchemaError(message)) {
            try Self.validator.validate(1, against: reference)
        }
    }

    @Test("malformed schemas throw", arguments: [
        (["type": 5] as JSONValue, 1 as JSONValue),
        (["type": "text"], 1),
        (["required": "a"], [:]),
        (["minLength": -1], "x"),
        (["maxItems": 1.5], []),
        (["pattern": "("], "x"),
        (["anyOf": []], 1),
        (["$ref": "http://example.com/schema"], 1),
        (["$ref": "#/nowhere"], 1),
        (["properties": ["a": 5]], ["a": 1]),
        ("a string is not a schema", 1),
    ] as [(JSONValue, JSONValue)])
    func malformedSchemas(schema: JSONValue, instance: JSONValue) {
        #expect(throws: JSONSchemaError.self) {
            try Self.validator.validate(instance, schema: schema)
        }
    }

    @Test("JSON Pointers resolve plain and fragment forms", arguments: [
        ("", JSONValue?.some(["a/b": ["~x": [10, 20]], "": 0, "%": 1])),
        ("/a~1b/~0x/1", 20),
        ("#/a~1b/~0x/0", 10),
        ("#/%25", 1),
        ("/", 0),
        ("/a~1b/~0x/01", nil),
        ("/a~1b/~0x/2", nil),
        ("/missing", nil),
    ] as [(String, JSONValue?)])
    func pointers(text: String, expected: JSONValue?) throws {
        let document: JSONValue = ["a/b": ["~x": [10, 20]], "": 0, "%": 1]
        #expect(try JSONPointer(text).resolve(in: document) == expected)
    }

    @Test("JSON Pointer syntax errors throw")
    func pointerErrors() {
        #expect(throws: JSONSchemaError.self) { try JSONPointer("/a~2") }
        #expect(throws: JSONSchemaError.self) { try JSONPointer("#/a%zz") }
        #expect(throws: JSONSchemaError.self) { try JSONPointer("a") }
    }
}
