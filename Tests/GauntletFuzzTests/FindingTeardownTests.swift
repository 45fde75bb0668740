import Foundation
import GauntletAPI
import GauntletCLI
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletFuzz

/// A finding file's teardown deletes only what its replay created, at the address the run used.
@Suite(.timeLimit(.minutes(3))) struct FindingTeardownTests {
    /// Another team's event, valid by the contract.
    static func otherTeamsEvent(_ id: String) -> [UInt8] {
        Array(#"{"eventId":"\#(id)","title":"Team B keynote","description":"other team data","date":"2025-01-01","location":"x","capacity":5,"organizer":"Team B","status":"active"}"#.utf8)
    }

    /// The literal (not templated) event ids a finding file's creates carry.
    static func literalIDs(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\\"eventId\\":\\"([^\\"]+)\\""#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }.filter { !$0.contains("{{") }
    }

    @Test("A replay whose literal id is another team's fails, and leaves that team's item alone; on a free table it deletes its own")
    func anotherTeamsItemIsNeverTouched() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: [.noCORS])) { broken in
            #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", broken, "--seed", "1", "--max-examples", "5", "--report-dir", folder]) == 1)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/findings").filter { $0.hasSuffix(".yaml") }
        let withLiteral = try files.compactMap { file -> (String, String)? in
            let text = try String(contentsOfFile: folder + "/findings/" + file, encoding: .utf8)
            return Self.literalIDs(in: text).first.map { (folder + "/findings/" + file, $0) }
        }
        let (file, id) = try #require(withLiteral.first, "a finding whose create uses the minimal id: \(files)")
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: [.noCORS])) { shared in
            let put = try await CurlClient.shared.execute(RequestSpec(
                method: "POST", url: shared + "/events", headers: [HTTPHeader("Content-Type", "application/json")], body: Self.otherTeamsEvent(id)))
            #expect(put.response.status == 201)
            let status = await Gauntlet.run(arguments: ["run", file, "--base-url", shared, "--report-dir", folder + "/replay"])
            #expect(status == 1, "a replay that cannot show the rule does not pass")
            let after = try await CurlClient.shared.execute(RequestSpec(url: shared + "/events/" + FuzzRequest.encode(id)))
            #expect(after.response.status == 200)
            #expect(after.response.bodyText.contains("Team B keynote"))
        }
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { correct in
            #expect(await Gauntlet.run(arguments: ["run", file, "--base-url", correct, "--report-dir", folder + "/replay"]) == 0)
            let left = try await FuzzTarget.eventIDs(at: correct)
            #expect(left == [], "the replay deleted what it made")
        }
    }

    @Test("Teardown paths are percent-encoded as the run sent them, the run's ids templated, literal ones deleted only when created")
    func teardownPathsAreEncoded() throws {
        let create = { (id: String) in
            FindingStep(name: "create", request: FuzzRequest(method: "POST", path: "/events", body: .json(["eventId": .string(id)])), expectations: [.given("2xx")])
        }
        let finding = Finding(
            check: .responseSchemaConformance, operation: "GET /events", status: 200, message: "bad list", input: "a list",
            steps: [create("fuzz-r-1 x"), create("legacy #1"), FindingStep(name: "list", request: FuzzRequest(method: "GET", path: "/events"), expectations: [])],
            resourceIDs: ["fuzz-r-1"], shrunkBy: 0)
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        result.resources = [FindingFile.Resource(itemPath: "/events/{eventId}", createPath: "/events", idField: "eventId")]
        let text = FindingFile(finding, of: result).text
        #expect(text.contains(#"request: { method: DELETE, path: "/events/{{id_1}}%20x" }"#), "\(text)")
        #expect(text.contains(#"request: { method: DELETE, path: "/events/legacy%20%231" }"#), "\(text)")
        #expect(text.contains("when: { created_2: { one_of: [200, 201, 202, 203, 204] } }"), "\(text)")
        #expect(text.contains("capture: { created_2: { status: true, optional: true } }"), "\(text)")
        let file = try ScenarioLoader.parse(yaml: text, path: "finding.yaml")
        #expect(file.teardown.count == 4)
        #expect(file.scenarios.first?.steps.count == 4, "the literal id is checked free first")
    }
}
