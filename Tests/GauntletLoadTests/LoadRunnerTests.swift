import GauntletLoad
import Testing

@Suite struct LoadRunnerTests {
    @Test func runsAFileWithCommandLineOverridesAndThresholds() async throws {
        let file = try LoadFile.parse(
            yaml: "vus: 2\nduration: 1s\nmix:\n  - {name: list-events, path: /events, expect: 200}\nthresholds: [p99<5ms]\n",
            path: "list.yaml")
        let transport = SimulatedTransport { _, _ in (10_000_000, TransferOutcome(status: 200)) }
        let result = try await LoadRunner.run(
            file, baseURL: "http://127.0.0.1:1", overrides: LoadOverrides(rate: 50, thresholds: ["errors<1%"]),
            transport: transport, progress: .off)
        #expect(result.model == .open(rate: 50, stages: []))
        #expect(result.total.count == 50)
        #expect(result.thresholdResults.map(\.passed) == [false, true])
    }

    @Test func aMissingBaseURLIsAnError() async throws {
        let file = try LoadFile.parse(yaml: "vus: 1\niterations: 1\nmix:\n  - {name: a, path: /e}\n", path: "a.yaml")
        let transport = SimulatedTransport { _, _ in (1, TransferOutcome(status: 200)) }
        await #expect(throws: LoadRunError.self) {
            try await LoadRunner.run(file, transport: transport, progress: .off)
        }
    }
}
