import Foundation
import GauntletFuzz
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A document with one `User` schema for requests and answers, as many are written: its `id` is
/// `readOnly` (the server's), its `password` `writeOnly` (never given back), both required. A
/// deployment that refuses a create naming an `id` and never answers a `password` is correct:
/// the fuzzer sends neither `id` nor expects `password`, and proves a user its own by its name.
@Suite(.timeLimit(.minutes(1))) struct ReadOnlyWriteOnlyTests {
    /// Users by id (name and password), and every id a create was answered with.
    final class Deployment: Sendable {
        let users = Mutex<[String: (name: String, password: String)]>([:])
        let made = Mutex<[String]>([])
    }

    /// The Users API with `schemas` as its components, in OpenAPI `version`.
    static func document(version: String, schemas: String) -> String {
        #"""
        {
          "openapi": "\#(version)",
          "info": {"title": "Users", "version": "1"},
          "paths": {
            "/users": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                              "422": {"description": "Invalid"}}
              }
            },
            "/users/{userId}": {
              "parameters": [{"name": "userId", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {"responses": {"200": {"description": "The user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                                    "404": {"description": "Not found"}}},
              "put": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                "responses": {"200": {"description": "Updated", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                              "404": {"description": "Not found"}, "422": {"description": "Invalid"}}
              },
              "delete": {"responses": {"204": {"description": "Deleted"}, "404": {"description": "Not found"}}}
            }
          },
          "components": {"schemas": \#(schemas)}
        }
        """#
    }

    /// One `User` schema: its properties and `required` together, no other property allowed.
    static let plainSchemas = #"""
        {"User": {"type": "object", "additionalProperties": false, "required": ["id", "name", "password"],
                  "properties": {"id": {"type": "string", "readOnly": true},
                                 "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                 "password": {"$ref": "#/components/schemas/Password"}}},
         "Password": {"type": "string", "minLength": 12, "maxLength": 40, "writeOnly": true}}
        """#

    /// The same `User` as pydantic and hand-written documents spread it: `required` in an `allOf`
    /// member apart from the properties it names, each flag behind an `allOf` wrapper.
    static let spreadSchemas = #"""
        {"User": {"allOf": [{"$ref": "#/components/schemas/UserBase"}, {"required": ["id", "name", "password"]}]},
         "UserBase": {"type": "object",
                      "properties": {"id": {"allOf": [{"$ref": "#/components/schemas/Id"}]},
                                     "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                     "password": {"allOf": [{"$ref": "#/components/schemas/Password"}], "description": "Never given back"}}},
         "Id": {"type": "string", "readOnly": true},
         "Password": {"type": "string", "minLength": 12, "maxLength": 40, "writeOnly": true}}
        """#

    /// The same `User` with pydantic's `Optional` fields, each flag behind `anyOf: [{$ref: …},
    /// {type: null}]`: a `null` password is a valid one.
    static let optionalSchemas = #"""
        {"User": {"type": "object", "additionalProperties": false, "required": ["id", "name", "password"],
                  "properties": {"id": {"anyOf": [{"$ref": "#/components/schemas/Id"}, {"type": "null"}]},
                                 "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                 "password": {"anyOf": [{"$ref": "#/components/schemas/Password"}, {"type": "null"}]}}},
         "Id": {"type": "string", "readOnly": true},
         "Password": {"type": "string", "minLength": 12, "maxLength": 40, "writeOnly": true}}
        """#

    /// 3.0's nullable reference, `{allOf: [{$ref: Password}], nullable: true}`, as springdoc writes
    /// it: a `null` password is a valid one.
    static let nullableSchemas = #"""
        {"User": {"type": "object", "additionalProperties": false, "required": ["id", "name", "password"],
                  "properties": {"id": {"$ref": "#/components/schemas/Id"},
                                 "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                 "password": {"allOf": [{"$ref": "#/components/schemas/Password"}], "nullable": true}}},
         "Id": {"type": "string", "readOnly": true},
         "Password": {"type": "string", "minLength": 12, "maxLength": 40, "writeOnly": true}}
        """#

    /// A `User` that is one of two kinds, each naming the readOnly id and writeOnly password: a
    /// member also sends a writeOnly `invite`, which the deployment ignores.
    static let alternativeSchemas = #"""
        {"User": {"anyOf": [{"$ref": "#/components/schemas/Person"}, {"$ref": "#/components/schemas/Member"}]},
         "Person": {"type": "object", "required": ["id", "name", "password"],
                    "properties": {"id": {"$ref": "#/components/schemas/Id"},
                                   "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                   "password": {"$ref": "#/components/schemas/Password"}}},
         "Member": {"type": "object", "required": ["id", "name", "password", "invite"],
                    "properties": {"id": {"$ref": "#/components/schemas/Id"},
                                   "name": {"type": "string", "minLength": 8, "maxLength": 30},
                                   "password": {"$ref": "#/components/schemas/Password"},
                                   "invite": {"type": "string", "minLength": 6, "maxLength": 20, "writeOnly": true}}},
         "Id": {"type": "string", "readOnly": true},
         "Password": {"type": "string", "minLength": 12, "maxLength": 40, "writeOnly": true}}
        """#

    /// How the stub reads a create: `strict` refuses members beyond name and password (else it
    /// ignores them, as nothing forbids them), `nullPassword` takes a `null` password.
    struct Rules: Sendable {
        var strict = true
        var nullPassword = false
    }

    /// The documents a correct deployment is judged by: 3.1; 3.0, which OpenAPIKit converts with a
    /// `minProperties` that counts the required properties; the spread schemas; pydantic's
    /// `Optional` fields; 3.0's nullable reference; and a user of two kinds.
    static let documents: [(name: String, text: String, rules: Rules)] = [
        ("3.1", document(version: "3.1.0", schemas: plainSchemas), Rules()),
        ("3.0", document(version: "3.0.3", schemas: plainSchemas), Rules()),
        ("allOf", document(version: "3.1.0", schemas: spreadSchemas), Rules(strict: false)),
        ("Optional", document(version: "3.1.0", schemas: optionalSchemas), Rules(nullPassword: true)),
        ("nullable 3.0", document(version: "3.0.3", schemas: nullableSchemas), Rules(nullPassword: true)),
        ("anyOf", document(version: "3.1.0", schemas: alternativeSchemas), Rules(strict: false)),
    ]

    /// The checks about bodies and items (the stub's router answers undocumented methods and
    /// oversized bodies, 413, on its own, which is no matter here).
    static let checks: Set<FuzzCheck> = [
        .responseSchemaConformance, .positiveDataAcceptance, .negativeDataRejection, .ensureResourceAvailability,
        .updateIsReadBack, .useAfterFree,
    ]

    /// `{"name": …, "password": …}`, both in bounds (or, by `rules`, a `null` password, kept as
    /// ""), and (`strict`) nothing else; never an `id`; else nil.
    static func user(_ request: Request, rules: Rules) async throws -> (name: String, password: String)? {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        guard case .object(let body)? = try? JSONValue(parsing: Array(buffer: bytes)), !rules.strict || body.count == 2, body["id"] == nil,
            case .string(let name)? = body["name"], (8...30).contains(name.count)
        else { return nil }
        switch body["password"] {
        case .string(let password)? where (12...40).contains(password.count): return (name, password)
        case .null? where rules.nullPassword: return (name, "")
        default: return nil
        }
    }

    /// The user as answered: its id and name, never its password.
    static func answer(_ status: HTTPResponse.Status, id: String, name: String) -> Response {
        let body = JSONValue.object(["id": .string(id), "name": .string(name)]).serialized()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Stores each valid create under a UUID of its own; a body naming an `id` is refused (422).
    static func application(_ deployment: Deployment, rules: Rules) -> some ApplicationProtocol {
        let router = Router()
        router.post("users") { request, _ -> Response in
            guard let user = try await Self.user(request, rules: rules) else { return Response(status: .unprocessableContent) }
            let id = UUID().uuidString.lowercased()
            deployment.users.withLock { $0[id] = user }
            deployment.made.withLock { $0.append(id) }
            return Self.answer(.created, id: id, name: user.name)
        }
        router.get("users/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let user = deployment.users.withLock({ $0[id] }) else { return Response(status: .notFound) }
            return Self.answer(.ok, id: id, name: user.name)
        }
        router.put("users/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            guard let user = try await Self.user(request, rules: rules) else { return Response(status: .unprocessableContent) }
            let stored = deployment.users.withLock { users -> Bool in
                guard users[id] != nil else { return false }
                users[id] = user
                return true
            }
            return stored ? Self.answer(.ok, id: id, name: user.name) : Response(status: .notFound)
        }
        router.delete("users/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            return Response(status: deployment.users.withLock { $0.removeValue(forKey: id) } == nil ? .notFound : .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("A correct deployment of a schema with a readOnly id and a writeOnly password: nothing found, nothing left behind", arguments: documents)
    func readOnlyAndWriteOnlyPropertiesAreReadAsOpenAPISays(name: String, text: String, rules: Rules) async throws {
        let deployment = Deployment()
        let document = try APIDocument(bytes: Array(text.utf8), source: "users.json")
        let result = try await Self.application(deployment, rules: rules).test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5, timeLimit: .seconds(40), checks: Self.checks, runID: "users")
            return await Fuzzer(document: document, settings: settings).run()
        }
        #expect(deployment.made.withLock { $0.count } >= 3, "the run made users")
        #expect(result.findings.map(\.key) == [])
        // Each rule was judged, not skipped: the users the run made were proved its own by their names.
        for check in [FuzzCheck.positiveDataAcceptance, .negativeDataRejection, .ensureResourceAvailability, .updateIsReadBack, .useAfterFree] {
            #expect((result.tallies[check]?.values.map(\.passed).reduce(0, +) ?? 0) > 0, "\(check)")
        }
        #expect(result.leftBehind == [])
        #expect(deployment.users.withLock { $0 }.isEmpty, "the cleanup deleted every user")
    }
}
