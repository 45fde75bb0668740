import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletReports
import Testing

@testable import GauntletFuzz

/// The fuzz reports: JUnit that CI tools read (valid against the JUnit schema, one case per
/// check per operation, the run's own cases failing when it was incomplete), fuzz.json, and no
/// secret anywhere.
@Suite struct FuzzReportWriterTests {
    static func result() -> FuzzResult {
        var result = FuzzResult(documentSource: "http://127.0.0.1:9/openapi.json", baseURL: "http://127.0.0.1:9", seed: 4, runID: "gabc", startedAt: Date())
        result.count(.notAServerError, "GET /events", failure: nil)
        result.count(.notAServerError, "POST /events", failure: "answered 500: <boom> & \"quotes\"")
        result.count(.notAServerError, "POST /events", failure: "answered 500 again")
        result.count(.negativeDataRejection, "POST /events", failure: nil)
        let request = FuzzRequest(method: "POST", path: "/events", body: .json(["eventId": "fuzz-gabc-1", "token": "sk-secret-value"]))
        result.findings = [Finding(
            check: .notAServerError, operation: "POST /events", status: 500, message: "answered 500: <boom>", input: "a valid request",
            steps: [FindingStep(name: "the request", request: request, expectations: [.status(["1xx", "2xx", "3xx", "4xx"])])],
            resourceIDs: ["fuzz-gabc-1"], shrunkBy: 2)]
        result.ending = .timeLimit("POST /events")
        result.unanswered = 1
        result.transportErrors = ["GET /events: connection refused"]
        result.leftBehind = ["/events/fuzz-gabc-1"]
        return result
    }

    @Test("JUnit: valid against the schema, a case per check per operation, the run's own cases")
    func junit() throws {
        let xml = FuzzReportWriter.junit(Self.result())
        try XMLLint.validate(xml)
        #expect(xml.contains(#"<testcase name="not_a_server_error: POST /events""#))
        #expect(xml.contains(#"type="not_a_server_error""#))
        #expect(xml.contains("(and 1 more)"))
        #expect(xml.contains(#"<testcase name="negative_data_rejection: POST /events""#))
        for failing in ["incomplete", "transport", "left_behind"] { #expect(xml.contains(#"type="\#(failing)""#)) }
        // 1 check failure + the three run cases.
        #expect(xml.contains(#"failures="4""#))
    }

    @Test("fuzz.json, the finding file and the JUnit file never hold a secret")
    func filesWithoutSecrets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let document = try APIDocument(bytes: Array(#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#.utf8), source: "t")
        let written = try FuzzReportWriter.write(
            Self.result(), document: document, directory: folder, junitPath: folder + "/fuzz-junit.xml", secrets: ["sk-secret-value"])
        #expect(written.findingFiles.count == 1)
        for path in [written.json, written.junit] + written.findingFiles {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains("sk-secret-value"), "\(path)")
        }
        // The failed case reproduces its finding with curl and names its scenario file, relative.
        let junit = try String(contentsOfFile: written.junit, encoding: .utf8)
        #expect(junit.contains("reproduce: curl "))
        #expect(junit.contains("finding: findings/"))
        let link = try #require(junit.components(separatedBy: "finding: ").dropFirst().first?.prefix { $0 != "\n" && $0 != "<" })
        #expect(FileManager.default.fileExists(atPath: folder + "/" + link), "\(link)")
        let json = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: written.json))))
        #expect(json["passed"] == false)
        #expect(json["ending"] == "time limit")
        #expect(json["unanswered"] == 1)
        #expect(json["failures"]?[0]?["check"] == "not_a_server_error")
        #expect(json["failures"]?[0]?["shrunkBy"] == 2)
        #expect(json["checks"]?["not_a_server_error"]?["POST /events"]?["failed"] == 2)
        let finding = try String(contentsOfFile: written.findingFiles[0], encoding: .utf8)
        #expect(finding.contains(#"\"eventId\":\"{{id_1}}\""#))
        #expect(FileManager.default.fileExists(atPath: folder + "/findings/openapi.json"))
    }

    @Test("A secret with a space, echoed by the answer, is hidden in a finding file wherever the description wraps")
    func secretSplitByWrappingStaysHidden() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let document = try APIDocument(bytes: Array(#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#.utf8), source: "t")
        var result = FuzzResult(documentSource: "t", baseURL: "http://127.0.0.1:9", seed: 1, runID: "gabc", startedAt: Date())
        // One finding per offset: among them, every place the line wrap can fall, the space
        // between "Bearer" and the token included.
        result.findings = (0..<100).map { offset in
            Finding(
                check: .notAServerError, operation: "GET /echo-fail", status: 500,
                message: "answered 500: \(String(repeating: "x", count: offset)) {\"Authorization\": \"Bearer SECRET123\"}",
                input: "a valid request",
                steps: [FindingStep(name: "the request", request: FuzzRequest(method: "GET", path: "/echo-fail"), expectations: [.status("4xx")])],
                resourceIDs: [], shrunkBy: 0)
        }
        let written = try FuzzReportWriter.write(
            result, document: document, directory: folder, junitPath: folder + "/fuzz-junit.xml", secrets: ["Bearer SECRET123"])
        #expect(written.findingFiles.count == 100)
        for path in written.findingFiles {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains("SECRET123"), "\(text)")
            #expect(text.contains(#""Authorization": "***"}"#) || text.contains("\"Authorization\":\n  \"***\"}"), "\(text)")
        }
    }
}
