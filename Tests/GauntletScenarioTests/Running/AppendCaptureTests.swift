import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Logging
import Testing

@testable import GauntletScenario

/// `capture: { NAME: { …, append: true } }`: every answer that names something adds it to one
/// list, which a teardown's `for_each` then deletes, and what a response said stays what it said.
@Suite(.timeLimit(.minutes(1))) struct AppendCaptureTests {
    static let event = #"{ eventId: "{{id}}", title: t, description: d, date: "2025-01-01", location: l, capacity: 1, organizer: o, status: active }"#

    /// Runs `yaml` against the reference API with `defects`; returns the run and the ids the
    /// table holds afterwards.
    func run(_ yaml: String, defects: Set<ContractDefect> = []) async throws -> (RunResult, [String]) {
        let file = try ScenarioLoader.parse(yaml: yaml, path: "append.yaml")
        try TemplateCheck(commandLineNames: []).check([file])
        return try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical, defects: defects)) { baseURL in
            let options = RunOptions(baseURL: baseURL, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = await runner.run([file])
            let list = try JSONValue(parsing: try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response.body)
            return (run, (list["events"]?.arrayValue ?? []).compactMap { $0["eventId"]?.stringValue })
        }
    }

    /// The last path segment of each step (teardown included) whose name starts with `prefix`.
    static func ids(_ scenario: ScenarioResult, of prefix: String) -> [String] {
        (scenario.steps + scenario.teardown).filter { $0.name.hasPrefix(prefix) }.compactMap { $0.request?.url.split(separator: "/").last.map(String.init) }
    }

    @Test("append: true gathers what each step and each concurrent answer names into one list, for one for_each")
    func appendGathersEveryCreatedIdIntoOneList() async throws {
        let (result, left) = try await run("""
            variables: { id: "ap-{{scenario_uid}}" }
            scenarios:
              - name: gather the ids of what was created
                steps:
                  - name: create
                    repeat: 2
                    request: { method: POST, path: /events, json: \(Self.event), merge: { eventId: "{{id}}-{{iteration}}" } }
                    expect: { status: 201 }
                    capture: { created: { jsonpath: $.eventId, append: true } }
                  - name: race for one id
                    concurrent: 4
                    request: { method: POST, path: /events, json: \(Self.event), merge: { eventId: "{{id}}-r" } }
                    expect: { statuses: { 201: 1, 409: 3 } }
                    capture: { created: { jsonpath: $.eventId, optional: true, append: true } }
                  - name: delete
                    for_each: { in: created, as: event_id }
                    request: { method: DELETE, path: "/events/{{event_id}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .passed, "\(scenario.verdictLine)")
        #expect(Self.ids(scenario, of: "delete (") == ["ap-gtest-s0-1", "ap-gtest-s0-2", "ap-gtest-s0-r"])
        #expect(left == [])
    }

    @Test("Every attempt of a retried step adds what it names: a deployment that stores each attempt under an id of its own leaves nothing")
    func everyAttemptAdds() async throws {
        let (result, left) = try await run("""
            variables: { id: "at-{{scenario_uid}}" }
            scenarios:
              - name: a create retried until it conflicts, which it never does
                steps:
                  - name: create
                    request: { method: POST, path: /events, json: \(Self.event) }
                    retry: { times: 2, interval: 10ms }
                    expect: { status: 409 }
                    capture: { created: { jsonpath: $.eventId, optional: true, append: true } }
                teardown:
                  - name: delete
                    for_each: { in: created, as: event_id }
                    request: { method: DELETE, path: "/events/{{event_id}}" }
            """, defects: [.ownIds])
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.steps.first?.attempts == 3)
        #expect(Set(Self.ids(scenario, of: "delete (")).count == 3)
        #expect(left == [])
    }

    @Test("An appended path that selects several nodes adds each of them, not the list as one item")
    func aPathOfSeveralNodesAddsEach() async throws {
        let (result, _) = try await run("""
            variables: { id: "pn-{{scenario_uid}}" }
            scenarios:
              - name: add each listed id
                steps:
                  - name: create
                    repeat: 2
                    request: { method: POST, path: /events, json: \(Self.event), merge: { eventId: "{{id}}-{{iteration}}" } }
                    expect: { status: 201 }
                  - name: list
                    request: { path: /events }
                    capture: { mine: { jsonpath: "$.events[?search(@.eventId, '^{{id}}-')].eventId", append: true } }
                  - name: delete
                    for_each: { in: mine, as: event_id }
                    request: { method: DELETE, path: "/events/{{event_id}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .passed, "\(scenario.verdictLine)")
        #expect(Set(Self.ids(scenario, of: "delete (")) == ["pn-gtest-s0-1", "pn-gtest-s0-2"])
    }

    @Test("A regex capture of a concurrent step whose rendered pattern is no regular expression fails the step")
    func aConcurrentStepsInvalidPatternFails() async throws {
        let (result, _) = try await run("""
            variables: { pattern: "([" }
            scenarios:
              - name: race with a broken pattern
                steps:
                  - request: { path: /events }
                    concurrent: 2
                    capture: { found: { regex: "{{pattern}}", optional: true, append: true } }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .failed)
        #expect(scenario.steps.first?.assertions.contains { $0.subject == "capture found" && !$0.passed } == true)
    }
}

/// What a response said (a capture) or a loop's item is a value, never a template read again.
@Suite struct VerbatimValueTests {
    @Test("A captured value that holds '{{' renders as it is, alone and in a list")
    func aCapturedValueIsNoTemplate() throws {
        var scope = VariableScope(constants: ["run_id": "g1"], environment: [:]).adding(["declared": "ev-{{run_id}}"])
        scope.set("captured", to: "odd{{id")
        scope.set("ids", to: ["a{{b", "c"])
        #expect(try Template("/events/{{captured}}").render(in: scope) == "/events/odd{{id")
        #expect(try Template("/events/{{declared}}").render(in: scope) == "/events/ev-g1")
        #expect(StepForEach(list: "ids", name: "id").items(in: scope) == ["a{{b", "c"])
    }

    @Test("append adds to a captured list as it is, and to a declared one as it renders")
    func appendReadsTheHeldValue() {
        var scope = VariableScope(constants: ["run_id": "g1"], environment: [:]).adding(["seeded": ["s-{{run_id}}"]])
        scope.set("ids", to: ["a{{b"])
        #expect(StepJudge.appending(["c"], to: scope.heldValue(of: "ids")) == ["a{{b", "c"])
        #expect(StepJudge.appending(["c"], to: scope.heldValue(of: "seeded")) == ["s-g1", "c"])
        #expect(StepJudge.appending(["c"], to: scope.heldValue(of: "unset")) == ["c"])
    }

    @Test("A loop puts back what its item's name held, verbatim or declared, as it was")
    func aLoopRestoresWhatItShadowed() throws {
        var scope = VariableScope(constants: ["run_id": "g1"], environment: [:]).adding(["item": "i-{{run_id}}"])
        let declared = scope.innermostValue(of: "item")
        scope.set("item", to: "x{{y")
        #expect(try Template("{{item}}").render(in: scope) == "x{{y")
        scope.restore("item", to: declared)
        #expect(try Template("{{item}}").render(in: scope) == "i-g1")
    }
}
