import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Logging
import Testing

@testable import GauntletScenario

/// `when:` predicates on steps and scenarios, `repeat:` with `{{iteration}}`, `delay:` and
/// `cases_from:`, run against the reference API.
@Suite(.timeLimit(.minutes(1))) struct ConditionAndLoopTests {
    static let event = #"{ eventId: "{{id}}", title: t, description: d, date: "2025-01-01", location: l, capacity: 1, organizer: o, status: active }"#

    func run(_ yaml: String, variables: [String: JSONValue] = [:], path: String = "loops.yaml") async throws -> RunResult {
        let file = try ScenarioLoader.parse(yaml: yaml, path: path)
        try TemplateCheck(commandLineNames: Set(variables.keys)).check([file])
        return try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            let options = RunOptions(baseURL: baseURL, variables: variables, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            return await runner.run([file])
        }
    }

    @Test func aStepRunsOnlyWhenAPredicateOnACapturedStatusHolds() async throws {
        let result = try await run("""
            variables: { id: "w-{{scenario_uid}}" }
            scenarios:
              - name: create, then branch on the answer
                steps:
                  - name: create
                    request: { method: POST, path: /events, json: \(Self.event) }
                    capture: { created_status: { status: true } }
                  - name: only after a conflict
                    when: { created_status: 409 }
                    request: { path: /nowhere }
                    expect: { status: 200 }
                  - name: only after a create
                    when: { created_status: { one_of: [200, 201] }, defined: id }
                    request: { path: "/events/{{id}}" }
                    expect: { status: 200 }
                teardown:
                  - request: { method: DELETE, path: "/events/{{id}}" }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .passed)
        try #require(scenario.steps.map(\.name) == ["create", "only after a conflict", "only after a create"])
        #expect(scenario.steps[1].skipReason == "when: created_status equals 409 does not hold: created_status is 201")
        #expect(scenario.steps[1].request == nil, "a skipped step sends nothing")
        #expect(scenario.steps[2].skipReason == nil)
        #expect(scenario.steps[2].response?.status == 200)
    }

    @Test("for_each sends a step once per item a list answered with; an empty list runs it no time")
    func forEachDeletesEveryListedEvent() async throws {
        let result = try await run("""
            variables: { id: "fe-{{scenario_uid}}" }
            scenarios:
              - name: create three, then delete each one a list holds
                steps:
                  - name: create
                    repeat: 3
                    request: { method: POST, path: /events, json: \(Self.event), merge: { eventId: "{{id}}-{{iteration}}" } }
                    expect: { status: 201 }
                  - name: list mine
                    request: { path: /events }
                    capture: { mine: "$.events[?search(@.eventId, '^{{id}}-')].eventId" }
                  - name: delete
                    for_each: { in: mine, as: event_id }
                    request: { method: DELETE, path: "/events/{{event_id}}" }
                    expect: { status: 200 }
                  - name: none left
                    request: { path: /events }
                    expect: { jsonpath: { "$.events[?search(@.eventId, '^{{id}}-')]": { count: 0 } } }
                  - name: a list that holds nothing
                    request: { path: /events }
                    capture: { nothing: { jsonpath: "$.events[?@.eventId == 'no such event']", optional: true } }
                  - name: delete nothing
                    for_each: { in: nothing, as: event_id }
                    request: { method: DELETE, path: "/events/{{event_id}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .passed, "\(scenario.verdictLine)")
        let deletes = scenario.steps.filter { $0.name.hasPrefix("delete (") }
        #expect(deletes.map(\.name) == ["delete (1 of 3)", "delete (2 of 3)", "delete (3 of 3)"])
        let deleted: [String] = deletes.compactMap { step -> String? in
            guard let url = step.request?.url, let last = url.split(separator: "/").last else { return nil }
            return String(last)
        }
        #expect(Set(deleted).count == 3)
        #expect(scenario.steps.last?.skipReason == "for_each: 'nothing' holds no item")
        #expect(scenario.steps.last?.request == nil)
    }

    @Test("for_each reads its list once (an item named like it, or a capture in the loop, changes nothing) and puts the name back after")
    func forEachReadsItsListOnceAndPutsTheNameBack() async throws {
        let result = try await run("""
            scenarios:
              - name: loops
                variables: { lst: [x1, x2, x3], it: ORIG }
                steps:
                  - name: named like its list
                    for_each: { in: lst, as: lst }
                    request: { path: "/events/{{lst}}" }
                    expect: { status: 404 }
                    capture: { lst: { status: true } }
                  - name: item
                    for_each: { in: lst, as: it }
                    request: { path: "/events/{{it}}" }
                    expect: { status: 404 }
                  - name: after
                    request: { path: "/events/after-{{it}}" }
                    expect: { status: 404 }
            """)
        let scenario = try #require(result.scenarios.first)
        let paths: [String] = scenario.steps.compactMap { step -> String? in
            guard let url = step.request?.url, let range = url.range(of: "/events/") else { return nil }
            return String(url[range.upperBound...])
        }
        #expect(paths == ["x1", "x2", "x3", "x1", "x2", "x3", "after-ORIG"], "\(paths)")
    }

    @Test func aScenarioRunsOnlyWhenItsConditionHoldsAndIsReportedSkippedOtherwise() async throws {
        let yaml = """
            scenarios:
              - name: staging only
                variables: { tier: paid }
                when: { target: staging, tier: { not_equals: free } }
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
                teardown:
                  - request: { path: /events }
              - name: always
                steps:
                  - request: { path: /events }
            """
        let production = try await run(yaml, variables: ["target": "production"])
        #expect(production.succeeded, "a skipped scenario does not fail the run")
        let skipped = try #require(production.scenarios.first)
        #expect(skipped.outcome == .skipped)
        #expect(skipped.reason == #"when: target equals "staging" does not hold: target is "production""#)
        #expect(skipped.steps.isEmpty && skipped.teardown.isEmpty, "nothing ran, nothing was torn down")
        #expect(production.scenarios[1].outcome == .passed)

        let staging = try await run(yaml, variables: ["target": "staging"])
        #expect(staging.scenarios.map(\.outcome) == [.passed, .passed], "every clause holds")
    }

    @Test func repeatRunsAStepNTimesWithIterationAndAScenarioOncePerIteration() async throws {
        let result = try await run("""
            variables: { id: "r-{{scenario_uid}}-{{iteration}}" }
            scenarios:
              - name: three creates
                steps:
                  - name: create
                    repeat: 3
                    request: { method: POST, path: /events, json: \(Self.event) }
                    expect: { status: 201, jsonpath: { $.eventId: "r-{{scenario_uid}}-{{iteration}}" } }
                  - name: after the loop
                    request: { path: "/events/{{id}}" }
                    expect: { status: 200 }
                teardown:
                  - repeat: 3
                    request: { method: DELETE, path: "/events/{{id}}" }
                    expect: { status: 200 }
              - name: twice
                repeat: 2
                steps:
                  - request: { path: "/events?n={{iteration}}" }
                    expect: { status: 200 }
            """)
        let loop = try #require(result.scenarios.first)
        #expect(loop.outcome == .passed, "\(loop.verdictLine)")
        try #require(loop.steps.map(\.name) == ["create (1 of 3)", "create (2 of 3)", "create (3 of 3)", "after the loop"])
        #expect(loop.steps.compactMap(\.request?.url).last?.hasSuffix("/events/r-gtest-s0-1") == true, "iteration is 1 again after the loop")
        #expect(loop.teardown.map { $0.response?.status } == [200, 200, 200], "each created event is deleted")
        #expect(result.scenarios.dropFirst().map(\.name) == ["twice [iteration=1]", "twice [iteration=2]"])
        #expect(result.scenarios.dropFirst().compactMap { $0.steps.first?.request?.url.split(separator: "?").last } == ["n=1", "n=2"])
    }

    @Test func delayPausesBeforeTheStep() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await run("""
            scenarios:
              - name: paced
                steps:
                  - request: { path: /events }
                  - delay: 300ms
                    request: { path: /events }
            """)
        #expect(result.succeeded)
        #expect(clock.now - started >= .milliseconds(300))
        #expect(try #require(result.scenarios.first).durationSeconds >= 0.3)
    }

    @Test func eachRepetitionDecidesItsWhenAndEveryTeardownRepetitionRuns() async throws {
        let result = try await run("""
            scenarios:
              - name: skips the second
                steps:
                  - repeat: 3
                    when: { iteration: { not_equals: 2 } }
                    request: { path: "/events?i={{iteration}}" }
                    expect: { status: 200 }
                teardown:
                  - repeat: 3
                    request: { method: DELETE, path: "/events/none-{{iteration}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .passed)
        #expect(scenario.steps.map { $0.skipReason != nil } == [false, true, false])
        #expect(scenario.teardown.map { $0.response?.status } == [404, 404, 404], "a failed cleanup does not stop the others")
    }

    @Test func aFailingRepetitionEndsTheStep() async throws {
        let result = try await run("""
            scenarios:
              - name: stops at the first failure
                steps:
                  - repeat: 5
                    request: { path: "/events/missing-{{iteration}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .failed)
        #expect(scenario.steps.count == 1)
    }
}
