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

    @Test("The read after a create that named another id proves the item the replay's only when it holds every string the create sent")
    func theProofReadAsksForEveryStringTheCreateSent() throws {
        var create = FindingStep(
            name: "create", request: FuzzRequest(method: "POST", path: "/events", body: .json(["eventId": "fuzz-r-1", "title": "Strategy day", "location": "Room 12"])),
            expectations: [.given("2xx")])
        create.captures = ["answered_eventId": "$['eventId']"]
        create.answeredIDs = ["srv-1": "answered_eventId"]
        create.madeItem = "/events/srv-1"
        let read = FindingStep(name: "the request", request: FuzzRequest(method: "GET", path: "/events/srv-1"), expectations: [.status("2xx")])
        let finding = Finding(
            check: .useAfterFree, operation: "GET /events/{eventId}", status: 200, message: "answered 200", input: "a deleted item",
            steps: [create, read], resourceIDs: ["fuzz-r-1"], shrunkBy: 0)
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        result.resources = [FindingFile.Resource(itemPath: "/events/{eventId}", createPath: "/events", idField: "eventId")]
        let file = try ScenarioLoader.parse(yaml: FindingFile(finding, of: result).text, path: "finding.yaml")
        let steps = try #require(file.scenarios.first?.steps)
        #expect(steps.map(\.request.method) == ["POST", "GET", "GET"], "the create, the read that proves, the request")
        let capture = try #require(steps[1].captures.first { $0.variable == "owned_answered_eventId" })
        guard case .jsonPath(let text) = capture.source else { Issue.record("\(capture.source)"); return }
        let proof = try JSONPath(text)
        #expect(!proof.evaluate(["eventId": "srv-1", "title": "Strategy day", "location": "Room 12", "capacity": 4]).isEmpty)
        #expect(proof.evaluate(["eventId": "srv-1", "title": "Strategy day", "location": "Room 1"]).isEmpty, "one string not held")
        #expect(proof.evaluate(["eventId": "event-123", "title": "Team C", "location": "x"]).isEmpty)
    }

    /// A create of an event whose answer names `answered` where the run sent `sent`.
    static func create(sending sent: String, answered: String, title: String) -> FindingStep {
        var create = FindingStep(
            name: "create", request: FuzzRequest(method: "POST", path: "/events", body: .json(["eventId": .string(sent), "title": .string(title)])),
            expectations: [.given("2xx")])
        create.captures = ["answered_eventId": "$['eventId']"]
        create.answeredIDs = [answered: "answered_eventId"]
        create.madeItem = "/events/" + answered
        return create
    }

    /// The finding file of `steps`, read back.
    static func replay(_ steps: [FindingStep], resourceIDs: [String]) throws -> ScenarioFile {
        let finding = Finding(
            check: .useAfterFree, operation: "GET /events/{eventId}", status: 200, message: "answered 200", input: "events",
            steps: steps, resourceIDs: resourceIDs, shrunkBy: 0)
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        result.resources = [FindingFile.Resource(itemPath: "/events/{eventId}", createPath: "/events", idField: "eventId")]
        return try ScenarioLoader.parse(yaml: FindingFile(finding, of: result).text, path: "finding.yaml")
    }

    @Test("Creates of one kind capture what their answers named into variables of their own, and each item is proved and deleted by its own")
    func eachCreateCapturesApart() throws {
        let steps = [
            Self.create(sending: "fuzz-r-1", answered: "srv-1", title: "First of two events"),
            Self.create(sending: "fuzz-r-2", answered: "srv-2", title: "Second of two events"),
            FindingStep(name: "the request", request: FuzzRequest(method: "GET", path: "/events/srv-1"), expectations: [.status(404)]),
        ]
        let file = try Self.replay(steps, resourceIDs: ["fuzz-r-1", "fuzz-r-2"])
        let scenario = try #require(file.scenarios.first)
        let captured = scenario.steps.map { Set($0.captures.map(\.variable)) }
        #expect(captured[0] == ["answered_eventId"] && captured[2] == ["answered_eventId_2"], "\(captured)")
        #expect(captured[1] == ["owned_answered_eventId", "owned_answered_eventId_status"], "\(captured)")
        #expect(captured[3] == ["owned_answered_eventId_2", "owned_answered_eventId_2_status"], "\(captured)")
        #expect("\(scenario.steps[4].request.target)".contains("answered_eventId |"), "the request reads the first create's event")
        let deletes = file.teardown.filter { $0.request.method == "DELETE" }.map { "\($0.condition?.clauses ?? [])" }
        #expect(deletes.count >= 2 && deletes[0] != deletes[1], "\(deletes)")
    }

    @Test("No read proves an item the replay's right after its create when a later step deletes it: its id may be another's by the teardown")
    func noProofBeforeADelete() throws {
        let steps = [
            Self.create(sending: "fuzz-r-1", answered: "srv-1", title: "An event to delete"),
            FindingStep(name: "delete", request: FuzzRequest(method: "DELETE", path: "/events/srv-1"), expectations: [.given("2xx")]),
            FindingStep(name: "the request", request: FuzzRequest(method: "GET", path: "/events/srv-1"), expectations: [.status(404)]),
        ]
        let scenario = try #require(try Self.replay(steps, resourceIDs: ["fuzz-r-1"]).scenarios.first)
        #expect(scenario.steps.map(\.request.method) == ["POST", "DELETE", "GET"])
    }
}
