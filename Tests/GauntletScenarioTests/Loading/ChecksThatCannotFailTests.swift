import Foundation
import Testing

@testable import GauntletScenario

/// What a scenario writes that would make a check hold, or never hold, whatever the answer is an
/// error before any request: a check that cannot fail reads green forever.
@Suite struct ChecksThatCannotFailTests {
    func diagnostics(_ yaml: String) -> [String] { ScenarioLoaderTests().diagnostics(yaml) }

    func step(expect: String) -> String {
        """
        scenarios:
          - name: probe
            steps:
              - request: { path: /events }
                expect: \(expect)
        """
    }

    @Test("A pattern in match() or search() that is no regular expression: count 0 on it would always hold")
    func aBadPatternInAJSONPathFunctionIsRefused() {
        let found = diagnostics(step(expect: #"{ jsonpath: { "$.events[?match(@.title, '([x')]": { count: 0 } } }"#))
        #expect(found == [
            "probe.yaml:5:31: error: invalid regular expression '([x' in JSONPath '$.events[?match(@.title, '([x')]': "
                + "match() and search() with it would hold for no node"
        ])
        #expect(diagnostics(step(expect: #"{ jsonpath: { "$.events[?search(@.title, '^T.*e$')]": { count: 0 } } }"#)) == [])
    }

    @Test func aBadPatternInACaptureIsRefusedToo() {
        let found = diagnostics("""
            scenarios:
              - name: probe
                steps:
                  - request: { path: /events }
                    capture: { ids: "$.events[?search(@.eventId, '[')].eventId" }
            """)
        #expect(found.count == 1)
        #expect(found.first?.contains("invalid regular expression '['") == true)
        #expect(diagnostics("""
            scenarios:
              - name: probe
                steps:
                  - request: { path: /docs }
                    capture: { link: { regex: "url: '([^']*" } }
            """) == ["probe.yaml:5:35: error: invalid regular expression 'url: '([^']*'"])
    }

    @Test("includes with nothing to look for held whatever the header said", arguments: ["[]", "[1, 2]", #""""#, #"" , ""#])
    func includesNeedsTokensOfText(operand: String) {
        let found = diagnostics(step(expect: "{ headers: { Access-Control-Allow-Methods: { includes: \(operand) } } }"))
        #expect(found.count == 1)
        #expect(found.first?.contains("includes takes the tokens to find") == true)
    }

    @Test func oneOfAnEmptyListAndAFractionalCountCouldNeverHold() {
        #expect(diagnostics(step(expect: "{ jsonpath: { $.title: { one_of: [] } } }")) == [
            "probe.yaml:5:50: error: one_of takes a list of the values allowed, at least one, found []"
        ])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.events: { count: 0.5 } } }")) == [
            "probe.yaml:5:50: error: count takes a whole number of nodes (0 or more), found 0.5"
        ])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.events: { count: -1 } } }")).count == 1)
        #expect(diagnostics(step(expect: #"{ jsonpath: { $.events: { count: "{{n}}" } } }"#)) == [], "a template is judged once filled")
    }

    @Test("type takes JSON Schema's names, one or a list of them; an empty list could never hold")
    func typeTakesANameOrAListOfNames() {
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: [string, integer] } } }")) == [])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: [] } } }")) == [
            "probe.yaml:5:50: error: type takes one of: null, boolean, integer, number, string, array, object (or a list of them), found []"
        ])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: [string, text] } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: int } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: null } } }")) == [], "YAML's null names the type null")
        #expect(diagnostics(step(expect: "{ jsonpath: { $.eventId: { type: [null, string] } } }")) == [])
    }

    @Test("matches '' finds any text; an empty scenario name names no testcase, and an absent one is one error")
    func anEmptyPatternAndAnEmptyNameAreRefused() {
        #expect(diagnostics(step(expect: #"{ jsonpath: { $.title: { matches: "" } } }"#)) == [
            "probe.yaml:5:51: error: matches '' finds the empty text in any text, so it only checks that there is text: write the pattern to look for, or 'type: string'"
        ])
        #expect(diagnostics("""
            scenarios:
              - name: " "
                steps: [{ request: { path: /events } }]
            """) == ["probe.yaml:2:11: error: a scenario's name is empty: the console and JUnit name each testcase by it"])
        #expect(diagnostics("""
            scenarios:
              - name:
                steps: [{ request: { path: /events } }]
            """).count == 1)
    }

    @Test("Operands YAML has and JSON has not (.inf, .nan) would hold for every number, or for none")
    func nonFiniteOperandsAreRefused() {
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { less_than: .inf } } }")) == [
            "probe.yaml:5:56: error: less_than takes finite numbers (JSON has no infinity or NaN), found '.inf' in the checks on '$.capacity'"
        ])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { not_equals: .nan } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { one_of: [1, -.inf] } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: .inf } }")).count == 1, "the short form of equals")
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: [1, .nan] } }")).count == 1)
        #expect(diagnostics(step(expect: "{ body: { capacity: .inf } }")).count == 1)
    }

    @Test("Bounds no number lies between, and equals beside not_equals of one value, could never hold")
    func contradictoryPredicatesAreRefused() {
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { greater_than: 10, less_than: 5 } } }")) == [
            "probe.yaml:5:43: error: no number is greater than 10 and less than 5 on '$.capacity': the check could never hold"
        ])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { greater_or_equal: 5, less_than: 5 } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.title: { equals: T, not_equals: T } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { greater_or_equal: 5, less_or_equal: 5 } } }")) == [], "5 holds")
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { equals: 7, greater_than: 10 } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.title: { equals: x, type: integer } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.title: { exists: false, equals: 1 } } }")).count == 1)
        #expect(diagnostics(step(expect: "{ jsonpath: { $.capacity: { equals: 7, type: integer, one_of: [7, 8], less_than: 10 } } }")) == [])
        #expect(diagnostics(step(expect: "{ jsonpath: { $.title: { exists: false, not_equals: x } } }")) == [])
        #expect(diagnostics(step(expect: #"{ jsonpath: { $.code: { equals: 422, one_of: [400, "{{code}}"] } } }"#)).allSatisfy { !$0.contains("cannot also") },
            "a list with a placeholder is judged once filled")
        #expect(diagnostics(step(expect: #"{ jsonpath: { $.capacity: { greater_than: "{{low}}", less_than: 5 } } }"#)).allSatisfy { !$0.contains("never hold") },
            "a template is judged once filled")
    }

    @Test("max_duration 0s, and statuses counting more answers than a concurrent step gets, could never hold")
    func limitsThatCouldNeverHoldAreRefused() {
        #expect(diagnostics(step(expect: "{ max_duration: 0s }")) == [
            "probe.yaml:5:33: error: max_duration must be more than 0s: no answer comes in no time, so the check could never hold"
        ])
        let race = """
            scenarios:
              - name: probe
                steps:
                  - request: { method: POST, path: /events }
                    concurrent: 5
                    expect: { statuses: { 201: 1, 409: 9 } }
            """
        #expect(diagnostics(race) == ["probe.yaml:4:9: error: 'statuses' counts 1 + 9 answers, and 'concurrent: 5' sends 5 copies: the check could never hold"])
        #expect(diagnostics(race.replacingOccurrences(of: "409: 9", with: "409: 4")) == [])
        #expect(diagnostics(race.replacingOccurrences(of: "409: 9", with: "409: -1")).count == 1)
        // Summed as written, 2^63 - 1 and 1 overflowed and trapped.
        #expect(diagnostics(race.replacingOccurrences(of: "201: 1", with: "201: 9223372036854775807")).count == 1)
    }

    @Test("An empty expect, or an empty block of checks, checks nothing and would read as checked")
    func emptyChecksAreRefused() {
        #expect(diagnostics(step(expect: "{}")) == [
            "probe.yaml:5:17: error: 'expect' needs at least one check (status, headers, body, jsonpath, schema, max_duration)"
        ])
        #expect(diagnostics(step(expect: "{ status: 200, jsonpath: {} }")) == [
            "probe.yaml:5:42: error: 'expect.jsonpath' is empty: it checks nothing"
        ])
    }

    @Test("Two scenarios of one name would be two JUnit testcases nobody can tell apart")
    func twoScenariosOfOneNameAreRefused() {
        let found = diagnostics("""
            scenarios:
              - name: a
                steps: [{ request: { path: /events } }]
              - name: a
                steps: [{ request: { path: /events } }]
              - name: "{{which}}"
                cases: [{ which: b }, { which: c }]
                steps: [{ request: { path: /events } }]
            """)
        #expect(found == [
            "probe.yaml:4:5: error: a scenario named 'a' is already at line 2; give each scenario a name of its own "
                + "(reports and JUnit tell testcases apart by name)"
        ])
    }

    @Test("A copied file that kept its suite: name would give JUnit two testcases of one suite and name")
    func oneSuiteAndScenarioNameInTwoFilesIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-suites-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "suite: same\nscenarios:\n  - name: dup\n    steps: [{ request: { path: /events } }]\n"
        try text.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        // Named twice, one file runs once.
        #expect(try ScenarioLoader.load(paths: [folder, folder + "/a.yaml"]).count == 1)
        let relative = URL(fileURLWithPath: folder + "/a.yaml").path.replacingOccurrences(
            of: FileManager.default.currentDirectoryPath + "/", with: "")
        #expect(try ScenarioLoader.load(paths: [folder + "/a.yaml", relative, folder + "/./a.yaml"]).count == 1)
        try text.write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        #expect {
            try ScenarioLoader.load(paths: [folder])
        } throws: { error in
            (error as? ScenarioLoadError)?.description == "\(folder)/b.yaml:3:5: error: suite 'same' of \(folder)/a.yaml has a scenario "
                + "named 'dup' too; give this file a suite: of its own (JUnit tells testcases apart by suite and name)"
        }
    }

    @Test func aWrittenURLAndBase64BodyAreCheckedBeforeAnyRequest() {
        let found = diagnostics("""
            scenarios:
              - name: probe
                steps:
                  - request: { url: "not a url" }
                  - request: { method: POST, path: /events, body_base64: "!!!notbase64" }
                  - request: { url: "{{base_url}}/events", body_base64: "{{payload}}" }
                  - request: { url: "https://api.example.com/prod/events", body_base64: "aGk=" }
            """)
        #expect(found == [
            "probe.yaml:4:25: error: url must be an absolute http:// or https:// URL, found 'not a url' (a path joined to --base-url is 'path')",
            "probe.yaml:5:62: error: body_base64 is not valid base64",
        ])
    }
}
