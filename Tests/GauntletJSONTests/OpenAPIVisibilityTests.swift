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

    /// The same user spread as documents spread it: `required` in an `allOf` member apart from
    /// the properties it names, each flag behind an `allOf` wrapper, and the `minProperties`
    /// OpenAPIKit writes when it converts a 3.0 document; a profile nested in it.
    static let spread: JSONValue = try! JSONValue(parsing: #"""
        {
          "openapi": "3.1.0",
          "components": {"schemas": {
            "User": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"required": ["id", "name", "password"], "minProperties": 3}]},
            "Base": {"type": "object", "properties": {
              "id": {"allOf": [{"$ref": "#/components/schemas/Id"}]}, "name": {"type": "string"},
              "password": {"allOf": [{"$ref": "#/components/schemas/Password"}], "description": "never given back"},
              "profile": {"type": "object", "properties": {"pin": {"type": "string", "writeOnly": true}, "bio": {"type": "string"}}},
              "tags": {"type": "array", "items": {"type": "object", "properties": {"secret": {"type": "string", "writeOnly": true}, "label": {"type": "string"}}}}}},
            "Id": {"type": "string", "readOnly": true},
            "Password": {"type": "string", "writeOnly": true}
          }}
        }
        """#)

    @Test("A required list apart from its properties, flags behind allOf wrappers and a minProperties that counted them are read each way")
    func spreadSchemasAreReadEachWay() throws {
        let request = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.spread, for: .request))
        let response = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.spread, for: .response))
        #expect(try request.validate(["name": "Ada Lovelace", "password": "correct horse"], against: Self.user).isEmpty)
        #expect(try response.validate(["id": "u-1", "name": "Ada Lovelace"], against: Self.user).isEmpty)
        #expect(try !response.validate(["name": "Ada Lovelace", "password": "x"], against: Self.user).isEmpty, "an answer without its id")
    }

    @Test("What a read can give back of a create: its writeOnly members and those the schema does not name gone, at any depth, in arrays too")
    func writeOnlyMembersAreLeftOutOfWhatIsReadBack() throws {
        let requests = OpenAPIVisibility.document(Self.spread, for: .request)
        let user = try #require(try JSONPointer(Self.user).resolve(in: requests))
        let sent: JSONValue = [
            "name": "Ada", "password": "correct horse", "extra": "dropped",
            "profile": ["pin": "1234", "bio": "Analyst"], "tags": [["secret": "s", "label": "math"]],
        ]
        let readable = OpenAPIVisibility.givenBack(of: sent, schema: user, validator: JSONSchemaValidator(document: requests))
        #expect(readable == ["name": "Ada", "profile": ["bio": "Analyst"], "tags": [["label": "math"]]])
    }

    /// pydantic's `Optional` fields, each flag behind `anyOf: [{$ref: …}, {type: null}]` (a `pin`'s
    /// `null` behind a `$ref` too), and a `nickname` only one of whose alternatives is readOnly.
    static let optional: JSONValue = try! JSONValue(parsing: #"""
        {
          "openapi": "3.1.0",
          "components": {"schemas": {
            "User": {"type": "object", "required": ["id", "name", "password", "nickname", "pin"],
                     "properties": {"id": {"anyOf": [{"$ref": "#/components/schemas/Id"}, {"type": "null"}]}, "name": {"type": "string"},
                                    "password": {"anyOf": [{"$ref": "#/components/schemas/Password"}, {"type": "null"}]},
                                    "nickname": {"anyOf": [{"type": "string", "readOnly": true}, {"type": "integer"}]},
                                    "pin": {"anyOf": [{"$ref": "#/components/schemas/Password"}, {"$ref": "#/components/schemas/Null"}]}}},
            "Null": {"type": "null"},
            "Id": {"type": "string", "readOnly": true},
            "Password": {"type": "string", "writeOnly": true}
          }}
        }
        """#)

    @Test("A flag behind Optional's anyOf with null is read each way; one alternative's flag alone hides nothing")
    func optionalFlagsAreReadEachWay() throws {
        let request = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.optional, for: .request))
        let response = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.optional, for: .response))
        #expect(try request.validate(["name": "Ada Lovelace", "password": "correct horse", "nickname": 7, "pin": "1234"], against: Self.user).isEmpty)
        #expect(try response.validate(["id": "u-1", "name": "Ada Lovelace", "nickname": "ada"], against: Self.user).isEmpty)
        #expect(try !request.validate(["name": "Ada Lovelace", "password": "correct horse", "pin": "1234"], against: Self.user).isEmpty, "a create without its nickname")
        #expect(try !response.validate(["name": "Ada Lovelace", "nickname": "ada"], against: Self.user).isEmpty, "an answer without its id")
    }

    /// A user of two kinds (`oneOf`), the writeOnly members inside each, and `Optional` nested
    /// members: a profile object and a list of tags.
    static let alternatives: JSONValue = try! JSONValue(parsing: #"""
        {
          "openapi": "3.1.0",
          "components": {"schemas": {
            "User": {"oneOf": [{"$ref": "#/components/schemas/Person"},
                               {"type": "object", "properties": {"serial": {"type": "integer"}, "token": {"type": "string", "writeOnly": true}}}]},
            "Person": {"type": "object", "properties": {
              "name": {"type": "string"}, "password": {"type": "string", "writeOnly": true},
              "profile": {"anyOf": [{"$ref": "#/components/schemas/Profile"}, {"type": "null"}]},
              "tags": {"anyOf": [{"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}, {"type": "null"}]}}},
            "Profile": {"type": "object", "properties": {"pin": {"type": "string", "writeOnly": true}, "bio": {"type": "string"}}},
            "Tag": {"type": "object", "properties": {"secret": {"type": "string", "writeOnly": true}, "label": {"type": "string"}}}
          }}
        }
        """#)

    @Test("What a read can give back leaves out the writeOnly members of every alternative, Optional nested members' too")
    func writeOnlyMembersOfAlternativesAreLeftOut() throws {
        let requests = OpenAPIVisibility.document(Self.alternatives, for: .request)
        let user = try #require(try JSONPointer(Self.user).resolve(in: requests))
        let sent: JSONValue = [
            "name": "Ada", "password": "correct horse", "serial": 7, "token": "t",
            "profile": ["pin": "1234", "bio": "Analyst"], "tags": [["secret": "s", "label": "math"]],
        ]
        let readable = OpenAPIVisibility.givenBack(of: sent, schema: user, validator: JSONSchemaValidator(document: requests))
        #expect(readable == ["name": "Ada", "serial": 7, "profile": ["bio": "Analyst"], "tags": [["label": "math"]]])
    }

    /// Logins of kinds told apart by `kind`, the `secret` required beside the alternatives: a
    /// password login's is writeOnly, a key login's shown, a token login's a writeOnly `Password`;
    /// a `GroupedLogin` has the key and token logins as alternatives within one. A `Credential`
    /// shows its `secret` but for a password credential, which marks it writeOnly. A `Profile`
    /// whose own `password` stands beside the writeOnly one of the `Base` it extends.
    static func logins(passwordFirst: Bool) -> JSONValue {
        let kinds = ["PasswordLogin", "KeyLogin", "TokenLogin"]
        let alternatives = (passwordFirst ? kinds : kinds.reversed()).map { ##"{"$ref": "#/components/schemas/\##($0)"}"## }.joined(separator: ", ")
        return try! JSONValue(parsing: #"""
            {
              "openapi": "3.1.0",
              "components": {"schemas": {
                "Login": {"type": "object", "required": ["kind", "name", "secret"], "properties": {"name": {"type": "string"}},
                          "oneOf": [\#(alternatives)], "discriminator": {"propertyName": "kind"}},
                "PasswordLogin": {"properties": {"kind": {"const": "password"}, "secret": {"type": "string", "writeOnly": true}}},
                "KeyLogin": {"properties": {"kind": {"const": "key"}, "secret": {"type": "string"}}},
                "TokenLogin": {"properties": {"kind": {"const": "token"}, "secret": {"$ref": "#/components/schemas/Password"}}},
                "GroupedLogin": {"type": "object", "required": ["kind", "secret"],
                                 "oneOf": [{"$ref": "#/components/schemas/PasswordLogin"},
                                           {"oneOf": [{"$ref": "#/components/schemas/KeyLogin"}, {"$ref": "#/components/schemas/TokenLogin"}]}]},
                "Password": {"type": "string", "writeOnly": true},
                "Credential": {"type": "object", "required": ["kind", "secret"], "properties": {"kind": {"type": "string"}, "secret": {"type": "string"}},
                               "oneOf": [{"properties": {"kind": {"const": "password"}, "secret": {"writeOnly": true}}},
                                         {"properties": {"kind": {"const": "api"}}}]},
                "Profile": {"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"password": {"type": "string"}}},
                "Base": {"type": "object", "properties": {"password": {"type": "string", "writeOnly": true}, "bio": {"type": "string"}}}
              }}
            }
            """#)
    }

    @Test("A secret writeOnly for some kinds of login only is asked of the other kinds' answers, whichever alternative comes first", arguments: [true, false])
    func aPropertyHiddenInSomeAlternativesIsRequiredOfTheOthers(passwordFirst: Bool) throws {
        let response = JSONSchemaValidator(document: OpenAPIVisibility.document(Self.logins(passwordFirst: passwordFirst), for: .response))
        let login = "#/components/schemas/Login"
        #expect(try response.validate(["kind": "password", "name": "ada"], against: login).isEmpty)
        #expect(try response.validate(["kind": "token", "name": "ada"], against: login).isEmpty, "a token's secret is a writeOnly Password")
        #expect(try response.validate(["kind": "key", "name": "ada", "secret": "s3"], against: login).isEmpty)
        #expect(try !response.validate(["kind": "key", "name": "ada"], against: login).isEmpty, "a key login answered without its secret")
        // Within an alternative, alternatives that differ leave the secret free (the lenient reading).
        #expect(try response.validate(["kind": "token"], against: "#/components/schemas/GroupedLogin").isEmpty)
        let credential = "#/components/schemas/Credential"
        #expect(try response.validate(["kind": "password"], against: credential).isEmpty, "an alternative marks the shown secret writeOnly")
        #expect(try !response.validate(["kind": "api"], against: credential).isEmpty, "an API credential answered without its secret")
    }

    @Test("What a read gives back holds what the alternative the body took shows, and leaves out what any schema that applies marks writeOnly")
    func theAlternativeTakenDecidesAndWriteOnlyAddsUp() throws {
        let requests = OpenAPIVisibility.document(Self.logins(passwordFirst: true), for: .request)
        let validator = JSONSchemaValidator(document: requests)
        func givenBack(_ sent: JSONValue, as name: String) throws -> JSONValue {
            let schema = try #require(try JSONPointer("#/components/schemas/\(name)").resolve(in: requests))
            return OpenAPIVisibility.givenBack(of: sent, schema: schema, validator: validator)
        }
        let key: JSONValue = ["kind": "key", "name": "ada", "secret": "s3"]
        #expect(try givenBack(key, as: "Login") == key)
        #expect(try givenBack(["kind": "password", "name": "ada", "secret": "s3"], as: "Login") == ["kind": "password", "name": "ada"])
        #expect(try givenBack(["kind": "token", "name": "ada", "secret": "s3"], as: "Login") == ["kind": "token", "name": "ada"])
        #expect(try givenBack(["kind": "api", "secret": "s3"], as: "Credential") == ["kind": "api", "secret": "s3"])
        #expect(try givenBack(["kind": "password", "secret": "s3"], as: "Credential") == ["kind": "password"])
        #expect(try givenBack(["password": "p", "bio": "Analyst"], as: "Profile") == ["bio": "Analyst"], "Base's writeOnly holds for a Profile too")
    }

    /// springdoc's inheritance: `Pet` is one of its subtypes, each `allOf: [{$ref: Pet}, …]`.
    static let pets: JSONValue = {
        let kinds = ["Cat", "Dog", "Bird", "Fish", "Frog"]
        let subtypes = kinds.map { kind in
            ##""\##(kind)": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"properties": {"petType": {"const": "\##(kind)"}, "chip": {"type": "string", "writeOnly": true}}}]}"##
        }
        let oneOf = kinds.map { ##"{"$ref": "#/components/schemas/\##($0)"}"## }.joined(separator: ", ")
        return try! JSONValue(parsing: #"""
            {"openapi": "3.1.0", "components": {"schemas": {
              "Pet": {"type": "object", "required": ["petType", "name", "chip"], "properties": {"petType": {"type": "string"}, "name": {"type": "string"}},
                      "oneOf": [\#(oneOf)], "discriminator": {"propertyName": "petType"}},
              \#(subtypes.joined(separator: ",\n"))
            }}}
            """#)
    }()

    @Test("Subtypes that refer back to the schema holding them are read once round", .timeLimit(.minutes(1)))
    func subtypesReferringBackAreReadOnceRound() throws {
        let pet = try JSONPointer("#/components/schemas/Pet/required")
        // Every subtype marks the chip writeOnly: answers need not carry it, requests must.
        #expect(pet.resolve(in: OpenAPIVisibility.document(Self.pets, for: .response)) == ["petType", "name"])
        #expect(pet.resolve(in: OpenAPIVisibility.document(Self.pets, for: .request)) == ["petType", "name", "chip"])
    }
}
