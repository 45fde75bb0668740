import GauntletLoad
import Testing

@Suite struct LoadRunnerTests {
    @Test func runsAFileWithCommandLineOverridesAndThresholds() async throws {
        let file = try LoadFile.parse(
            yaml: """
                load: { vus: 2, duration: 1s, thresholds: [p99<5ms] }
                scenarios:
                  - name: list
                    steps:
                      - { name: list-events, request: { path: /events }, expect: { status: 200 } }
                """,
            path: "list.yaml")
        let transport = SimulatedTransport { _, _ in (10_000_000, SimulatedOutcome(status: 200)) }
        let result = try await LoadRunner.run(
            file, baseURL: "http://127.0.0.1:1", overrides: LoadOverrides(rate: 50, thresholds: ["errors<1%"]),
            transport: transport, progress: .off)
        #expect(result.model == .open(rate: 50, stages: []))
        #expect(result.total.count == 50)
        #expect(result.thresholdResults.map(\.passed) == [false, true, true])
        #expect(result.thresholdResults.last?.name == "dropped<=0% (default)")
    }

    @Test func aMissingBaseURLIsAnError() async throws {
        let file = try LoadFile.parse(
            yaml: "load: {vus: 1, iterations: 1}\nscenarios:\n  - name: a\n    steps: [{request: {path: /e}}]\n", path: "a.yaml")
        let transport = SimulatedTransport { _, _ in (1, SimulatedOutcome(status: 200)) }
        await #expect(throws: LoadRunError.self) {
            try await LoadRunner.run(file, transport: transport, progress: .off)
        }
    }
}
