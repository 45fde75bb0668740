import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletFuzz

/// A finding file is YAML that `gauntlet run` reads back, whatever bytes the deployment answered.
@Suite struct FindingFileTextTests {
    @Test("An answer of control bytes (NUL, DEL, C1, U+FFFE) is escaped in the file, which reads back")
    func controlBytesInAnAnswerKeepTheFileReadable() throws {
        let raw = "\u{0}\u{FFFD}<html>not json\u{7F}\u{85}\u{9F}\u{FFFE}\u{1B}[31m"
        let request = FuzzRequest(method: "GET", path: "/events/\u{7F}x")
        let finding = Finding(
            check: .notAServerError, operation: "GET /events/{eventId}", status: 500, message: "answered 500: \(raw)",
            input: "an id with \u{9F}", steps: [FindingStep(name: "the request \u{85}", request: request, expectations: [.status("4xx")])],
            resourceIDs: [], shrunkBy: 0)
        let result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        let text = FindingFile(finding, of: result).text
        #expect(!text.unicodeScalars.contains { !FindingFile.isPrintableInYAML($0) && $0 != "\n" }, "\(text)")
        let file = try ScenarioLoader.parse(yaml: text, path: "finding.yaml")
        #expect(text.contains(#"json\u007F\u0085\u009F\uFFFE\u001B[31m"#), "\(text)")
        #expect(file.scenarios.first?.steps.first?.name == "the request \u{85}")
    }

    @Test("Findings of one check and operation but other statuses replay together: each file is a suite of its own")
    func findingsOfOtherStatusesAreTestcasesOfTheirOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-findings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        for status in [500, 502] {
            let finding = Finding(
                check: .notAServerError, operation: "GET /events", status: status, message: "answered \(status)", input: "a valid request",
                steps: [FindingStep(name: "list", request: FuzzRequest(method: "GET", path: "/events"), expectations: [.status("2xx")])],
                resourceIDs: [], shrunkBy: 0)
            try FindingFile(finding, of: result).text.write(toFile: "\(folder)/\(status).yaml", atomically: true, encoding: .utf8)
        }
        let files = try ScenarioLoader.load(paths: [folder])
        #expect(Set(files.map(\.suiteName)).count == 2)
    }

    @Test("A finding's curl command reaches the deployment the run reached: its headers (secrets as ***) and transfer options")
    func theReproductionCarriesTheRunsHeadersAndTransfer() throws {
        let finding = Finding(
            check: .notAServerError, operation: "GET /events", status: 500, message: "answered 500", input: "a valid request",
            steps: [FindingStep(name: "list", request: FuzzRequest(method: "GET", path: "/events"), expectations: [.status("2xx")])],
            resourceIDs: [], shrunkBy: 0)
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "https://api.test/prod", seed: 1, runID: "r", startedAt: Date())
        result.headers = [HTTPHeader("x-api-key", "k-123456"), HTTPHeader("X-Team", "blue")]
        result.transfer.caCertPath = "/certs/ca.pem"
        result.transfer.httpVersion = .http2
        result.transfer.resolve = [try HostResolution(parsing: "api.test:443:127.0.0.1")]
        result.transfer.awsSigV4 = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t")
        let curl = finding.curlCommand(in: result)
        for part in ["https://api.test/prod/events", "x-api-key: ***", "X-Team: blue", "--cacert", "/certs/ca.pem", "--http2", "--resolve"] {
            #expect(curl.contains(part), "\(part) in \(curl)")
        }
        #expect(!curl.contains("k-123456") && !curl.contains("AKIDEXAMPLE") && !curl.contains("s3cr3t"), "\(curl)")
    }

    @Test("A run that failed with no finding says why: the verdict names each reason")
    func aFailedRunSaysWhy() {
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        #expect(result.passed && result.failureReasons.isEmpty)
        result.unanswered = 3
        result.leftBehind = ["/events/a"]
        #expect(!result.passed)
        #expect(result.failureReasons == ["3 requests without an answer", "1 item left behind"])
        result.ending = .interrupted
        #expect(result.failureReasons.last == "interrupted")
    }
}
