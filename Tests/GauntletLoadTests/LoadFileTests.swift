import Foundation
import GauntletLoad
import GauntletScenario
import Testing

@Suite struct LoadFileTests {
    static let valid = """
        suite: churn
        load:
          vus: 4
          duration: 10s
          weights: { list events: 3 }
          thresholds:
            - p99<250ms
            - create-event:errors<1%
        headers:
          Accept: application/json
        scenarios:
          - name: list events
            steps:
              - name: list-events
                request: { path: /events }
                expect: { status: 200 }
          - name: churn
            steps:
              - name: create-event
                request:
                  method: post
                  path: /events
                  json: { eventId: "load-{{scenario_uid}}", capacity: 10, title: A, ok: true }
                expect: { status: [201] }
                capture: { id: $.eventId }
            teardown:
              - name: delete-event
                request: { method: DELETE, path: "/events/{{id}}" }
                left_behind: "event {{id}}"
        """

    @Test func aLoadFileIsAScenarioFileWithALoadBlock() throws {
        let file = try LoadFile.parse(yaml: Self.valid, path: "churn.yaml")
        #expect(file.plan.name == "churn")
        #expect(file.plan.model == .closed(vus: 4, thinkTime: .zero))
        #expect(file.plan.duration == .seconds(10))
        #expect(file.plan.requestNames == ["list-events", "create-event", "delete-event"])
        #expect(file.plan.mix.map(\.name) == ["list events", "churn"])
        #expect(file.plan.mix.map(\.weight) == [3, 1])
        let churn = file.plan.mix[1]
        #expect(churn.steps.map(\.name) == ["create-event"])
        #expect(churn.steps[0].step.captures.map(\.variable) == ["id"])
        #expect(churn.teardown.map(\.isTeardown) == [true])
        #expect(churn.headers.map(\.name) == ["Accept"])
        #expect(file.plan.thresholds.map(\.source) == ["p99<250ms", "create-event:errors<1%"])
    }

    @Test func aScenarioFileWithoutALoadBlockIsALoadOfItsScenarios() throws {
        let file = try LoadFile.load(contentsOf: Self.shipped("contract/crud.yaml"))
        #expect(file.plan.mix.count > 5)
        #expect(file.plan.requestNames.contains("create"))
        // The command line says how to drive it.
        let plan = try LoadOverrides(vus: 20, duration: .seconds(30)).apply(to: file.plan)
        #expect(plan.model == .closed(vus: 20, thinkTime: .zero))
    }

    @Test("--tag and --skip-tag select a load's scenarios as a run's, the file's tags included; what they leave out is not refused")
    func tagsSelectTheScenariosOfTheMix() throws {
        let yaml = """
            tags: [events]
            load: { weights: { burst: 5, read: 2 } }
            scenarios:
              - name: read
                tags: [seed]
                steps: [{ request: { path: /events } }]
              - name: burst
                tags: [strict]
                steps: [{ request: { path: /events }, concurrent: 5 }]
              - name: list
                steps: [{ request: { path: /events?limit=1 } }]
            """
        func mix(_ tags: TagSelection) throws -> [String] {
            try LoadFile.parse(yaml: yaml, path: "tagged.yaml", tags: tags).plan.mix.map(\.name)
        }
        #expect(try mix(TagSelection(include: ["seed"])) == ["read"])
        #expect(try mix(TagSelection(exclude: ["strict"])) == ["read", "list"])
        #expect(try mix(TagSelection(include: ["events"], exclude: ["seed", "strict"])) == ["list"])
        // Unselected, the scenario a load cannot run is the one error of the file, and says how to leave it out.
        #expect { try mix(TagSelection()) } throws: { error in
            (error as? ScenarioLoadError)?.diagnostics.map(\.message).first?.hasSuffix(
                "leave scenario 'burst' out of the load (--skip-tag strict)") == true
        }
        do {
            _ = try mix(TagSelection(include: ["nightly"]))
            Issue.record("a selection of no scenario loaded")
        } catch let error as ScenarioLoadError {
            #expect(error.diagnostics.map(\.message) == ["no scenario of the load is selected by --tag nightly"])
        }
    }

    static func diagnostics(_ yaml: String) -> [ScenarioDiagnostic] {
        do {
            _ = try LoadFile.parse(yaml: yaml, path: "bad.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    static let oneScenario = "scenarios:\n  - name: a\n    steps:\n      - request: { path: /e }\n"

    @Test func everyProblemIsReportedAtOnceWithItsLineAndColumn() {
        let found = Self.diagnostics("""
            load:
              vus: two
              duration: 10
              thresholds: [p99<<1s]
              weights: { b: 2 }
            scenarios:
              - name: a
                steps:
                  - request: { path: "/e/{{id}}" }
                    wieght: 2
            """)
        #expect(found.map(\.location.line) == [2, 3, 4, 5, 9, 10])
        #expect(found[0].description.hasPrefix("bad.yaml:2:8: error: vus must be an integer"))
        #expect(found[1].message.contains("250ms"))
        #expect(found[3].message.contains("no scenario named 'b'"))
        #expect(found[4].message.contains("unknown variable 'id'"))
        #expect(found[5].message.contains("unknown key 'wieght'"))
    }

    @Test("A file's base_url is held to the command line's rule: no query, which each path would follow")
    func aBaseURLWithAQueryIsNamed() {
        let found = Self.diagnostics("""
            load:
              vus: 1
              duration: 1s
              base_url: https://api.example/prod?code=1
            scenarios:
              - name: a
                steps: [{ request: { path: /events } }]
            """)
        #expect(found.map(\.description) == [
            "bad.yaml:4:13: error: base_url takes no query ('?…'): each request's path is appended to it; send a key in a header, "
                + "got 'https://api.example/prod?code=1'"
        ])
    }

    @Test func aYAMLSyntaxErrorKeepsItsPosition() {
        let found = Self.diagnostics("load:\n  vus: 2\nscenarios: [\n")
        #expect(found.count == 1)
        #expect((found.first?.location.line ?? 0) >= 3)
    }

    @Test func modelsExcludeEachOthersKeys() {
        #expect(Self.diagnostics("load: { rate: 10, vus: 2 }\n" + Self.oneScenario).first?.message.contains("'vus' belongs to another model") == true)
        #expect(Self.diagnostics("load: { vus: 2, phases: [{burst: 2}] }\n" + Self.oneScenario).first?.message.contains("goes in a phase") == true)
        #expect(Self.diagnostics("load: { model: fast }\n" + Self.oneScenario).first?.message.contains("'open', 'closed' or 'phased'") == true)
    }

    @Test("A key of another model does not hide what is wrong with the model's own keys")
    func strayKeysAndBadValuesAreReportedTogether() {
        let open = Self.diagnostics("load: { rate: fast, vus: 2 }\n" + Self.oneScenario).map(\.message)
        #expect(open.contains { $0.contains("rate must be a number, found 'fast'") })
        #expect(open.contains { $0.contains("'vus' belongs to another model") })
        #expect(!open.contains { $0.contains("needs a positive 'rate'") })
        let closed = Self.diagnostics("load: { model: closed, vus: 0, rate: 5 }\n" + Self.oneScenario).map(\.message)
        #expect(closed.contains { $0.contains("vus must be an integer of at least 1") })
        #expect(closed.contains { $0.contains("'rate' belongs to another model") })
        let phased = Self.diagnostics("load: { phases: [{ burst: -1 }], vus: 2 }\n" + Self.oneScenario).map(\.message)
        #expect(phased.count == 2, "\(phased)")
    }

    @Test func aStepALoadCannotRunIsNamed() {
        let found = Self.diagnostics("""
            scenarios:
              - name: race
                steps:
                  - request: { method: POST, path: /events }
                    concurrent: 5
            """)
        #expect(found.map(\.location.line) == [4])
        #expect(found.first?.message.contains("'concurrent'") == true)
    }

    @Test func aThresholdOnAnUnknownRequestIsFoundWithTheRest() {
        let found = Self.diagnostics("load:\n  vus: 1\n  thresholds:\n    - p99<1s\n    - nope:p99<1s\n" + Self.oneScenario)
        #expect(found.first?.message.contains("no request named 'nope'") == true)
        #expect(found.map { "\($0.location.line):\($0.location.column)" } == ["5:7"], "at the threshold, not at the load block")
    }

    @Test("scenario_files adds another file's scenarios, with its own variables and teardown; a missing one is named")
    func scenarioFilesJoinTheMix() throws {
        let folder = Self.shipped("load")
        let file = try LoadFile.parse(
            yaml: "load:\n  vus: 2\n  scenario_files: [../contract/crud.yaml]\n" + Self.oneScenario, path: folder + "/mixed.yaml")
        #expect(file.plan.mix.first?.name == "a")
        #expect(file.plan.mix.count > 5)
        let crud = try #require(file.plan.mix.first { $0.file.hasSuffix("contract/crud.yaml") })
        #expect(crud.teardown.map(\.name).contains("the event is gone"))
        let missing = Self.diagnostics("load:\n  scenario_files: [nowhere.yaml]\n" + Self.oneScenario)
        #expect(missing.map(\.location.line) == [2])
        #expect(missing.first?.message.contains("no such file") == true)
    }

    @Test func readsStagesOfTheOpenModel() throws {
        let file = try LoadFile.parse(
            yaml: "load:\n  rate: 10\n  stages:\n    - {duration: 5s, target: 100}\n    - {duration: 5s, target: 100}\n" + Self.oneScenario,
            path: "ramp.yaml")
        #expect(file.plan.effectiveDuration == .seconds(10))
        #expect(file.plan.model == .open(rate: 10, stages: [.init(duration: .seconds(5), target: 100), .init(duration: .seconds(5), target: 100)]))
    }

    @Test func readsPhasesAndTheColdStartAnalysis() throws {
        let file = try LoadFile.parse(
            yaml: """
                load:
                  cold_start: {header: X-Init, method: statistical}
                  phases:
                    - burst: 5
                    - vus: 3
                      duration: 2s
                      think_time: 10ms
                    - idle: 1m
                    - probes: 2
                      gap: 30s

                """ + Self.oneScenario,
            path: "cold.yaml")
        #expect(file.plan.model == .phased([
            .burst(count: 5), .users(vus: 3, duration: .seconds(2), thinkTime: .milliseconds(10)), .idle(.seconds(60)),
            .probes(count: 2, gap: .seconds(30)),
        ]))
        #expect(file.plan.coldStart == ColdStartClassifier(headerName: "X-Init", mode: .statistical))
        #expect(file.plan.isBounded)
        let enabled = try LoadFile.parse(yaml: "load: {cold_start: true, vus: 1, iterations: 1}\n" + Self.oneScenario, path: "on.yaml")
        #expect(enabled.plan.coldStart == ColdStartClassifier())
    }

    @Test func badPhasesNameTheirPlace() {
        func first(_ load: String) -> ScenarioDiagnostic? { Self.diagnostics("load:\n" + load + Self.oneScenario).first }
        #expect(first("  phases:\n    - vus: 3\n")?.message.contains("needs a 'duration'") == true)
        #expect(first("  phases:\n    - vus: 3\n")?.location.line == 3)
        #expect(first("  phases:\n    - burst: 2\n      gap: 1s\n")?.location.line == 4)
        #expect(first("  phases:\n    - burst: 2\n      idle: 1s\n")?.message.contains("one of") == true)
        #expect(first("  phases: []\n") != nil)
        #expect(first("  phases:\n    - burst: 2\n  cold_start: {method: guess}\n")?.location.line == 4)
    }

    @Test func theShippedLoadFilesLoad() throws {
        let directory = URL(fileURLWithPath: Self.shipped("load"))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 5)
        for name in names {
            let file = try LoadFile.load(contentsOf: directory.appendingPathComponent(name).path)
            #expect(!file.plan.mix.isEmpty)
            #expect(file.plan.isBounded, "\(name)")
        }
    }

    /// The path of a file under `Scenarios/`.
    static func shipped(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios/\(relative)")
            .standardized.path
    }
}

@Suite struct LoadOverridesTests {
    static let plan = LoadPlan(
        name: "p", model: .closed(vus: 2, thinkTime: .zero), duration: .seconds(5),
        mix: [LoadFlow(name: "a", steps: [LoadStep.request("a", path: "/e")])])

    @Test func rateSwitchesToTheOpenModel() throws {
        let plan = try LoadOverrides(rate: 100, duration: .seconds(2), thresholds: ["p99<1s"]).apply(to: Self.plan)
        #expect(plan.model == .open(rate: 100, stages: []))
        #expect(plan.duration == .seconds(2))
        #expect(plan.thresholds.count == 1)
    }

    @Test("A threshold given on the command line with the text of the file's own is judged once; as --abort-on it makes the file's abort")
    func aRepeatedThresholdIsJudgedOnce() throws {
        var file = Self.plan
        file.thresholds = [try Threshold(parsing: "p99<250ms"), try Threshold(parsing: "errors<1%")]
        let plan = try LoadOverrides(thresholds: ["p99<250ms", "rate>=10", "rate>=10"], abortOn: ["errors<1%"]).apply(to: file)
        #expect(plan.thresholds.map(\.source) == ["p99<250ms", "errors<1%", "rate>=10"])
        #expect(plan.thresholds.map { $0.abort != nil } == [false, true, false])
    }

    @Test func vusAndRateExcludeEachOther() {
        #expect(throws: LoadPlanError.self) { try LoadOverrides(vus: 1, rate: 1).apply(to: Self.plan) }
        #expect(throws: LoadPlanError.self) { try LoadOverrides(thresholds: ["p99"]).apply(to: Self.plan) }
    }
}

@Suite struct ProgressLineTests {
    @Test func showsElapsedRateInFlightPercentilesAndErrors() {
        let snapshot = LoadProgressSnapshot(completed: 1_200, errors: 3, inFlight: 4, lastSecondRate: 998, p50Micros: 1_204, p99Micros: 4_800)
        let line = ProgressLine.format(snapshot, elapsed: .seconds(12), total: .seconds(30))
        #expect(line == "12s/30s  1200 req  rate 998/s  in flight 4  p50 1.204ms  p99 4.8ms  errors 3 (0.25%)")
    }
}
