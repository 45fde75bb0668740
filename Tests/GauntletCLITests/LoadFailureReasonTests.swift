import Foundation
import GauntletAPI
import GauntletLoad
import GauntletReports
import Testing

@testable import GauntletCLI

/// A load that failed says why: a setup that failed in transport with nothing answered is
/// unreachable (exit 3) and quotes libcurl's message; one answered with an unexpected status
/// quotes the start of the answer; and each error kind of the load carries its first
/// occurrence in words (curl's message, or what a check expected and where), secrets hidden.
@Suite(.timeLimit(.minutes(1))) struct LoadFailureReasonTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-reason-\(UUID().uuidString)").path

    /// Writes `yaml` as a load file; returns its path.
    static func loadFile(_ yaml: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reason-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// `latency.json` of the run, as JSON.
    func latencyJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/latency.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func report(_ name: String) throws -> String {
        try String(contentsOfFile: reportDirectory + "/" + name, encoding: .utf8)
    }

    /// Loads a file whose step `read` fails on an event created with `title` (a template), so that
    /// its failure's example quotes the body that echoes the title; returns that example.
    /// - Parameters:
    ///   - iterations: The load's iterations.
    ///   - title: The created event's title.
    ///   - preamble: File-level lines before `scenarios:` (variables, headers).
    ///   - arguments: More arguments of `gauntlet load`.
    func echoedExample(iterations: Int, title: String, preamble: String = "", arguments: [String] = []) async throws -> String {
        let file = try Self.loadFile("""
            load: { vus: 1, iterations: \(iterations), thresholds: ["errors<100%"] }
            \(preamble)scenarios:
              - name: echo
                variables: { id: "echo-{{scenario_uid}}" }
                steps:
                  - request:
                      method: POST
                      path: /events
                      json: { eventId: "{{id}}", title: "\(title)", description: d, date: "2030-01-01", location: l,
                              capacity: 1, organizer: o, status: active }
                    expect: { status: 201 }
                  - { name: read, request: { path: "/events/{{id}}" }, expect: { jsonpath: { $.title: nope } } }
                teardown:
                  - request: { method: DELETE, path: "/events/{{id}}" }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--report-dir", reportDirectory] + arguments)
        }
        let byName = try #require(try latencyJSON()["byName"] as? [[String: Any]])
        return try #require((byName.first { $0["name"] as? String == "read" }?["errorExamples"] as? [String: String])?.values.first)
    }

    static let withSetup = """
        load:
          iterations: 2
          setup:
            - name: seed-event
              request: { method: GET, path: /events/no-such-event }
              expect: { status: 200 }
        scenarios:
          - name: list
            steps:
              - { name: list, request: { path: /events }, expect: { status: 200 } }
        """

    @Test("A setup whose TLS handshake failed is unreachable (exit 3), and says what libcurl said")
    func setupTLSFailureIsUnreachableWithCurlsReason() async throws {
        let file = try Self.loadFile(Self.withSetup)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // TLS against a plain-HTTP server: the handshake fails before any request is sent.
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: [
                "load", file, "--base-url", baseURL.replacingOccurrences(of: "http://", with: "https://"), "--report-dir", reportDirectory,
            ])
        }
        #expect(status == ExitStatus.unreachable)
        let json = try latencyJSON()
        #expect(json["verdict"] as? String == "unreachable")
        let reason = try #require(json["verdictReason"] as? String)
        #expect(reason.hasPrefix("setup failed at step 'seed-event' (tls: GET https://127.0.0.1:"), "\(reason)")
        #expect(reason.contains("failed TLS: curl error 35"), "\(reason)")
        #expect(reason.hasSuffix("the load did not start: none of its requests was answered"), "\(reason)")
        #expect(try report("summary.md").contains("failed TLS: curl error 35"))
    }

    @Test("A setup answered with an unexpected status quotes what was expected, where, and the start of the answer (exit 1)")
    func setupStatusFailureQuotesTheAnswer() async throws {
        let file = try Self.loadFile(Self.withSetup)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--report-dir", reportDirectory])
        }
        #expect(status == ExitStatus.checkFailed)
        let reason = try #require(try latencyJSON()["verdictReason"] as? String)
        #expect(reason.contains("(HTTP 404: expected 200 (\(file):6:17); body: {\"detail\":\"Event not found\"}); the load did not start"), "\(reason)")
    }

    @Test("Each error kind of a load carries its first occurrence: curl's message, secrets hidden, in the console's reports and latency.json")
    func transportErrorsCarryCurlsMessage() async throws {
        let file = try Self.loadFile("""
            load: { vus: 2, iterations: 6 }
            scenarios:
              - name: probe
                steps:
                  - { name: probe, request: { path: "/events/{{token}}" }, expect: { status: 200 } }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let status = await Gauntlet.run(arguments: [
            "load", file, "--base-url", "http://127.0.0.1:1", "--secret", "token=sekrit-token-9", "--report-dir", reportDirectory,
        ])
        #expect(status == ExitStatus.unreachable)
        let total = try #require(try latencyJSON()["total"] as? [String: Any])
        let example = try #require((total["errorExamples"] as? [String: String])?["connect_failed"])
        #expect(example.hasPrefix("GET http://127.0.0.1:1/events/*** could not connect: curl error 7"), "\(example)")
        #expect(!example.contains("reproduce"))
        let result = try LoadResultFile.read(contentsOf: reportDirectory + "/load-result.json").result()
        #expect(LatencyReportConsole.render(result).contains("    first connect_failed: GET http://127.0.0.1:1/events/*** could not connect: curl error 7"))
        for name in ["summary.md", "latency.html", "latency.json", "load-result.json"] {
            let text = try report(name)
            #expect(text.contains("could not connect: curl error 7"), "\(name)")
            #expect(!text.contains("sekrit-token-9"), "\(name)")
        }
    }

    @Test("A failed check under load names what it expected and where, in summary.md and latency.json")
    func failedChecksSayWhatWasExpected() async throws {
        let file = try Self.loadFile("""
            load: { vus: 2, iterations: 6, thresholds: ["errors<100%"] }
            scenarios:
              - name: list
                steps:
                  - { name: list, request: { path: /events }, expect: { status: 201 } }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--report-dir", reportDirectory])
        }
        let byName = try #require(try latencyJSON()["byName"] as? [[String: Any]])
        let examples = byName.first { $0["name"] as? String == "list" }?["errorExamples"] as? [String: String]
        #expect(examples == ["HTTP 200": "expected 201 (\(file):5:61)"])
        #expect(try report("summary.md").contains("| HTTP 200 | 6 | expected 201 (\(file):5:61) |"))
    }

    @Test("A secret the quoted body holds is hidden before the body is cut: a cut through it would leave its start")
    func aSecretAcrossTheCutIsHidden() async throws {
        let secret = "sekrit-" + String(repeating: "q", count: 53)
        let padding = String(repeating: "p", count: 130)
        let example = try await echoedExample(
            iterations: 2, title: "\(padding){{token}}", arguments: ["--secret", "token=\(secret)"])
        #expect(example.contains("; body: "), "\(example)")
        for name in ["latency.json", "summary.md", "latency.html", "load-result.json"] {
            #expect(try !report(name).contains("sekrit-"), "\(name) shows the start of the secret")
        }
    }

    @Test("A key a file's header carries is hidden where a failure's example quotes the answer")
    func aFileHeadersKeyIsHiddenInTheExample() async throws {
        let key = "key-\(UUID().uuidString)"
        let example = try await echoedExample(
            iterations: 1, title: "{{key}}", preamble: "variables: { key: \"\(key)\" }\nheaders: { x-api-key: \"{{key}}\" }\n")
        #expect(example.contains(#""title":"***""#), "\(example)")
        for name in ["latency.json", "summary.md", "latency.html", "load-result.json"] {
            #expect(try !report(name).contains(key), "\(name) shows the key")
        }
    }
}
