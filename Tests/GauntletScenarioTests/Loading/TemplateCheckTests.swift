import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

/// Every template's names are checked before the run, with the scalar's line and column.
@Suite struct TemplateCheckTests {
    func problems(_ yaml: String, commandLine: Set<String> = [], environment: [String: String] = ["HOME": "/root"]) throws -> [String] {
        let file = try ScenarioLoader.parse(yaml: yaml, path: "check.yaml")
        return TemplateCheck(commandLineNames: commandLine, environment: environment).diagnostics(for: [file]).map(\.description)
    }

    @Test func everyKnownKindOfNamePasses() throws {
        let found = try problems("""
            variables: { event: { eventId: "e-{{scenario_uid}}" } }
            headers: { X-Home: "{{env.HOME}}" }
            teardown:
              - request: { method: DELETE, path: "/events/{{event.eventId}}" }
              - request: { method: DELETE, path: "/events/{{later}}" }
                when: { defined: later }
            scenarios:
              - name: "{{field}} is {{value}}"
                variables: { extra: "{{event.eventId}}-{{from_command_line}}" }
                cases: [{ field: a, value: 1 }, { field: b, value: 2 }]
                steps:
                  - request: { path: "/events/{{created}}?x={{ uuid | urlencode }}", json: { "{{field}}": "{{extra}}" } }
                    expect: { jsonpath: { "$.{{field}}": "{{value}}" } }
                  - request: { method: POST, path: /events }
                    capture: { created: $.eventId, later: { jsonpath: $.x, optional: true } }
            """, commandLine: ["from_command_line"])
        #expect(found == [])
    }

    @Test("A case key some rows lack is unknown: those rows would fail after requests were sent")
    func aKeySomeRowsLackIsReported() throws {
        let found = try problems("""
            scenarios:
              - name: "{{field}}"
                cases: [{ field: a }, { field: b, value: 2 }]
                steps:
                  - request: { path: "/events/{{value}}" }
            """)
        #expect(found == ["check.yaml:5:26: error: 'value' in '{{value}}' is a key of some cases but case 1 lacks it; give it in every case"])
    }

    @Test("A misspelt for_each list ran its step no time, and a cleanup so deleted nothing, unreported")
    func aForEachListNothingSetsIsReported() throws {
        let found = try problems("""
            scenarios:
              - name: clean up
                steps:
                  - request: { path: /events }
                    capture: { ids: "$.events[*].eventId" }
                  - request: { method: DELETE, path: "/events/{{one}}" }
                    for_each: { in: idss, as: one }
            """)
        #expect(found == ["check.yaml:7:25: error: 'for_each: { in: idss }' names a variable that nothing sets; did you mean 'ids'?"])
    }

    @Test("A scenario's when is read before its steps: a capture there would skip the scenario every time")
    func aScenarioConditionOnACaptureIsReported() throws {
        let found = try problems("""
            scenarios:
              - name: only when created
                when: { got: { exists: true } }
                steps:
                  - request: { path: /events }
                    capture: { got: $.events }
              - name: on a starting variable
                variables: { target: local }
                when: { target: local }
                steps:
                  - request: { path: /events }
            """)
        #expect(found == [
            "check.yaml:3:13: error: 'when: got' names 'got', which only a step of the scenario sets; "
                + "a scenario's 'when' is read before its steps run (put the 'when' on the step that needs it)"
        ])
    }

    @Test func unknownNamesAndUnsetEnvironmentAreReportedAtTheirScalars() throws {
        let found = try problems("""
            scenarios:
              - name: probe {{nmae}}
                steps:
                  - request:
                      path: "/events/{{evnt.eventId}}"
                      headers: { "X-{{hdr}}": "{{env.NOT_SET_ANYWHERE}}" }
                      json: { "{{kee}}": 1 }
                    expect:
                      headers: { "{{hname}}": x }
                      jsonpath: { "$.{{pth}}": { equals: "{{val}}" } }
                    capture: { c: "$.{{cap}}" }
                    when: { defined: nope }
            """)
        #expect(found == [
            "check.yaml:2:11: error: unknown variable 'nmae' in '{{nmae}}'",
            "check.yaml:5:17: error: unknown variable 'evnt' in '{{evnt.eventId}}'",
            "check.yaml:6:22: error: unknown variable 'hdr' in '{{hdr}}'",
            "check.yaml:6:35: error: environment variable 'NOT_SET_ANYWHERE' is not set (named by '{{env.NOT_SET_ANYWHERE}}')",
            "check.yaml:7:19: error: unknown variable 'kee' in '{{kee}}'",
            "check.yaml:9:22: error: unknown variable 'hname' in '{{hname}}'",
            "check.yaml:10:23: error: unknown variable 'pth' in '{{pth}}'",
            "check.yaml:10:46: error: unknown variable 'val' in '{{val}}'",
            "check.yaml:11:23: error: unknown variable 'cap' in '{{cap}}'",
            "check.yaml:12:26: error: 'defined: nope' names a variable that nothing sets",
        ])
    }

    @Test func aCloseNameIsSuggested() throws {
        let found = try problems("""
            variables: { event_id: x }
            scenarios:
              - name: a
                steps: [{ request: { path: "/events/{{event_di}}" } }]
            """)
        #expect(found == ["check.yaml:4:32: error: unknown variable 'event_di' in '{{event_di}}'; did you mean 'event_id'?"])
    }

    @Test("A file variable no scenario can fill is one message naming them all, and none beside a scenario's own use of it (a YAML alias)")
    func aFileVariableIsReportedOnce() throws {
        #expect(try problems("""
            variables: { event: { title: "{{nope}}" } }
            scenarios:
              - name: one
                steps: [{ request: { path: /events } }]
              - name: two
                steps: [{ request: { path: /events } }]
            """) == [
                "check.yaml:1:30: error: unknown variable 'nope' in '{{nope}}'; the file's variables, headers and teardown are used in every scenario, "
                    + "and no scenario sets such a name"
            ])
        #expect(try problems("""
            variables: { event: &base { title: "{{nope}}" } }
            scenarios:
              - name: one
                steps: [{ request: { method: POST, path: /events, json: { <<: *base } } }]
            """).filter { $0.contains("'nope'") }.count == 1)
    }

    @Test func theFileTeardownMustResolveInEveryScenario() throws {
        let found = try problems("""
            teardown:
              - request: { method: DELETE, path: "/events/{{id}}" }
            scenarios:
              - name: creates
                steps: [{ request: { method: POST, path: /events }, capture: { id: $.eventId } }]
              - name: reads only
                steps: [{ request: { path: /events } }]
            """)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("check.yaml:2:38: error: unknown variable 'id' in '{{id}}'") == true, "\(found)")
        #expect(found.first?.contains("scenario 'reads only' sets no such name") == true)
    }

    @Test func malformedPlaceholdersAreLoadErrorsWithTheirPosition() {
        let yaml = """
            scenarios:
              - name: a
                steps:
                  - request: { path: "/events/{{id", json: { k: "{{ x | shout }}", "{{}}": 1 } }
                    left_behind: "x"
            """
        #expect {
            try ScenarioLoader.parse(yaml: yaml, path: "check.yaml")
        } throws: { error in
            let found = (error as? ScenarioLoadError)?.diagnostics.map(\.description) ?? []
            return found.count == 4
                && found[0].hasPrefix("check.yaml:4:26: error: unterminated placeholder")
                && found[1].hasPrefix("check.yaml:4:53: error: unknown filter 'shout'")
                && found[2].hasPrefix("check.yaml:4:72: error: empty placeholder")
                && found[3].hasPrefix("check.yaml:5:9: error: 'left_behind' labels what a failed teardown step leaves behind")
        }
    }

    @Test func newStepKeysAreReadAndCheckedStrictly() throws {
        let file = try ScenarioLoader.parse(yaml: """
            expect_nothing_left_behind: true
            scenarios:
              - name: a
                expect_nothing_left_behind: false
                steps:
                  - request: { path: /events }
                    given: { status: 200, jsonpath: { $.events: { count: 0 } } }
                    capture: { first: { jsonpath: "$.events[0].eventId", optional: true } }
                teardown:
                  - request: { method: DELETE, path: "/events/{{first}}" }
                    when: { defined: first }
                    left_behind: "event {{first}}"
            """, path: "keys.yaml")
        #expect(file.expectNothingLeftBehind)
        let scenario = try #require(file.scenarios.first)
        #expect(!scenario.expectNothingLeftBehind)
        #expect(scenario.steps[0].preconditions.count == 2)
        #expect(scenario.steps[0].captures.first?.optional == true)
        #expect(scenario.teardown[0].condition?.clauses == [.defined("first")])
        #expect(scenario.teardown[0].leftBehind == "event {{first}}")

        #expect {
            try ScenarioLoader.parse(yaml: """
                scenarios:
                  - name: a
                    steps:
                      - request: { path: /events }
                        when: {}
                        capture: { c: { jsonpath: $.x, optional: yes please } }
                """, path: "bad.yaml")
        } throws: { error in
            let found = (error as? ScenarioLoadError)?.diagnostics.map(\.description) ?? []
            return found.count == 2
                && found[0] == "bad.yaml:5:15: error: 'when' needs a condition, as in 'when: { defined: created_id }' or 'when: { created_status: 201 }'"
                && found[1].hasPrefix("bad.yaml:6:50: error: optional must be true or false")
        }
    }

    @Test func theShippedContractSuitePassesTheCheck() throws {
        let files = try ScenarioLoader.load(paths: [ContractSuite.path])
        #expect(TemplateCheck(environment: [:]).diagnostics(for: files).map(\.description) == [])
    }
}
