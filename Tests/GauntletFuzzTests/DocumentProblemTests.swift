import Foundation
import GauntletAPI
import GauntletCLI
import GauntletFuzz
import Testing

/// A document fuzzing cannot use whole (a `$ref` that points nowhere) is said, and fails the
/// run: what the reference touches would otherwise go untested in silence.
@Suite(.timeLimit(.minutes(1))) struct DocumentProblemTests {
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Events", "version": "1"},
          "paths": {
            "/events": {
              "get": {"responses": {"200": {"description": "All", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventList"}}}}}},
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventInput"}}}},
                "responses": {"201": {"description": "Created"}, "400": {"description": "Invalid"}}
              }
            }
          },
          "components": {"schemas": {"Unused": {"type": "string", "example": {"$ref": "not a reference"}}}}
        }
        """#

    @Test("Each $ref that does not resolve is a document problem: named on the console and in fuzz.json, and the run fails")
    func danglingReferencesFailTheRun() async throws {
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "badref.json")
        #expect(document.problems == [
            "the $ref #/components/schemas/EventList at #/paths/~1events/get/responses/200/content/application~1json/schema does not resolve: nothing in the document has that pointer",
            "the $ref #/components/schemas/EventInput at #/paths/~1events/post/requestBody/content/application~1json/schema does not resolve: nothing in the document has that pointer",
        ])
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.document.utf8).write(to: URL(fileURLWithPath: folder + "/openapi.json"))
        let status = try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { baseURL in
            await Gauntlet.run(arguments: ["fuzz", "--base-url", baseURL, "--openapi", folder + "/openapi.json", "--seed", "1", "--max-examples", "2", "--report-dir", folder])
        }
        #expect(status == 1)
        let report = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: folder + "/fuzz.json") ?? Data()) as? [String: Any]
        let problems = report?["documentProblems"] as? [String] ?? []
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("POST /events: no valid request body") })
        #expect(report?["passed"] as? Bool == false)
        let junit = String(decoding: FileManager.default.contents(atPath: folder + "/fuzz-junit.xml") ?? Data(), as: UTF8.self)
        #expect(junit.contains(#"type="document""#))
    }

    @Test("A percent-encoded $ref resolves; a broken one nothing uses, or in an x- extension, is no problem")
    func onlyWhatTheOperationsUseIsAProblem() throws {
        let document = try APIDocument(bytes: Array(#"""
            {
              "openapi": "3.1.0",
              "info": {"title": "Events", "version": "1"},
              "paths": {
                "/events/{eventId}": {
                  "get": {"parameters": [{"$ref": "#/components/parameters/Id"}], "responses": {"200": {"description": "One"}}},
                  "x-tooling": {"$ref": "#/nowhere"}
                },
                "/again": {"get": {"responses": {"200": {"$ref": "#/paths/~1events~1%7BeventId%7D/get/responses/200"}}}}
              },
              "components": {
                "parameters": {"Id": {"name": "eventId", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Node"}}},
                "schemas": {
                  "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
                  "Unused": {"$ref": "#/components/schemas/Gone"}
                }
              }
            }
            """#.utf8), source: "refs.json")
        #expect(document.problems == [])
    }
}
