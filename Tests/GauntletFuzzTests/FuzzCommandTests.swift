import Foundation
import GauntletAPI
import GauntletCLI
import GauntletFuzz
import Testing

/// `gauntlet fuzz` on the command line: repeatable for a seed, bounded by `--time`, honest
/// about what it could not do, and silent about secrets.
@Suite(.timeLimit(.minutes(3))) struct FuzzCommandTests {
    /// fuzz.json of one run against a server with `defects`.
    static func fuzzJSON(_ arguments: [String], defects: Set<ContractDefect> = [], folder: String) async throws -> (Int32, [String: Any]) {
        let status = try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: defects)) { baseURL in
            await Gauntlet.run(arguments: ["fuzz", "--base-url", baseURL, "--report-dir", folder] + arguments)
        }
        let data = FileManager.default.contents(atPath: folder + "/fuzz.json") ?? Data()
        return (status, (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    /// The failing requests of a report, with the run id and port taken out.
    static func requests(_ report: [String: Any]) -> [String] {
        let runID = report["runID"] as? String ?? "-"
        return (report["failures"] as? [[String: Any]] ?? []).map { failure in
            let curl = (failure["curl"] as? String ?? "").replacingOccurrences(of: runID, with: "RUN")
            return "\(failure["check"] ?? "") \(failure["operation"] ?? "") " + curl.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "HOST", options: .regularExpression)
        }
    }

    @Test("The same seed sends the same requests; another seed other values")
    func seedFixesTheRun() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let defects: Set<ContractDefect> = [.capacityNonpositiveAccepted, .integralCapacityRejected]
        let (_, first) = try await Self.fuzzJSON(["--seed", "7"], defects: defects, folder: folder + "/a")
        let (_, again) = try await Self.fuzzJSON(["--seed", "7"], defects: defects, folder: folder + "/b")
        let (_, other) = try await Self.fuzzJSON(["--seed", "8"], defects: defects, folder: folder + "/c")
        #expect(!Self.requests(first).isEmpty)
        #expect(Self.requests(first) == Self.requests(again))
        #expect(first["requests"] as? Int == again["requests"] as? Int)
        #expect(Self.requests(first) != Self.requests(other))
    }

    @Test("--time stops the run: reports say incomplete, exit 1, the cleanup still runs")
    func timeLimit() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { baseURL in
            let status = await Gauntlet.run(arguments: ["fuzz", "--base-url", baseURL, "--report-dir", folder, "--time", "50ms", "--seed", "1"])
            #expect(status == 1)
            let report = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: folder + "/fuzz.json") ?? Data()) as? [String: Any]
            #expect(report?["ending"] as? String == "time limit")
            #expect(report?["passed"] as? Bool == false)
            let junit = String(decoding: FileManager.default.contents(atPath: folder + "/fuzz-junit.xml") ?? Data(), as: UTF8.self)
            #expect(junit.contains("type=\"incomplete\""))
            #expect(try await FuzzTarget.eventIDs(at: baseURL) == [])
        }
    }

    @Test("Nothing listening: every request is a recorded failure, not a crash")
    func unreachableDeployment() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let document = folder + "/openapi.json"
        try Data(EventAPIDocument.json.utf8).write(to: URL(fileURLWithPath: document))
        let closed = "http://127.0.0.1:9"  // discard: nothing listens on loopback
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", closed, "--openapi", document, "--report-dir", folder, "--max-examples", "2"]) == 1)
        let report = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: folder + "/fuzz.json") ?? Data()) as? [String: Any]
        #expect((report?["transportErrors"] as? [String])?.isEmpty == false)
        #expect(report?["passed"] as? Bool == false)
        // Without --openapi the document itself cannot be fetched: reported, exit 1.
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", closed, "--report-dir", folder]) == 1)
        let junit = String(decoding: FileManager.default.contents(atPath: folder + "/fuzz-junit.xml") ?? Data(), as: UTF8.self)
        #expect(junit.contains("the deployment serves its OpenAPI document"))
    }

    @Test("A --header value appears in no report, finding or console line")
    func secretsStayOut() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = "sk-live-4f9a8b7c6d5e"
        let (status, _) = try await Self.fuzzJSON(["--seed", "1", "--header", "x-api-key: \(secret)"], defects: [.notFound500], folder: folder)
        #expect(status == 1)
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        #expect(files.contains { $0.hasPrefix("findings/") })
        for file in files {
            let text = String(decoding: FileManager.default.contents(atPath: folder + "/" + file) ?? Data(), as: UTF8.self)
            #expect(!text.contains(secret), "\(file)")
        }
    }

    @Test("Bad input exits 2 and names what is wrong", arguments: [
        (#"{"swagger": "2.0"}"#, "Swagger 2.0"),
        ("not json", "not a JSON document"),
        (#"{"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}}"#, "not valid OpenAPI 3.1.0"),
    ])
    func badDocument(text: String, message: String) async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/doc.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", "http://127.0.0.1:9", "--openapi", path, "--report-dir", folder]) == 2)
        #expect(throws: DocumentError.self) { try APIDocument(bytes: Array(text.utf8), source: path) }
        do {
            _ = try APIDocument(bytes: Array(text.utf8), source: path)
        } catch {
            #expect(error.description.hasPrefix(path + ": "))
            #expect(error.description.contains(message))
        }
    }

    @Test("A document with no operation is refused (exit 2), where a run over nothing would pass")
    func documentWithoutOperations() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/doc.json"
        try Data(#"{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", "http://127.0.0.1:9", "--openapi", path, "--report-dir", folder]) == 2)
    }

    @Test("An unknown check is refused before anything is sent")
    func unknownCheck() async {
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", "http://127.0.0.1:9", "--checks", "not_a_server_error,bogus"]) == 2)
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", "http://127.0.0.1:9", "--checks", "use_after_free", "--exclude-checks", "use_after_free"]) == 2)
    }

    @Test("A cancelled run reads as interrupted, never as passed")
    func cancelledRun() async throws {
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { baseURL in
            let task = Task { try await FuzzTarget.fuzz(baseURL: baseURL) }
            task.cancel()
            let result = try await task.value
            #expect(result.ending == .interrupted)
            #expect(!result.passed)
        }
    }
}
