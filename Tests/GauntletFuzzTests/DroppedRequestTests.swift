import Foundation
import GauntletCLI
import GauntletJSON
import Testing

@testable import GauntletFuzz

/// A deployment that closes the connection without answering one input (a crash) is a
/// `not_a_server_error` finding of its own, with a finding file, in `fuzz.json` and in JUnit,
/// not only an unanswered request under "No failures found.".
@Suite(.timeLimit(.minutes(1))) struct DroppedRequestTests {
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Names", "version": "1"},
          "paths": {
            "/names": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 10}}
                }}}},
                "responses": {"201": {"description": "Created"}, "422": {"description": "Invalid"}}
              }
            }
          }
        }
        """#

    @Test("A request answered by a closed connection is a not_a_server_error finding with its file")
    func droppedRequestIsAFinding() async throws {
        let server = try DroppingServer()
        defer { server.stop() }
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.document.utf8).write(to: URL(fileURLWithPath: folder + "/openapi.json"))
        let status = await Gauntlet.run(arguments: [
            "fuzz", "--base-url", "http://127.0.0.1:\(server.port)", "--openapi", folder + "/openapi.json", "--seed", "1",
            "--max-examples", "3", "--checks", "not_a_server_error", "--report-dir", folder + "/reports",
        ])
        #expect(status == 1)
        let files = FileManager.default.enumerator(atPath: folder + "/reports")?.compactMap { $0 as? String } ?? []
        #expect(files.contains("findings/not_a_server_error-POST-names-x.yaml"), "\(files)")
        let json = String(decoding: FileManager.default.contents(atPath: folder + "/reports/fuzz.json") ?? Data(), as: UTF8.self)
        #expect(json.contains("closed without one"), "\(json.prefix(3000))")
        let junit = String(decoding: FileManager.default.contents(atPath: folder + "/reports/fuzz-junit.xml") ?? Data(), as: UTF8.self)
        #expect(junit.contains("closed without one"), "\(junit.prefix(3000))")
    }

    @Test("The finding keeps the request that was dropped, without a status")
    func findingHoldsTheDroppedRequest() async throws {
        let server = try DroppingServer()
        defer { server.stop() }
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "names.json")
        let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(server.port)", seed: 1, maxExamples: 3, checks: [.notAServerError], runID: "drop")
        let result = await Fuzzer(document: document, settings: settings).run()
        let finding = try #require(result.findings.first, "\(result.transportErrors)")
        #expect(result.findings.count == 1)
        #expect(finding.key == "not_a_server_error POST /names -")
        let name = finding.steps.last?.request.jsonBody?["name"]?.stringValue ?? ""
        #expect(name.unicodeScalars.contains { !$0.isASCII }, "\(finding.steps.last?.request.line ?? "")")
        #expect(finding.curlCommand(in: result).contains("/names"))
        #expect(!result.passed)
    }
}
