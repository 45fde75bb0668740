import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletCLI

/// The real `gauntlet` process with the issue-17 language and input features: `--dry-run`,
/// `--variables-file`, `--data`, `when:` on a scenario in every report, and the exit statuses
/// 3 (nothing answered) and 130 (interrupted).
@Suite(.timeLimit(.minutes(2))) struct RunLanguageCommandTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lang-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the test's folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A loopback port nothing listens on.
    func closedPort() async throws -> Int {
        let listener = try ConnectionCounter()
        let port = listener.port
        listener.stop()
        try await Task.sleep(for: .milliseconds(200))
        return port
    }

    static let crud = """
        variables: { id: "dry-{{scenario_uid}}" }
        scenarios:
          - name: create then read
            steps:
              - name: create
                request:
                  method: POST
                  path: /events
                  headers: { x-api-key: "{{api_key}}" }
                  json: { eventId: "{{id}}", region: "{{region}}" }
                capture: { created: $.eventId }
              - name: read
                request: { path: "/events/{{created}}?tier={{tier}}" }
        """

    @Test func dryRunPrintsTheRequestsSendsNothingAndExits0() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("crud.yaml", Self.crud)
        let server = try ConnectionCounter()
        defer { server.stop() }
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", server.baseURL, "--dry-run", "--var", "region=eu", "--var", "tier=free",
            "--secret", "api_key=k3y-s3cret", "--report-dir", folder + "/reports",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("POST \(server.baseURL)/events\n"))
        #expect(console.contains("x-api-key: ***"))
        #expect(console.contains(#"{"eventId":"dry-"#) && console.contains(#""region":"eu"}"#))
        #expect(console.contains("GET \(server.baseURL)/events/«{{created}}»?tier=free"), "a capture is shown unresolved")
        #expect(console.contains("dry run: 2 request(s) in 1 scenario(s); nothing was sent"))
        #expect(!console.contains("k3y-s3cret"))
        #expect(server.count == 0, "no connection was made")
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports"), "a dry run writes no report")
    }

    @Test func dryRunOfInvalidInputExits2() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("bad.yaml", """
            scenarios:
              - name: typo
                steps:
                  - request: { path: "/events/{{evnt}}" }
            """)
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--dry-run",
        ])
        #expect(status == ExitStatus.invalidInput)
        #expect(console.contains("\(scenario):4:26: error: unknown variable 'evnt' in '{{evnt}}'"))
    }

    @Test func loadDryRunPrintsOneIterationOfEachFlow() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let server = try ConnectionCounter()
        defer { server.stop() }
        let load = try file("load.yaml", """
            load: { vus: 2, duration: 5s }
            scenarios:
              - name: list
                steps:
                  - request: { path: "/events?vu={{vu}}&region={{region}}" }
            """)
        let vars = try file("vars.env", "region=eu\n")
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "load", load, "--base-url", server.baseURL, "--dry-run", "--variables-file", vars,
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("GET \(server.baseURL)/events?vu=0&region=eu"))
        #expect(server.count == 0)
    }

    @Test func loadDataMakesOneFlowPerRowAndABrokenFileExits2() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let load = try file("rows-load.yaml", """
            load: { vus: 1, duration: 5s }
            scenarios:
              - name: list
                steps:
                  - request: { path: "/events?region={{region}}" }
            """)
        let data = try file("regions.json", #"[{"region": "eu"}, {"region": "us"}]"#)
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "load", load, "--base-url", "http://127.0.0.1:9", "--data", data, "--dry-run",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("\(load): list [region=eu]\n") && console.contains("\(load): list [region=us]\n"))
        #expect(console.contains("GET http://127.0.0.1:9/events?region=us"))

        let broken = try file("broken.json", #"[{"region": "eu"}, "us"]"#)
        let (brokenStatus, brokenConsole) = try await GauntletProcess.run(binary, arguments: [
            "load", load, "--base-url", "http://127.0.0.1:9", "--data", broken,
        ])
        #expect(brokenStatus == ExitStatus.invalidInput)
        #expect(brokenConsole.contains("\(broken):1:20: error: each row of a JSON data file is an object"), "\(brokenConsole)")
    }

    @Test("A load's dry run hides what its reports hide: the base URL's password, --header and --secret values, in a JSON body too")
    func loadDryRunHidesSecrets() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let load = try file("secret-load.yaml", """
            load: { vus: 1, duration: 5s }
            scenarios:
              - name: echo
                steps:
                  - request: { method: POST, path: "/events?key={{key}}", json: { note: "{{env.GAUNTLET_TEST_NOTE}}" } }
            """)
        setenv("GAUNTLET_TEST_NOTE", "key \"tok/en-7\"", 1)
        defer { unsetenv("GAUNTLET_TEST_NOTE") }
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "load", load, "--base-url", "http://tester:url-pass-5@127.0.0.1:9", "--header", #"X-Team-Key: key "tok/en-7""#,
            "--secret", "key=s3cret-key-6", "--dry-run",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("POST http://tester:***@127.0.0.1:9/events?key=***"), "\(console)")
        for form in ["url-pass-5", "tok/en-7", #"tok\/en-7"#, "s3cret-key-6"] { #expect(!console.contains(form), "\(console)") }
    }

    @Test func aLoadLeavesOutScenariosWhoseWhenDoesNotHoldAndRejectsRepeatAndDelay() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let load = try file("when-load.yaml", """
            load: { vus: 1, iterations: 6, thresholds: ["errors<1%"] }
            scenarios:
              - name: list
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
              - name: staging only
                when: { target: staging }
                steps:
                  - request: { path: /nowhere }
                    expect: { status: 200 }
            """)
        let reports = folder + "/load-when"
        let (status, console) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "load", load, "--base-url", baseURL, "--var", "target=production", "--report-dir", reports, "--plain-progress",
            ])
        }
        #expect(status == ExitStatus.passed, "the skipped scenario sent nothing to fail: \(console)")
        #expect(console.contains(#"↷ SKIP staging only: when: target equals "staging" does not hold: target is "production""#))

        let (dry, dryConsole) = try await GauntletProcess.run(binary, arguments: [
            "load", load, "--base-url", "http://127.0.0.1:9", "--var", "target=production", "--dry-run",
        ])
        #expect(dry == ExitStatus.passed, "\(dryConsole)")
        #expect(dryConsole.contains("GET http://127.0.0.1:9/events\n") && !dryConsole.contains("/nowhere"))

        let onlyStaging = try file("staging-load.yaml", """
            load: { vus: 1, iterations: 1 }
            scenarios:
              - name: staging only
                when: { target: staging }
                steps: [{ request: { path: /nowhere } }]
            """)
        let (allSkipped, skippedConsole) = try await GauntletProcess.run(binary, arguments: [
            "load", onlyStaging, "--base-url", "http://127.0.0.1:9", "--var", "target=production",
        ])
        #expect(allSkipped == ExitStatus.invalidInput)
        #expect(skippedConsole.contains("staging-load.yaml:1:7: error: every scenario of the load is skipped by its 'when:'; nothing to load"), "\(skippedConsole)")

        let paced = try file("paced-load.yaml", """
            load: { vus: 1, iterations: 1 }
            scenarios:
              - name: paced
                steps:
                  - request: { path: /events }
                    delay: 1s
                    repeat: 2
            """)
        let (pacedStatus, pacedConsole) = try await GauntletProcess.run(binary, arguments: [
            "load", paced, "--base-url", "http://127.0.0.1:9",
        ])
        #expect(pacedStatus == ExitStatus.invalidInput)
        #expect(pacedConsole.contains("\(paced):5:9: error: 'repeat' runs a step several times in a row"), "\(pacedConsole)")
        // A step's delay pauses its iteration, as in a run: not an error.
        #expect(!pacedConsole.contains("'delay'"), "\(pacedConsole)")
    }

    @Test func variablesFilesApplyInOrderAndVarAndSecretWin() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("vars.yaml", """
            variables: { b: from-scenario }
            scenarios:
              - name: precedence
                steps:
                  - request: { path: "/{{a}}/{{b}}/{{c}}/{{d}}" }
            """)
        let first = try file("first.env", "# defaults\na=first\nb=first\nc=first\nd=first\n")
        let second = try file("second.yaml", "c: second\nd: second\n")
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--dry-run",
            "--variables-file", first, "--variables-file", second, "--var", "d=flag",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("GET http://127.0.0.1:9/first/first/second/flag\n"), "\(console)")

        let bad = try file("bad.env", "a=1\nnot a pair\n")
        let (badStatus, badConsole) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--variables-file", bad,
        ])
        #expect(badStatus == ExitStatus.invalidInput)
        #expect(badConsole.contains("\(bad):2:1: error: expected NAME=value (a line of a .env file), found 'not a pair'"))
    }

    @Test func dataRunsEveryScenarioOncePerRowNamedByItsRow() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("rows.yaml", """
            scenarios:
              - name: read
                steps:
                  - request: { path: "/events/{{event_id}}" }
                    expect: { status: "{{status}}" }
            """)
        let data = try file("rows.csv", "event_id,status\nnone-1,404\n\"none,2\",404\n")
        let reports = folder + "/reports"
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", scenario, "--base-url", baseURL, "--data", data, "--report-dir", reports,
            ]).status
        }
        #expect(status == ExitStatus.passed)
        let junit = try String(contentsOfFile: reports + "/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"name="read [event_id=none-1, status=404]""#))
        #expect(junit.contains(#"name="read [event_id=none,2, status=404]""#))

        let broken = try file("broken.csv", "event_id,status\nnone-1,404,extra\n")
        let (brokenStatus, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--data", broken,
        ])
        #expect(brokenStatus == ExitStatus.invalidInput)
        #expect(console.contains("\(broken):2:1: error: this row has 3 field(s), the header row 2"))
    }

    @Test("A run of more testcases than one run holds is refused before anything is built or sent; a data file's rows count")
    func tooManyTestcasesAreRefusedUpFront() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("many.yaml", """
            scenarios:
              - name: read
                repeat: 50001
                steps:
                  - request: { path: "/events/{{event_id}}" }
            """)
        let data = try file("two.csv", "event_id\ne1\ne2\n")
        let reports = folder + "/many-reports"
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--data", data, "--report-dir", reports,
        ])
        #expect(status == ExitStatus.invalidInput)
        #expect(console.contains(
            "error: the run would have 100002 testcases (each selected scenario once per case, repeat and row of \(data)); one run holds at most 100000"))
        #expect(!FileManager.default.fileExists(atPath: reports), "no report: the run never started")
        let (dryStatus, dryConsole) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:9", "--data", data, "--dry-run",
        ])
        #expect(dryStatus == ExitStatus.invalidInput && dryConsole.contains("error: the run would have 100002 testcases"))

        // Counted before a row is applied: 60,000 rows × 2 cases are refused, not built first.
        let rows = try file("rows.csv", "event_id\n" + (0..<60_000).map { "e\($0)\n" }.joined())
        let cased = try file("cased.yaml", """
            scenarios:
              - name: read
                cases: [{ status: 404 }, { status: 200 }]
                steps:
                  - request: { path: "/events/{{event_id}}" }
            """)
        let (casedStatus, casedConsole) = try await GauntletProcess.run(binary, arguments: [
            "run", cased, "--base-url", "http://127.0.0.1:9", "--data", rows, "--dry-run",
        ])
        #expect(casedStatus == ExitStatus.invalidInput && casedConsole.contains("error: the run would have 120000 testcases"))

        let races = try file("races.yaml", """
            scenarios:
              - name: race
                steps:
                  - request: { path: /events }
                    concurrent: 1001
                  - request: { path: /events }
                    repeat: 10001
            """)
        let (raceStatus, raceConsole) = try await GauntletProcess.run(binary, arguments: ["run", races, "--base-url", "http://127.0.0.1:9"])
        #expect(raceStatus == ExitStatus.invalidInput)
        #expect(raceConsole.contains("\(races):5:21: error: concurrent must be an integer from 2 to 1000, found '1001'"))
        #expect(raceConsole.contains("\(races):7:17: error: repeat must be an integer from 1 to 10000, found '10001'"))
    }

    @Test func aScenarioSkippedByWhenIsSkippedInEveryReport() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("when.yaml", """
            scenarios:
              - name: staging only
                when: { target: staging }
                steps:
                  - request: { path: /events }
              - name: runs
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
            """)
        let reports = folder + "/reports"
        let (status, console) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", scenario, "--base-url", baseURL, "--var", "target=production", "--report-dir", reports,
            ])
        }
        let reason = #"when: target equals "staging" does not hold: target is "production""#
        #expect(status == ExitStatus.passed)
        #expect(console.contains("SKIP staging only"))
        #expect(console.contains(reason))
        let junit = try String(contentsOfFile: reports + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("<skipped message=\"when: target equals &quot;staging&quot; does not hold"))
        let json = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: reports + "/results.json"))))
        #expect(json["summary"]?["skipped"] == 1)
        let html = try String(contentsOfFile: reports + "/report.html", encoding: .utf8)
        #expect(html.contains("when: target equals &quot;staging&quot; does not hold"))
    }

    @Test func nothingAnsweredExits3ForRunAndLoadAndAFailedCheckStill1() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("down.yaml", """
            scenarios:
              - name: list
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
            """)
        let port = try await closedPort()
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", scenario, "--base-url", "http://127.0.0.1:\(port)", "--report-dir", folder + "/run",
        ])
        #expect(status == ExitStatus.unreachable, "\(console)")
        #expect(FileManager.default.fileExists(atPath: folder + "/run/junit.xml"), "reports are written")

        let (loadStatus, loadConsole) = try await GauntletProcess.run(binary, arguments: [
            "load", scenario, "--base-url", "http://127.0.0.1:\(port)", "--vus", "1", "--iterations", "3",
            "--report-dir", folder + "/load", "--threshold", "errors<=100%",
        ])
        #expect(loadStatus == ExitStatus.unreachable, "\(loadConsole)")
        // CI reads JUnit: a load nobody answered fails there too, whatever its thresholds tolerate.
        let junit = try String(contentsOfFile: folder + "/load/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="the deployment answered""#) && junit.contains("<failure"), "\(junit)")

        let failing = try file("failing.yaml", """
            scenarios:
              - name: wrong status
                steps:
                  - request: { path: /events }
                    expect: { status: 418 }
            """)
        let failed = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: ["run", failing, "--base-url", baseURL, "--report-dir", folder + "/f"]).status
        }
        #expect(failed == ExitStatus.checkFailed)
    }

    @Test func sigintStopsARunExit130() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let scenario = try file("slow.yaml", """
            scenarios:
              - name: waits
                steps:
                  - request: { path: /events }
                  - delay: 60s
                    request: { path: /events }
            """)
        let began = ContinuousClock.now
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(
                binary, arguments: ["run", scenario, "--base-url", baseURL, "--report-dir", folder + "/int"],
                signalsAfter: .milliseconds(1_500), signals: [SIGINT])
        }
        #expect(status == ExitStatus.interrupted)
        #expect(ContinuousClock.now - began < .seconds(30), "the delay ran on after the signal")
        let json = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/int/results.json"))))
        #expect(json["summary"]?["interrupted"] == 1, "the report says the run was interrupted")
    }
}
