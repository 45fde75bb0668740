import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

@Suite struct ScenarioLoaderTests {
    func diagnostics(_ yaml: String) -> [String] {
        do {
            _ = try ScenarioLoader.parse(yaml: yaml, path: "probe.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func loadsAStepWithEveryKindOfExpectation() throws {
        let file = try ScenarioLoader.parse(
            yaml: """
                suite: Probe
                tags: [contract]
                variables: { id: "x-{{run_id}}" }
                scenarios:
                  - name: create
                    tags: [seed]
                    steps:
                      - name: post
                        request:
                          method: post
                          path: /events
                          headers: { Origin: https://a.example }
                          json: { eventId: "{{id}}", capacity: 5 }
                        expect:
                          status: 201
                          headers: { Content-Type: { matches: "^application/json" } }
                          body: { eventId: "{{id}}" }
                          jsonpath: { $.eventId: "{{id}}", "$.events[*]": { count: 2 } }
                          schema: openapi.json#/components/schemas/Event
                          max_duration: 250ms
                        capture: { created: $.createdAt, where: { header: Location } }
                        retry: { times: 2, interval: 10ms }
                """, path: "probe.yaml")
        #expect(file.suiteName == "Probe")
        #expect(file.tags == ["contract"])
        let step = try #require(file.scenarios.first?.steps.first)
        #expect(step.request.method == "post")
        #expect(step.request.target == .path("/events"))
        #expect(step.expectations.count == 7)
        #expect(step.captures.map(\.variable) == ["created", "where"])
        #expect(step.retry == RetryPolicy(times: 2, interval: .milliseconds(10)))
        #expect(step.location == ScenarioLocation(file: "probe.yaml", line: 8, column: 9))
    }

    @Test("A tab, which libyaml calls a character that cannot start any token, is named")
    func aTabIsNamedAsSuch() {
        let found = diagnostics("scenarios:\n  - name: a\n    steps:\n\t- request: { path: /events }\n")
        #expect(found == [
            "probe.yaml:4:1: error: YAML syntax: while scanning for the next token found character that cannot start any token "
                + "(a tab: YAML indents with spaces only)"
        ])
    }

    @Test("A quoted number is text, and the message says so")
    func aQuotedNumberIsSaidToBeText() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { path: /events }
                    concurrent: "5"
            """)
        #expect(found == [#"probe.yaml:5:21: error: concurrent must be an integer from 2 to 1000, found the quoted text "5" (a string)"#])
    }

    @Test("A concurrent step captures only into lists each answer may add to")
    func aConcurrentStepCapturesOnlyByAppending() throws {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { method: POST, path: /events }
                    concurrent: 5
                    capture: { id: $.eventId }
            """)
        #expect(found == [
            "probe.yaml:4:9: error: a 'concurrent' step's captures take a value from each answer that has one: write 'append: true, optional: true'"
        ])
        let file = try ScenarioLoader.parse(
            yaml: """
                scenarios:
                  - name: a
                    steps:
                      - request: { method: POST, path: /events }
                        concurrent: 5
                        capture: { ids: { jsonpath: $.eventId, optional: true, append: true } }
                """, path: "probe.yaml")
        let capture = try #require(file.scenarios.first?.steps.first?.captures.first)
        #expect(capture.appends && capture.optional && capture.variable == "ids")
    }

    @Test func unknownKeyNamesFileLineAndColumn() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { path: /events }
                    expct: { status: 200 }
            """)
        #expect(found == [
            "probe.yaml:5:9: error: unknown key 'expct' in a step; expected one of: name, description, request, given, expect, capture, retry, concurrent, when, left_behind, repeat, for_each, delay"
        ])
    }

    @Test func leftBehindTakesALabelAndWhatShowsItThere() throws {
        let file = try ScenarioLoader.parse(
            yaml: """
                teardown:
                  - request: { path: "/events/{{id}}" }
                    expect: { status: 404 }
                    left_behind: { label: "event {{id}}", present: { status: 200, jsonpath: { $.eventId: "{{id}}" } } }
                scenarios:
                  - name: a
                    variables: { id: x }
                    steps: [{ request: { path: /events } }]
                """, path: "probe.yaml")
        let step = try #require(file.teardown.first)
        #expect(step.leftBehind == "event {{id}}")
        #expect(step.leftBehindPresence.count == 2)
        #expect(diagnostics("""
            teardown:
              - request: { path: /events }
                left_behind: { present: { status: 200 }, lable: x }
            scenarios: [{ name: a, steps: [{ request: { path: /events } }] }]
            """) == [
                "probe.yaml:3:46: error: unknown key 'lable' in 'left_behind'; expected one of: label, present",
                "probe.yaml:3:18: error: 'left_behind' needs a 'label': what the step leaves behind when it fails",
            ])
    }

    @Test func forEachTakesTwoVariableNames() throws {
        let file = try ScenarioLoader.parse(
            yaml: """
                scenarios:
                  - name: a
                    steps:
                      - request: { path: /events }
                        capture: { ids: "$.events[*].eventId" }
                      - request: { method: DELETE, path: "/events/{{id}}" }
                        for_each: { in: ids, as: id }
                """, path: "probe.yaml")
        #expect(file.scenarios.first?.steps.last?.forEach == StepForEach(list: "ids", name: "id"))
        #expect(diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { path: /e }
                    for_each: { in: ids }
                  - request: { path: /e }
                    for_each: { in: ids, as: 1x }
                  - request: { path: /e }
                    for_each: { in: ids, as: id }
                    repeat: 2
            """) == [
                "probe.yaml:5:19: error: for_each needs 'in' (the list variable) and 'as' (the name of each item)",
                "probe.yaml:7:34: error: '1x' is not a variable name (letters, digits, '_' and '-', not starting with a digit)",
                "probe.yaml:8:9: error: a step takes one of 'for_each', 'repeat' and 'concurrent'",
            ])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { path: /events }
                    expect:
                      status: 999
                      jsonpath: { "$.[": 1 }
                      headers: { X: { matches: "(" } }
              - steps: []
            """)
        #expect(found.count == 5)
        #expect(found[0].hasPrefix("probe.yaml:6:19: error: status must be a code"))
        #expect(found[1].hasPrefix("probe.yaml:7:23: error: invalid JSONPath '$.['"))
        #expect(found[2].hasPrefix("probe.yaml:8:36: error: invalid regular expression '('"))
        #expect(found.contains { $0.hasPrefix("probe.yaml:9:12: error: 'steps' must list at least one step") })
        #expect(found.contains { $0.hasPrefix("probe.yaml:9:5: error: a scenario needs a 'name'") })
    }

    @Test("A duration past a year is an error at its position, not a trap: 9999999999h overflows 64 bits of nanoseconds")
    func aDurationPastAYearIsNamed() {
        #expect(diagnostics("""
            scenarios:
              - name: probe
                steps:
                  - request: { path: /events }
                    delay: 9999999999h
                    retry: { times: 2, interval: 8784h }
                    expect: { max_duration: 99999999999999999999s }
            """) == [
                "probe.yaml:5:16: error: delay must be a year (8784h) at most, found '9999999999h'",
                "probe.yaml:7:33: error: max_duration must be a year (8784h) at most, found '99999999999999999999s'",
            ])
    }

    @Test("YAML's merge key merges an anchored mapping into a body: the mapping's own keys win, then the first source")
    func aMergeKeyMergesItsMappings() throws {
        let file = try ScenarioLoader.parse(
            yaml: """
                variables:
                  base: &base { eventId: e1, title: Base, capacity: 5 }
                  extra: &extra { title: Extra, location: Oslo }
                scenarios:
                  - name: create
                    steps:
                      - request: { method: POST, path: /events, json: { <<: [*base, *extra], capacity: 7, "<<": literal } }
                """, path: "probe.yaml")
        let body = try #require(file.scenarios.first?.steps.first?.request.body)
        guard case .json(let value, _, _) = body else { Issue.record("not a JSON body: \(body)"); return }
        #expect(value.isEquivalent(to: ["eventId": "e1", "title": "Base", "capacity": 7, "location": "Oslo", "<<": "literal"]), "\(value)")
        #expect(diagnostics("""
            scenarios:
              - name: create
                steps:
                  - request: { method: POST, path: /events, json: { <<: 5 } }
            """) == ["probe.yaml:4:61: error: '<<' (YAML's merge key) takes a mapping or a list of mappings, as in '<<: *base', found a scalar '5'"])
        // Outside a JSON value, a clear word, not "unknown key '<<'" or a header named '<<'.
        #expect(diagnostics("""
            variables: { auth: &auth { X-Tenant: t } }
            scenarios:
              - name: create
                steps:
                  - request: { path: /events, headers: { <<: *auth } }
            """) == ["probe.yaml:5:46: error: '<<' (YAML's merge key) is read inside JSON values only (a body, a variable's value), not in headers: write its keys out"])
    }

    @Test func yamlSyntaxErrorHasItsPosition() {
        let found = diagnostics("""
            scenarios:
              - name: "unterminated
            """)
        #expect(found.count == 1)
        #expect(found[0] == "probe.yaml:2:24: error: YAML syntax: while scanning a quoted scalar found unexpected end of stream")
    }

    @Test func duplicateKeyIsNamed() {
        let found = diagnostics("""
            scenarios:
              - name: a
                name: b
                steps: [{ request: { path: / } }]
            """)
        #expect(found.count == 1)
        #expect(found[0].contains("duplicate key 'name'"))
        #expect(found[0].hasPrefix("probe.yaml:2:"))
    }

    @Test func requestNeedsATargetAndOneBody() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { method: POST, json: {}, body: "x" }
            """)
        #expect(found.contains("probe.yaml:4:44: error: a request has one body: give only one of json, body, body_base64, body_repeat"))
        #expect(found.contains("probe.yaml:4:18: error: a request needs a 'path' (joined to the base URL) or a 'url'"))
        #expect(found.count == 2, "no follow-on errors for the step that could not be read")
    }

    @Test("body_repeat is bounded: a body past 64 MiB (or past Int.max) is an error at its count, not a crash")
    func repeatedBodyIsBounded() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { method: POST, path: /e, body_repeat: { text: "xy", count: 99999999999999 } }
                  - request: { method: POST, path: /e, body_repeat: { text: "xy", count: 9223372036854775807 } }
                  - request: { method: POST, path: /e, body_repeat: { text: "x", count: 1100000 } }
            """)
        #expect(found == [
            "probe.yaml:4:78: error: body_repeat makes a body of 199999999999998 bytes; a request body is at most 67108864 bytes (64 MiB)",
            "probe.yaml:5:78: error: body_repeat makes a body of more than 9223372036854775807 bytes; a request body is at most 67108864 bytes (64 MiB)",
        ])
    }

    @Test("body_repeat's text is not a template: a placeholder in it is an error, not braces sent as the body")
    func repeatedBodyTextIsNotATemplate() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps:
                  - request: { method: POST, path: /e, body_repeat: { text: "{{id}},", count: 3 } }
            """)
        #expect(found == [
            "probe.yaml:4:65: error: body_repeat's text is repeated as written, not filled in: write the text itself, without '{{'",
        ])
    }

    @Test("Aliases that expand a few lines into millions of nodes are an error, not unbounded time and memory")
    func aliasExpansionIsBounded() {
        var lines = [#"  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for level in 1...9 {
            lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        let found = diagnostics("variables:\n" + lines.joined(separator: "\n") + "\nscenarios:\n  - name: a\n    steps: [{ request: { path: / } }]\n")
        #expect(found.count == 1)
        #expect(found.first?.contains("error: the file expands to more than 1000000 YAML nodes") == true, "\(found)")
        // A file within the bound reads as before, aliases and all.
        #expect(diagnostics("""
            variables:
              base: &base { city: Oslo }
              copy: *base
            scenarios:
              - name: a
                steps: [{ request: { path: / } }]
            """).isEmpty)
    }

    @Test("A method, header or path written with a line break (a request split in two, a header injected) is an error where it is written")
    func requestSplittingLiteralsAreErrors() {
        let found = diagnostics(#"""
            scenarios:
              - name: a
                steps:
                  - request: { method: "GE T", path: /e }
                  - request: { path: /e, headers: { "X-A": "a\r\nX-Injected: yes", "X-B: 1\r\nX-C": v } }
                  - request: { path: "/e\r\nX-P: 1" }
                  - request: { method: "{{verb}}", path: "/e/{{id}}", headers: { X-D: "{{value}}" } }
            """#)
        #expect(found.filter { !$0.contains("'verb'") && !$0.contains("'id'") && !$0.contains("'value'") } == [
            #"probe.yaml:4:28: error: the method 'GE T' is not an HTTP method: letters, digits and !#$%&'*+-.^_`|~ only"#,
            #"probe.yaml:5:48: error: the value of header 'X-A' holds a line break (CR, LF or NUL), which would end it and start a header the file never wrote"#,
            #"probe.yaml:5:72: error: the header name 'X-B: 1\r\nX-C' is not an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only"#,
            #"probe.yaml:6:26: error: the path holds a line break (CR, LF or NUL); percent-encode it ('| urlencode')"#,
        ])
    }

    @Test func missingFileIsADiagnostic() {
        #expect(throws: ScenarioLoadError.self) { try ScenarioLoader.load(paths: ["/nonexistent/contract"]) }
    }

    @Test func shippedContractSuiteLoads() throws {
        let files = try ScenarioLoader.load(paths: [ContractSuite.path])
        #expect(files.count >= 9)
        let scenarios = files.flatMap(\.scenarios)
        #expect(scenarios.allSatisfy { !$0.tags.isDisjoint(with: ["seed", "strict"]) }, "every contract check is tagged seed or strict")
        _ = try SchemaCatalog(for: files)
    }
}

/// Where the shipped contract suite lives, found from this source file.
enum ContractSuite {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path
    }
    static var path: String { root + "/Scenarios/contract" }
}
