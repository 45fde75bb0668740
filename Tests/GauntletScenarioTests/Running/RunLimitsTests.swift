import Logging
import Foundation
import GauntletAPI
import GauntletHTTP
import Testing

@testable import GauntletScenario

/// What a run holds whatever it is asked: testcases counted before any is built, and whole
/// transcripts for the first of each kind only.
@Suite(.timeLimit(.minutes(1))) struct RunLimitsTests {
    @Test("Testcases are counted as the plan makes them: cases × repeat per selected scenario, without making them")
    func testcaseCountIsThePlansSize() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: one
                steps: [{ request: { path: /events } }]
              - name: "rows {{n}}"
                repeat: 3
                cases: [{ n: 1 }, { n: 2 }]
                steps: [{ request: { path: /events } }]
              - name: slow
                tags: [slow]
                cases: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]
                steps: [{ request: { path: /events } }]
            """, path: "count.yaml")
        let everything = RunOptions(baseURL: "http://127.0.0.1:9")
        #expect(ScenarioRunner.testcaseCount([file], options: everything) == 11)
        #expect(ScenarioRunner.plan([file], options: everything).count == 11)
        let fast = RunOptions(baseURL: "http://127.0.0.1:9", excludeTags: ["slow"])
        #expect(ScenarioRunner.testcaseCount([file], options: fast) == 7)
        #expect(ScenarioRunner.plan([file], options: fast).count == 7)
        var huge = file
        huge.scenarios[1].repetitions = .max
        #expect(ScenarioRunner.testcaseCount([huge], options: everything) == .max, "an overflow counts as too many, not as few")
    }

    @Test("Past the first whole transcripts of its kind, a testcase keeps its request lines, statuses and checks but no headers or bodies")
    func transcriptsPastTheLimitAreCut() async throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: "read {{n}}"
                cases: [{ n: 1, s: 404 }, { n: 2, s: 404 }, { n: 3, s: 404 }, { n: 4, s: 200 }, { n: 5, s: 200 }]
                steps:
                  - request: { path: "/events/absent-{{n}}", headers: { X-Row: "{{n}}" } }
                    expect: { status: "{{s}}" }
            """, path: "rows.yaml")
        let result = try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            let options = RunOptions(baseURL: baseURL, limits: RunLimits(testcases: 100, transcripts: 1))
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            return await runner.run([file])
        }
        let scenarios = result.scenarios
        #expect(scenarios.map(\.outcome) == [.passed, .passed, .passed, .failed, .failed])
        let whole = scenarios.filter { $0.transcriptOmitted == nil }
        #expect(whole.filter { $0.outcome == .passed }.count == 1)
        #expect(whole.filter { $0.outcome == .failed }.count == 1)
        for scenario in scenarios where scenario.transcriptOmitted != nil {
            let step = try #require(scenario.steps.first)
            #expect(step.request?.headers.isEmpty == true && step.response?.headers.isEmpty == true)
            #expect(step.response?.body == "" && step.curlCommand == nil)
            #expect(step.request?.url.hasSuffix("/events/absent-\(scenario.name.dropFirst(5))") == true)
            #expect(step.response?.status == 404)
            #expect(!step.assertions.isEmpty, "every check stays")
            let kind = scenario.outcome == .passed ? "passed or skipped" : "failed, errored or interrupted"
            #expect(scenario.transcriptOmitted == "headers, bodies and curl commands not kept: the run kept them for its first 1 \(kind) testcases")
        }
        for scenario in whole {
            #expect(scenario.steps[0].request?.headers.contains { $0.name == "X-Row" } == true)
            #expect(scenario.steps[0].curlCommand != nil && scenario.steps[0].response?.body.isEmpty == false)
        }
    }
}
