import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

/// Reading `when:` on steps and scenarios, `repeat:` and `delay:`, and checking the names
/// a condition reads.
@Suite struct WhenConditionLoadingTests {
    func problems(_ yaml: String, names: Set<String> = []) -> [String] {
        do {
            let file = try ScenarioLoader.parse(yaml: yaml, path: "when.yaml")
            return TemplateCheck(commandLineNames: names, environment: [:]).diagnostics(for: [file]).map(\.description)
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func readsPredicatesDefinedRepeatAndDelay() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: s
                when: { target: staging }
                repeat: 2
                steps:
                  - request: { path: /a }
                    capture: { code: { status: true } }
                  - request: { path: /b }
                    when: { code: { one_of: [200, 201] }, defined: code }
                    repeat: 3
                    delay: 250ms
            """, path: "when.yaml")
        let scenario = try #require(file.scenarios.first)
        #expect(scenario.condition?.clauses == [.value("target", Predicate(.equals, "staging"))])
        #expect(scenario.repetitions == 2)
        let step = scenario.steps[1]
        #expect(step.condition?.clauses == [.value("code", Predicate(.oneOf, [200, 201])), .defined("code")])
        #expect(step.condition?.location == ScenarioLocation(file: "when.yaml", line: 9, column: 15))
        #expect(step.repetitions == 3)
        #expect(step.delay == .milliseconds(250))
    }

    @Test func mistakesInWhenRepeatAndDelayHaveTheirPlace() {
        #expect(problems("""
            scenarios:
              - name: s
                steps:
                  - request: { path: /a }
                    when: { code: { bigger: 1 } }
                  - request: { path: /b }
                    when: { "{{code}}": 1 }
                  - request: { path: /c }
                    when: {}
                  - request: { path: /d }
                    repeat: 0
                    delay: soon
                  - request: { path: /e }
                    repeat: 2
                    concurrent: 2
            """) == [
                "when.yaml:5:25: error: unknown key 'bigger' in the checks on when 'code'; expected one of: equals, not_equals, matches, type, exists, contains, includes, count, one_of, less_than, less_or_equal, greater_than, greater_or_equal",
                "when.yaml:5:23: error: no check given for when 'code'",
                "when.yaml:7:17: error: 'when' takes variable names without braces or filters, as in 'defined: created_id' or 'created_status: 201'",
                "when.yaml:9:15: error: 'when' needs a condition, as in 'when: { defined: created_id }' or 'when: { created_status: 201 }'",
                "when.yaml:11:17: error: repeat must be an integer from 1 to 10000, found '0'",
                "when.yaml:12:16: error: delay must be a duration such as 250ms, 2s or 1m, found 'soon'",
                "when.yaml:13:9: error: a step takes either 'concurrent' (copies at once) or 'repeat' (one after another), not both",
            ])
    }

    @Test func aConditionNamesAVariableSomethingSetsAndGuardsWhatItChecks() {
        #expect(problems("""
            scenarios:
              - name: s
                when: { tarGet: staging }
                steps:
                  - request: { path: /a }
                    when: { sttus: 201 }
            """, names: ["target"]) == [
                "when.yaml:3:13: error: 'when: tarGet' names a variable that nothing sets; did you mean 'target'?",
                "when.yaml:6:17: error: 'when: sttus' names a variable that nothing sets",
            ])
        #expect(problems("""
            scenarios:
              - name: s
                when: { defined: token }
                steps:
                  - request: { path: "/a/{{token}}" }
            """, names: ["token"]).isEmpty)
        #expect(problems("""
            scenarios:
              - name: s
                steps:
                  - request: { path: /a }
                    capture: { id: { jsonpath: $.id, optional: true } }
                  - request: { path: "/a/{{id}}" }
                    when: { id: { exists: true } }
            """).isEmpty, "'exists: true' guards the name as 'defined' does")
    }

    @Test func theConditionIsDecidedOnValuesAndSaysWhyItDoesNotHold() throws {
        let scope = VariableScope(overrides: ["code": 404, "event": ["capacity": 5]], environment: [:])
        func reason(_ clauses: [WhenCondition.Clause]) throws -> String? {
            try WhenCondition(clauses, location: ScenarioLocation(file: "f", line: 1, column: 1)).unmetReason(in: scope)
        }
        #expect(try reason([.value("code", Predicate(.greaterOrEqual, 400))]) == nil)
        #expect(try reason([.value("event.capacity", Predicate(.lessThan, 3))]) == "when: event.capacity less_than 3 does not hold: event.capacity is 5")
        #expect(try reason([.value("missing", Predicate(.exists, false))]) == nil)
        #expect(try reason([.value("missing", Predicate(.equals, 1))]) == "when: missing equals 1 does not hold: missing is not set")
        #expect(try reason([.defined("missing")]) == "'missing' is not defined (when: { defined: missing })")
        #expect(try reason([.value("code", Predicate(.equals, "{{code}}"))]) == nil, "operands are templates")
    }
}
