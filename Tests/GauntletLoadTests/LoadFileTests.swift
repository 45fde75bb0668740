import Foundation
import GauntletLoad
import Testing

@Suite struct LoadFileTests {
    static let valid = """
        name: churn
        vus: 4
        duration: 10s
        headers:
          Accept: application/json
        mix:
          - name: list-events
            weight: 3
            path: /events
            expect: 200
          - name: churn
            steps:
              - name: create-event
                method: post
                path: /events
                json: {eventId: "load-{{run}}-{{iteration}}", capacity: 10, title: "A", ok: true}
                expect: [201]
              - name: delete-event
                method: DELETE
                path: /events/load-{{run}}-{{iteration}}
        thresholds:
          - p99<250ms
          - create-event:errors<1%
        """

    @Test func readsAPlan() throws {
        let file = try LoadFile.parse(yaml: Self.valid, path: "churn.yaml")
        #expect(file.plan.name == "churn")
        #expect(file.plan.model == .closed(vus: 4, thinkTime: .zero))
        #expect(file.plan.duration == .seconds(10))
        #expect(file.plan.requestNames == ["list-events", "create-event", "delete-event"])
        #expect(file.plan.mix[0].weight == 3)
        let create = file.plan.mix[1].steps[0]
        #expect(create.method == "POST")
        #expect(create.expectedStatuses == [201])
        #expect(create.body?.render(run: "r", iteration: 7, vu: 0) == #"{"eventId":"load-r-7","capacity":10,"title":"A","ok":true}"#)
        #expect(create.headers.map(\.name) == ["Accept", "Content-Type"])
        #expect(file.plan.thresholds.map(\.source) == ["p99<250ms", "create-event:errors<1%"])
    }

    static func error(_ yaml: String) -> LoadFileError? {
        do {
            _ = try LoadFile.parse(yaml: yaml, path: "bad.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func anUnknownKeyPointsAtItsLineAndColumn() {
        let error = Self.error("vus: 2\nduration: 1s\nmix:\n  - name: a\n    path: /events\n    wieght: 2\n")
        #expect(error?.line == 6)
        #expect(error?.column == 5)
        #expect(error?.description.hasPrefix("bad.yaml:6:5: error: unknown key 'wieght'") == true)
    }

    @Test func aLoadWithoutBoundsIsRefused() {
        let error = Self.error("vus: 2\nmix:\n  - name: a\n    path: /events\n")
        #expect(error?.message.contains("never runs unbounded") == true)
    }

    @Test func aYAMLSyntaxErrorKeepsItsPosition() {
        let error = Self.error("vus: 2\nduration: 1s\nmix: [\n")
        #expect(error != nil)
        #expect((error?.line ?? 0) >= 3)
    }

    @Test func badValuesNameTheirPlace() {
        #expect(Self.error("vus: two\nduration: 1s\nmix:\n  - name: a\n    path: /e\n")?.line == 1)
        #expect(Self.error("vus: 1\nduration: 10\nmix:\n  - name: a\n    path: /e\n")?.message.contains("unit") == true)
        #expect(Self.error("rate: 10\nvus: 2\nduration: 1s\nmix:\n  - name: a\n    path: /e\n") != nil)
        let threshold = Self.error("vus: 1\nduration: 1s\nmix:\n  - name: a\n    path: /e\nthresholds:\n  - p99<<1s\n")
        #expect(threshold?.line == 7)
        #expect(Self.error("vus: 1\nduration: 1s\nmix:\n  - name: a\n    path: /e/{{id}}\n")?.line == 5)
    }

    @Test func readsStagesOfTheOpenModel() throws {
        let file = try LoadFile.parse(
            yaml: "rate: 10\nstages:\n  - {duration: 5s, target: 100}\n  - {duration: 5s, target: 100}\nmix:\n  - {name: a, path: /e}\n",
            path: "ramp.yaml")
        #expect(file.plan.effectiveDuration == .seconds(10))
        #expect(file.plan.model == .open(rate: 10, stages: [.init(duration: .seconds(5), target: 100), .init(duration: .seconds(5), target: 100)]))
    }

    @Test func readsPhasesAndTheColdStartAnalysis() throws {
        let file = try LoadFile.parse(
            yaml: """
                cold_start: {header: X-Init, method: statistical}
                phases:
                  - burst: 5
                  - vus: 3
                    duration: 2s
                    think_time: 10ms
                  - idle: 1m
                  - probes: 2
                    gap: 30s
                mix:
                  - {name: a, path: /e}
                """,
            path: "cold.yaml")
        #expect(file.plan.model == .phased([
            .burst(count: 5), .users(vus: 3, duration: .seconds(2), thinkTime: .milliseconds(10)), .idle(.seconds(60)),
            .probes(count: 2, gap: .seconds(30)),
        ]))
        #expect(file.plan.coldStart == ColdStartClassifier(headerName: "X-Init", mode: .statistical))
        #expect(file.plan.isBounded)
        let enabled = try LoadFile.parse(yaml: "cold_start: true\nvus: 1\niterations: 1\nmix:\n  - {name: a, path: /e}\n", path: "on.yaml")
        #expect(enabled.plan.coldStart == ColdStartClassifier())
    }

    @Test func badPhasesNameTheirPlace() {
        let mix = "mix:\n  - {name: a, path: /e}\n"
        #expect(Self.error("phases:\n  - vus: 3\n" + mix)?.message.contains("needs a 'duration'") == true)
        #expect(Self.error("phases:\n  - vus: 3\n" + mix)?.line == 2)
        #expect(Self.error("phases:\n  - burst: 2\n    gap: 1s\n" + mix)?.line == 3)
        #expect(Self.error("phases:\n  - burst: 2\n    idle: 1s\n" + mix)?.message.contains("one of") == true)
        #expect(Self.error("vus: 2\nphases:\n  - burst: 2\n" + mix)?.line == 1)
        #expect(Self.error("phases: []\n" + mix) != nil)
        #expect(Self.error("phases:\n  - burst: 2\nloops: 2\n" + mix)?.message.contains("one event loop") == true)
        #expect(Self.error("phases:\n  - burst: 2\ncold_start: {method: guess}\n" + mix)?.line == 3)
    }

    @Test func theShippedLoadFilesParse() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios/load").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 3)
        for name in names {
            let file = try LoadFile.load(contentsOf: directory.appendingPathComponent(name).path)
            #expect(!file.plan.mix.isEmpty)
        }
    }
}

@Suite struct LoadOverridesTests {
    static let plan = LoadPlan(
        name: "p", model: .closed(vus: 2, thinkTime: .zero), duration: .seconds(5),
        mix: [LoadFlow(name: "a", steps: [PlannedRequest(name: "a", path: try! LoadTemplate("/e"))])])

    @Test func rateSwitchesToTheOpenModel() throws {
        let plan = try LoadOverrides(rate: 100, duration: .seconds(2), thresholds: ["p99<1s"]).apply(to: Self.plan)
        #expect(plan.model == .open(rate: 100, stages: []))
        #expect(plan.duration == .seconds(2))
        #expect(plan.thresholds.count == 1)
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
