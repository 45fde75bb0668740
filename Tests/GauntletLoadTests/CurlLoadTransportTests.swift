import GauntletAPI
import GauntletHTTP
import GauntletLoad
import Testing

/// The engine on libcurl against the reference API on loopback.
@Suite struct CurlLoadTransportTests {
    @Test(.timeLimit(.minutes(1))) func anOpenModelLoadRunsAgainstTheEventAPI() async throws {
        let result = try await EventAPIServer.withRunningServer(APIConfiguration(port: 0)) { baseURL in
            let plan = LoadPlan(
                name: "live", model: .open(rate: 200, stages: []), duration: .seconds(1),
                mix: [
                    LoadFlow(name: "list", weight: 3, steps: [PlannedRequest(name: "list-events", path: try LoadTemplate("/events"), expectedStatuses: [200])]),
                    LoadFlow(name: "missing", steps: [PlannedRequest(name: "get-missing", path: try LoadTemplate("/events/nope-{{iteration}}"), expectedStatuses: [404])]),
                ],
                thresholds: [try Threshold(parsing: "errors<1%")])
            return try await LoadEngine(plan: plan, baseURL: baseURL, transport: CurlLoadTransport()).run()
        }
        #expect(result.total.count == 200)
        #expect(result.total.errors == 0)
        #expect(result.stats(for: "get-missing")?.statusCounts == [404: 50])
        #expect(result.thresholdsPassed)
        #expect(result.total.latency.micros(atPercentile: 50) > 0)
    }
}
