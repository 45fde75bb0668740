import Logging
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
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

/// The limits' own rules, one by one.
@Suite struct RunLimitsRuleTests {
    static let location = ScenarioLocation(file: "rows.yaml", line: 1, column: 1)

    static func result(_ outcome: ScenarioResult.Outcome, sent: Bool = true) -> ScenarioResult {
        let step = StepResult(
            name: "read", location: location, attempts: 1,
            request: sent ? RecordedRequest(method: "GET", url: "http://h/e", headers: [HTTPHeader("X-A", "1")], body: nil) : nil,
            response: sent ? RecordedResponse(status: 200, headers: [HTTPHeader("X-B", "2")], body: "{}") : nil,
            curlCommand: sent ? "curl http://h/e" : nil)
        return ScenarioResult(name: "r", tags: [], location: location, outcome: outcome, steps: [step], teardown: [], durationSeconds: 0)
    }

    @Test("Exactly the limit runs; one more is refused, and a count past Int.max says more than the limit")
    func limitBoundary() throws {
        let limits = RunLimits.standard
        #expect(limits.problem(testcases: 100_000) == nil)
        let refused = try #require(limits.problem(testcases: 100_001, dataFile: "rows.csv"))
        #expect(refused.hasPrefix("the run would have 100001 testcases (each selected scenario once per case, repeat and row of rows.csv); one run holds at most 100000"))
        #expect(limits.problem(testcases: .max)?.hasPrefix("the run would have more than 100000 testcases (each selected scenario once per case and repeat)") == true)
    }

    @Test("A data table applied to a scenario the run does not select keeps its own rows and the names every row has, not rows × cases")
    func unselectedScenariosAreNotExpanded() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: "run {{s}}"
                cases: [{ s: 1 }, { s: 2 }]
                steps: [{ request: { path: "/events/{{id}}" } }]
              - name: "slow {{s}}"
                tags: [slow]
                cases: [{ s: 1 }, { s: 2 }, { s: 3 }]
                steps: [{ request: { path: "/events/{{id}}/{{only_first}}" } }]
            """, path: "rows.yaml")
        let table = try DataTable.json(#"[{ "id": "a", "only_first": 1 }, { "id": "b" }, { "id": "c" }]"#, path: "rows.json")
        let options = RunOptions(baseURL: "http://127.0.0.1:9", excludeTags: ["slow"])
        let applied = file.applyingDataRows(table) { options.selects(tags: $0.tags) }
        #expect(applied.scenarios[0].cases.count == 6)
        #expect(applied.scenarios[1].cases == [["id": "a", "s": 1], ["id": "a", "s": 2], ["id": "a", "s": 3]])
        #expect(ScenarioRunner.testcaseCount([file], options: options, dataRows: table.rows.count) == 6)
        #expect(ScenarioRunner.plan([applied], options: options).count == 6)
        let problems = TemplateCheck(commandLineNames: []).diagnostics(for: [applied]).map(\.message)
        #expect(problems.count == 1 && problems[0].hasPrefix("unknown variable 'only_first' in '{{only_first}}'"), "a name some rows lack is still caught")
    }

    @Test("Skipped results share the passed kind's transcripts, interrupted ones the others'; one that sent nothing costs nothing")
    func budgetKinds() {
        var budget = TranscriptBudget(RunLimits(testcases: 10, transcripts: 1))
        #expect(budget.admit(Self.result(.skipped, sent: false)).transcriptOmitted == nil)
        #expect(budget.admit(Self.result(.skipped)).transcriptOmitted == nil)
        let passed = budget.admit(Self.result(.passed))
        #expect(passed.transcriptOmitted?.hasSuffix("its first 1 passed or skipped testcases") == true)
        #expect(passed.steps[0].request?.headers.isEmpty == true && passed.steps[0].curlCommand == nil)
        #expect(budget.admit(Self.result(.interrupted)).transcriptOmitted == nil)
        #expect(budget.admit(Self.result(.failed)).transcriptOmitted?.hasSuffix("its first 1 failed, errored or interrupted testcases") == true)
        #expect(budget.admit(Self.result(.errored, sent: false)).transcriptOmitted == nil)
    }
}
