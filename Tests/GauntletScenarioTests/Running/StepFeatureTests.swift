import Logging
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Testing

@testable import GauntletScenario

/// Preconditions, `when:`, optional captures, `left_behind`, table row names and secrets,
/// run against the reference API.
@Suite(.timeLimit(.minutes(1))) struct StepFeatureTests {
    static let event = #"{ eventId: "{{id}}", title: t, description: d, date: "2025-01-01", location: l, capacity: 1, organizer: o, status: active }"#

    func run(_ yaml: String, secrets: [String: String] = [:]) async throws -> RunResult {
        let file = try ScenarioLoader.parse(yaml: yaml, path: "features.yaml")
        try TemplateCheck(commandLineNames: Set(secrets.keys)).check([file])
        return try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            let options = RunOptions(baseURL: baseURL, secretVariables: secrets, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            return await runner.run([file])
        }
    }

    @Test func aFailedPreconditionSkipsTheRestButNotTheTeardown() async throws {
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            scenarios:
              - name: needs an empty table
                steps:
                  - name: create
                    request: { method: POST, path: /events, json: \(Self.event) }
                    expect: { status: 201 }
                  - name: table is empty
                    request: { path: /events }
                    given: { jsonpath: { $.events: { count: 0 } } }
                    expect: { status: 500 }
                  - name: never runs
                    request: { path: /nowhere }
                teardown:
                  - request: { method: DELETE, path: "/events/{{id}}" }
                    expect: { status: 200 }
            """)
        #expect(result.succeeded, "a skipped scenario does not fail the run")
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .skipped)
        #expect(scenario.reason?.hasPrefix("precondition failed: table is empty: jsonpath $.events expected count 0, got [") == true)
        #expect(scenario.steps.count == 2)
        #expect(scenario.steps[1].assertions.isEmpty, "the rule is not judged when its precondition fails")
        #expect(scenario.teardown.first?.passed == true)
    }

    @Test func aCaptureThatFindsNothingIsAPreconditionOnlyWithoutExpect() async throws {
        let result = try await run("""
            scenarios:
              - name: capture alone
                steps:
                  - request: { path: /events }
                    capture: { first: "$.events[0].eventId" }
              - name: capture with expect
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
                    capture: { first: "$.events[0].eventId" }
            """)
        #expect(result.scenarios.map(\.outcome) == [.skipped, .failed])
        #expect(result.scenarios[0].reason == "precondition failed: GET /events: capture first expected a value to capture, got (no match)")
    }

    @Test func givenAppliesToEveryConcurrentAnswerAndIsRetried() async throws {
        let result = try await run("""
            scenarios:
              - name: concurrent
                steps:
                  - request: { path: /events }
                    concurrent: 3
                    given: { status: 404 }
                    expect: { statuses: { 200: 3 } }
              - name: retried
                steps:
                  - request: { path: /events }
                    retry: { times: 2, interval: 1ms }
                    given: { status: 404 }
            """)
        #expect(result.scenarios.map(\.outcome) == [.skipped, .skipped])
        #expect(result.scenarios[0].reason == "precondition failed: GET /events: status expected 404, got 200")
        #expect(result.scenarios[1].steps.first?.attempts == 3, "retried until given holds, then given up")
    }

    @Test func optionalCapturesAndWhenDefinedLeaveNothingToFail() async throws {
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            teardown:
              - name: delete what was created
                request: { method: DELETE, path: "/events/{{created}}" }
                when: { defined: created }
                expect: { status: 200 }
            scenarios:
              - name: creates
                steps:
                  - request: { method: POST, path: /events, json: \(Self.event) }
                    capture: { created: { jsonpath: $.eventId, optional: true } }
              - name: creates nothing
                steps:
                  - request: { path: /events }
                    capture: { created: { jsonpath: "$.events[?@.eventId == 'none'].eventId", optional: true } }
            """)
        #expect(result.scenarios.map(\.outcome) == [.passed, .passed])
        #expect(result.scenarios[0].teardown.first?.response?.status == 200)
        #expect(result.scenarios[0].teardown.first?.response?.httpVersion == "HTTP/1.1")
        let skipped = try #require(result.scenarios[1].teardown.first)
        #expect(skipped.skipReason == "'created' is not defined (when: { defined: created })")
        #expect(skipped.request == nil, "nothing was sent")
    }

    @Test func aFailedTeardownStepSaysWhatItLeftBehind() async throws {
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            scenarios:
              - name: reports only
                steps:
                  - request: { method: POST, path: /events, json: \(Self.event) }
                teardown:
                  - request: { method: DELETE, path: "/events/{{id}}-typo" }
                    expect: { status: 200 }
                    left_behind: "event {{id}}"
                  - request: { method: DELETE, path: "/events/{{id}}" }
              - name: strict
                expect_nothing_left_behind: true
                steps:
                  - request: { method: POST, path: /events, json: \(Self.event) }
                teardown:
                  - request: { method: DELETE, path: "/events/nothing-{{id}}" }
                    expect: { status: 200 }
                    left_behind: "event nothing-{{id}}"
                  - request: { method: DELETE, path: "/events/{{id}}" }
              - name: reads only
                steps:
                  - request: { path: /events }
                teardown:
                  - request: { method: DELETE, path: "/events/never-{{id}}" }
                    expect: { status: 200 }
                    left_behind: "event never-{{id}}"
            """)
        #expect(result.scenarios[0].outcome == .passed)
        #expect(result.scenarios[0].leftBehind == ["event g-gtest-s0"])
        #expect(result.scenarios[1].outcome == .failed)
        #expect(result.scenarios[1].reason == "left behind (expect_nothing_left_behind): event nothing-g-gtest-s1")
        #expect(result.leftBehind.map(\.label) == ["event g-gtest-s0", "event nothing-g-gtest-s1"], "a scenario that only read left nothing")
        #expect(!result.succeeded)
    }

    @Test func tableRowsGetDistinctNames() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: no placeholder
                cases: [{ field: title, value: 123 }, { field: capacity, value: [1, "a"] }]
                steps: [{ request: { path: / } }]
              - name: "{{field}} is rejected"
                cases: [{ field: title, value: 1 }, { field: title, value: 2 }, { field: date }]
                steps: [{ request: { path: / } }]
              - name: identical rows
                cases: [{ a: 1 }, { a: 1 }]
                steps: [{ request: { path: / } }]
              - name: single row {{a}}
                cases: [{ a: 1 }]
                steps: [{ request: { path: / } }]
            """, path: "names.yaml")
        let runner = ScenarioRunner(client: CurlClient.shared, options: RunOptions(baseURL: "http://h"), schemas: try SchemaCatalog(for: [file]))
        #expect(runner.plan([file]).map(\.name) == [
            "no placeholder [field=title, value=123]",
            #"no placeholder [field=capacity, value=[1,"a"]]"#,
            "title is rejected [field=title, value=1]",
            "title is rejected [field=title, value=2]",
            "date is rejected",
            "identical rows [a=1] (row 1)",
            "identical rows [a=1] (row 2)",
            "single row 1",
        ])
    }

    @Test("A name its values fill with blanks keeps its template: a testcase named nothing cannot be found")
    func aNameFilledWithNothingKeepsItsTemplate() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: "{{x}}"
                steps: [{ request: { path: / } }]
              - name: "{{y}} read"
                steps: [{ request: { path: / } }]
            """, path: "blank.yaml")
        let options = RunOptions(baseURL: "http://h", variables: ["x": .string(" "), "y": .string("")])
        let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
        #expect(runner.plan([file]).map(\.name) == ["{{x}}", " read"])
    }

    @Test func secretValuesAreRedactedFromEveryResultText() async throws {
        let secret = "s3cr3t-\(UUID().uuidString.prefix(8))"
        let result = try await run("""
            scenarios:
              - name: uses {{token}}
                steps:
                  - name: send {{token}}
                    request:
                      method: POST
                      path: "/events/{{token}}?q={{ token | urlencode }}"
                      headers: { X-Probe: "{{token}}" }
                      json: { "{{token}}": "{{token}}" }
                    expect:
                      status: 201
                      jsonpath: { $.detail: "{{token}}" }
            """, secrets: ["token": secret])
        let text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!text.contains(secret))
        #expect(text.contains(SecretRedaction.placeholder))
        #expect(result.scenarios.first?.outcome == .failed)
    }

    @Test("A step with no expect needs an answer below 400, as under load; a teardown step any answer")
    func aStepWithNoExpectFailsOnAnErrorStatus() async throws {
        let result = try await run("""
            scenarios:
              - name: reads a missing event
                steps:
                  - request: { path: /events/never-created }
                teardown:
                  - request: { method: DELETE, path: /events/never-created }
              - name: lists events
                steps:
                  - request: { path: /events }
            """)
        let failed = try #require(result.scenarios.first)
        #expect(failed.outcome == .failed)
        #expect(failed.steps.first?.assertions.map(\.summary) == [
            "features.yaml:4:9: status: expected below 400 (the step writes no 'expect'), got 404"
        ])
        #expect(failed.teardown.first?.passed == true, "a DELETE of what was never stored may well be a 404")
        #expect(result.scenarios.last?.outcome == .passed)
    }

    @Test("A scenario whose every answer was a client error acted on nothing: its failed cleanup is not a leftover")
    func cleanupAfterOnlyRefusalsClaimsNothing() async throws {
        // The cleanup check cannot pass (it reads another id), and its 404 shows nothing there.
        let cleanup = """
                teardown:
                  - request: { path: "/events/{{id}}-elsewhere" }
                    expect: { status: 200 }
                    left_behind: { label: "event {{id}}", present: { status: 200 } }
                  - request: { method: DELETE, path: "/events/{{id}}" }
            """
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            scenarios:
              - name: every write refused
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
                  - request: { method: POST, path: /events, json: { title: no id } }
                    expect: { status: 201 }
            \(cleanup)
              - name: a write answered
                steps:
                  - request: { method: POST, path: /events, json: \(Self.event) }
                    expect: { status: 200 }
            \(cleanup)
            """)
        #expect(result.scenarios.map(\.outcome) == [.failed, .failed])
        #expect(result.scenarios[0].unverified == [], "a 400 to the create stored nothing, and a read changes nothing")
        #expect(result.scenarios[1].unverified.count == 1, "after a 201 the run cannot tell")
        #expect(result.everyAnswerRefused == nil)
    }

    @Test("What the teardown itself adds (a control event) is named when its check fails, though every write of the scenario was refused")
    func theTeardownsOwnWritesCount() async throws {
        // The check of the control cannot pass (it reads another id), and its 404 shows nothing there.
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            scenarios:
              - name: every write refused
                steps:
                  - request: { method: POST, path: /events, json: { title: no id } }
                    expect: { status: 201 }
                teardown:
                  - request: { method: POST, path: /events, json: \(Self.event), merge: { eventId: "{{id}}-control" } }
                  - request: { path: "/events/{{id}}-control-elsewhere" }
                    expect: { status: 200 }
                    left_behind: { label: "event {{id}}-control", present: { status: 200 } }
                  - request: { method: DELETE, path: "/events/{{id}}-control" }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.outcome == .failed)
        #expect(scenario.unverified.count == 1, "the teardown created the control: a check that cannot show it gone names it")
        #expect(scenario.unverified.first?.hasPrefix("event g-") == true && scenario.unverified.first?.contains("-control (GET ") == true,
                "\(scenario.unverified)")
    }

    @Test func aRunWhoseEveryAnswerWasOneErrorSaysSo() async throws {
        let result = try await run("""
            scenarios:
              - name: one
                steps: [{ request: { path: /events/a }, expect: { status: 200 } }]
              - name: two
                steps: [{ request: { path: /events/b }, expect: { status: 200 } }]
            """)
        #expect(result.everyAnswerRefused?.status == 404)
        #expect(result.everyAnswerRefused?.body.contains("not found") == true)
    }

    @Test("Copies sent at once with no expect need answers below 400 too; a step capturing its status branches on it")
    func concurrentCopiesAndStatusCapturesUnderTheNoExpectRule() async throws {
        let result = try await run("""
            scenarios:
              - name: five invalid creates at once
                steps:
                  - request: { method: POST, path: /events, json: { title: no id } }
                    concurrent: 5
              - name: branch on a missing event's status
                steps:
                  - request: { path: /events/never-created }
                    capture: { read_status: { status: true } }
                  - request: { path: /events }
                    when: { read_status: 404 }
                    expect: { status: 200 }
            """)
        #expect(result.scenarios.map(\.outcome) == [.failed, .passed])
        #expect(result.scenarios[0].steps.first?.assertions.last?.summary.hasSuffix("expected below 400 (the step writes no 'expect'), got 400") == true)
    }

    @Test("One create of twenty at once won: a failed cleanup after it is recorded, though the step shows a 409")
    func aConcurrentStepThatCreatedCountsAsActedOn() async throws {
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}" }
            scenarios:
              - name: racing creates
                steps:
                  - request: { method: POST, path: /events, json: \(Self.event) }
                    concurrent: 4
                    expect: { statuses: { 201: 1, 409: 3 } }
                teardown:
                  - request: { path: "/events/{{id}}" }
                    expect: { status: 404 }
                    left_behind: "event {{id}}"
                  - request: { method: DELETE, path: "/events/{{id}}" }
                    expect: { status: 200 }
            """)
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.steps.first?.response?.status == 409, "the step shows an answer that failed")
        #expect(scenario.leftBehind.count == 1 && scenario.leftBehind.first?.hasPrefix("event g-") == true, "\(scenario.leftBehind)")
        #expect(scenario.teardown.last?.passed == true)
    }

    @Test("A key a file's header carries is hidden where the answer quotes it back, checks included")
    func aFileHeadersKeyIsHiddenInTheAnswer() async throws {
        let key = "key-\(UUID().uuidString)"
        let result = try await run("""
            variables: { id: "g-{{scenario_uid}}", key: "\(key)" }
            headers: { x-api-key: "{{key}}" }
            scenarios:
              - name: an answer that quotes the key
                steps:
                  - request:
                      method: POST
                      path: /events
                      json: { eventId: "{{id}}", title: t, description: "{{key}}", date: "2025-01-01", location: l, capacity: 1, organizer: o, status: active }
                    expect: { status: 201 }
                  - request: { path: "/events/{{id}}" }
                    expect: { status: 200, jsonpath: { $.description: { equals: "something else" } } }
                teardown:
                  - request: { method: DELETE, path: "/events/{{id}}" }
            """)
        let step = try #require(result.scenarios.first?.steps.last)
        #expect(!step.passed)
        let encoded = String(decoding: try JSONEncoder().encode(result.scenarios), as: UTF8.self)
        #expect(!encoded.contains(key), "the key is in the results")
        #expect(step.response?.body.contains(#""description":"***""#) == true, "\(step.response?.body ?? "")")
        #expect(step.assertions.contains { $0.actual.contains("***") }, "\(step.assertions)")
    }
}
