import Testing

@testable import GauntletScenario

/// `--var` and `--secret` names no selected scenario reads are warned about before the run.
@Suite struct UnusedVariableCheckTests {
    static let file = """
        variables: { validation_status: 400, base: "{{prefix}}-x" }
        scenarios:
          - name: rejects
            tags: [seed]
            steps:
              - request: { method: POST, path: /events, json: { key: "{{env.HOME}}" } }
                expect: { status: [400, "{{validation_status}}"] }
              - request: { path: "/events/{{later.id}}" }
                when: { defined: guarded }
          - name: strict only
            tags: [strict]
            steps:
              - request: { path: "/events/{{strict_only}}" }
        """

    func warnings(_ given: [String], tags: Set<String> = ["seed"]) throws -> [String] {
        let file = try ScenarioLoader.parse(yaml: Self.file, path: "v.yaml")
        let read = UnusedVariableCheck.namesRead(in: [file]) { !$0.isDisjoint(with: tags) }
        return UnusedVariableCheck.warnings(for: given.map { UnusedVariableCheck.Given(flag: "--var", name: $0) }, read: read)
    }

    @Test("Names read by a template, a dotted head, a file variable's template, a when: condition or env. are used")
    func readNamesAreNotWarnedAbout() throws {
        #expect(try warnings(["validation_status", "prefix", "later", "guarded", "env.HOME"]) == [])
    }

    @Test("A misspelt name is warned about with the closest name read; one a deselected scenario reads is unused too")
    func unreadNamesAreWarnedAbout() throws {
        #expect(try warnings(["validation_statu", "strict_only"]) == [
            "warning: --var validation_statu is not used by any selected scenario (did you mean 'validation_status'?)",
            "warning: --var strict_only is not used by any selected scenario",
        ])
        #expect(try warnings(["strict_only"], tags: ["strict"]) == [])
    }
}
