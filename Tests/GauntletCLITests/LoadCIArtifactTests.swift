import ArgumentParser
import Foundation
import GauntletAPI
import GauntletLoad
import Testing

@testable import GauntletCLI

/// What a CI job keeps of a load: every threshold a JUnit test case with the curl command that
/// reproduces its request and a link to its row in latency.html, no secret anywhere, and
/// `--github-summary` appending summary.md to the job summary.
@Suite(.serialized, .timeLimit(.minutes(2))) struct LoadCIArtifactTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("load-ci-\(UUID().uuidString)").path
    var selftestLoad: String { ContractPaths.root + "/Scenarios/load/selftest.yaml" }

    @Test("Threshold test cases carry a curl reproduction and a link whose anchor exists; secrets stay out of every report")
    func junitReproductionsAndLinks() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            // A password in the base URL is a secret too (curl sends it as Basic credentials).
            await Gauntlet.run(arguments: [
                "load", selftestLoad, "--base-url", baseURL.replacingOccurrences(of: "http://", with: "http://tester:url-pass-3@"),
                "--rate", "30", "--duration", "1s", "--report-dir", root,
                "--threshold", "get-event:p99<5s", "--header", "Authorization: Bearer sekret-token-1",
                "--header", "X-Team-Key: team-key-2",
            ])
        }
        #expect(status == ExitStatus.passed)
        let junit = try String(contentsOfFile: root + "/load-junit.xml", encoding: .utf8)
        #expect(junit.contains("reproduce (get-event): curl "))
        #expect(junit.contains("Authorization: ***"))
        #expect(junit.contains("X-Team-Key: ***"))
        #expect(junit.contains("http://tester:***@127.0.0.1:"))
        let html = try String(contentsOfFile: root + "/latency.html", encoding: .utf8)
        let links = junit.components(separatedBy: "report: latency.html#").dropFirst().map { $0.prefix { $0 != "\n" && $0 != "<" } }
        // get-event:p99<5s, the file's errors<1% and the open model's dropped<=0% (default).
        #expect(links.count == 3)
        for anchor in links { #expect(html.contains("id=\"\(anchor)\""), "\(anchor)") }
        for file in try FileManager.default.contentsOfDirectory(atPath: root) {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            #expect(!text.contains("sekret-token-1") && !text.contains("team-key-2") && !text.contains("url-pass-3"), "\(file)")
        }
    }

    @Test("A --secret value and a --header value stay out of every report wherever a template put them: query, body, left-behind label")
    func secretsRenderedIntoRequestsStayOutOfReports() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "-secrets.yaml"
        try """
            suite: secrets
            scenarios:
              - name: search with a key
                steps:
                  - name: list-with-key
                    request: { path: "/events?key={{api_key | urlencode}}" }
                    expect: { status: 200 }
                  - name: create-with-note
                    request:
                      method: POST
                      path: /events
                      json: { eventId: "{{run_id}}-{{iteration}}", title: "{{api_key}} and {{env.GAUNTLET_TEST_TEAM_KEY}}",
                              description: Noted, date: "2030-01-15", location: Hall A, capacity: 10, organizer: Gauntlet }
                    expect: { status: 201 }
                teardown:
                  - request: { method: DELETE, path: "/events/{{run_id}}-{{iteration}}" }
                    expect: { status: 204 }
                    left_behind: "event noted {{api_key}}"
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        setenv("GAUNTLET_TEST_TEAM_KEY", "team/key \"7\"", 1)
        defer { unsetenv("GAUNTLET_TEST_TEAM_KEY") }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: [
                "load", file, "--base-url", baseURL, "--vus", "1", "--iterations", "2", "--report-dir", root,
                "--secret", "api_key=s3cr3t/key 9", "--header", #"X-Team-Key: team/key "7""#,
            ])
        }
        // The teardown deletes each event but expects 204 where the reference answers 200: the
        // load fails with something "left behind", and its reports carry that label and reproductions.
        #expect(status == ExitStatus.checkFailed)
        let junit = try String(contentsOfFile: root + "/load-junit.xml", encoding: .utf8)
        #expect(junit.contains("left behind: event noted ***"), "\(junit)")
        let reproductions = try String(contentsOfFile: root + "/load-result.json", encoding: .utf8)
        #expect(reproductions.contains("key=***"), "\(reproductions)")
        #expect(reproductions.contains("*** and ***"), "\(reproductions)")
        for name in try FileManager.default.contentsOfDirectory(atPath: root) {
            let text = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
            for form in ["s3cr3t", "team/key", #"team\/key"#] { #expect(!text.contains(form), "\(name) shows \(form)") }
        }
    }

    @Test("A load whose setup fails says so in every report, naming the step: not the placeholder's 'did not finish'")
    func aFailedSetupIsReported() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "-setup.yaml"
        try """
            suite: setup fails
            load:
              vus: 1
              iterations: 2
              setup:
                - name: probe
                  request: { path: /health }
                  expect: { status: 201 }
            scenarios:
              - name: list
                steps: [{ request: { path: /events }, expect: { status: 200 } }]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--report-dir", root])
        }
        #expect(status == ExitStatus.checkFailed)
        let summary = try String(contentsOfFile: root + "/summary.md", encoding: .utf8)
        // What the step expected and where, then the start of the answer.
        #expect(summary.contains("FAILED**: setup failed at step 'probe' (HTTP 200: expected 201 (\(file):8:17); body: {"), "\(summary)")
        #expect(summary.contains("); the load did not start"), "\(summary)")
        let junit = try String(contentsOfFile: root + "/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="the load started""#) && junit.contains("<failure"), "\(junit)")
    }

    @Test("Requests that fail their checks fail a load that sets no threshold (exit 1): the default errors<=0% is a failing test case")
    func failedChecksFailALoadWithoutThresholds() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "-missing.yaml"
        try """
            suite: missing
            scenarios:
              - name: read a missing event
                steps:
                  - name: get-missing
                    request: { path: /events/no-such-event }
                    expect: { status: 200 }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--vus", "2", "--iterations", "20", "--report-dir", root])
        }
        #expect(status == ExitStatus.checkFailed)
        let junit = try String(contentsOfFile: root + "/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="errors&lt;=0% (default)""#))
        #expect(junit.contains(#"failures="1""#))
        #expect(try String(contentsOfFile: root + "/summary.md", encoding: .utf8).contains("**❌ FAILED**: 1 of 1 threshold failed."))
    }

    @Test("--github-summary appends summary.md to $GITHUB_STEP_SUMMARY; without the flag or the variable nothing is appended")
    func githubSummary() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let summaryFile = root + "/step-summary.md"
        try "# Earlier step\n".write(toFile: summaryFile, atomically: true, encoding: .utf8)
        let root = self.root, selftestLoad = self.selftestLoad
        try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let common = ["load", selftestLoad, "--base-url", baseURL, "--rate", "20", "--duration", "1s", "--report-dir", root + "/r"]
            await ProcessEnvironment.$override.withValue(["GITHUB_STEP_SUMMARY": summaryFile]) {
                #expect(await Gauntlet.run(arguments: common + ["--github-summary"]) == ExitStatus.passed)
                #expect(await Gauntlet.run(arguments: common) == ExitStatus.passed)
            }
            await ProcessEnvironment.$override.withValue([:]) {
                #expect(await Gauntlet.run(arguments: common + ["--github-summary"]) == ExitStatus.passed)
            }
        }
        let text = try String(contentsOfFile: summaryFile, encoding: .utf8)
        #expect(text.hasPrefix("# Earlier step\n## Load: selftest"))
        #expect(text.components(separatedBy: "## Load: selftest").count == 2)
        #expect(text.contains("### Thresholds"))
    }

    @Test("The JUnit file links latency.html relative to its own folder, wherever --junit puts it")
    func reportLinkIsRelative() {
        #expect(LoadSession(reportDirectory: "/a/reports", progress: .off).htmlReportLink == "latency.html")
        #expect(LoadSession(reportDirectory: "/a/reports", junitPath: "/a/ci/load.xml", progress: .off).htmlReportLink == "../reports/latency.html")
    }
}
