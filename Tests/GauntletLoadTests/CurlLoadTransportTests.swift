import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletLoad
import Logging
import Testing

/// The engine on libcurl against the reference API on loopback.
@Suite struct CurlLoadTransportTests {
    /// A quiet reference API on a free loopback port.
    static let quietAPI = APIConfiguration(port: 0, logLevel: .critical)

    @Test(.timeLimit(.minutes(1))) func anOpenModelLoadRunsAgainstTheEventAPI() async throws {
        let result = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
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

    @Test(.timeLimit(.minutes(1))) func aClosedModelLoadKeepsEveryVirtualUserBusyAndCountsEveryRequest() async throws {
        let result = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let plan = LoadPlan(
                name: "closed", model: .closed(vus: 4, thinkTime: .zero), duration: .seconds(1),
                mix: [LoadFlow(name: "list", steps: [PlannedRequest(name: "list-events", path: try LoadTemplate("/events"), expectedStatuses: [200])])])
            return try await LoadEngine(plan: plan, baseURL: baseURL, transport: CurlLoadTransport()).run()
        }
        #expect(result.total.errors == 0)
        #expect(result.total.count > 4)
        #expect(result.total.count == result.sent)
        #expect(result.stats(for: "list-events")?.statusCounts == [200: result.total.count])
        #expect(result.iterationsCompleted == result.iterationsStarted)
        #expect(result.abortedInFlight == 0)
        #expect(result.elapsed >= .seconds(1))
    }

    @Test(.timeLimit(.minutes(1))) func theWriteChurnScenarioRunsEveryStepAndLeavesTheTableEmpty() async throws {
        let file = try LoadFile.load(contentsOf: Self.scenario("write-churn.yaml"))
        let plan = try LoadOverrides(rate: 20, duration: .seconds(1)).apply(to: file.plan)
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let result = try await LoadEngine(plan: plan, baseURL: baseURL, transport: CurlLoadTransport()).run()
            return (result, try await Self.get("\(baseURL)/events"))
        }
        #expect(result.total.errors == 0)
        #expect(result.iterationsStarted == 20)
        #expect(result.iterationsCompleted == 20)
        #expect(result.stats(for: "create-event")?.statusCounts == [201: 20])
        #expect(result.stats(for: "get-created")?.statusCounts == [200: 20])
        #expect(result.stats(for: "update-event")?.statusCounts == [200: 20])
        #expect(result.stats(for: "delete-event")?.statusCounts == [200: 20])
        #expect(result.total.count == 80)
        #expect(left.status == 200)
        #expect(Self.events(in: left)?.isEmpty == true)
    }

    @Test(.timeLimit(.minutes(1))) func everyStepOfSetupAndTeardownRuns() async throws {
        let json = [PlannedHeader(name: "Content-Type", value: try LoadTemplate("application/json"))]
        func create(_ id: String) throws -> PlannedRequest {
            PlannedRequest(
                name: "create-\(id)", method: "POST", path: try LoadTemplate("/events"), headers: json,
                body: try LoadTemplate(#"{"eventId": "\#(id)-{{run}}", "title": "Fixture \#(id)", "description": "Made by setup, removed by teardown", "date": "2030-02-01", "location": "Room 1", "capacity": 10, "organizer": "Gauntlet", "status": "active"}"#),
                expectedStatuses: [201])
        }
        func read(_ id: String) throws -> LoadFlow {
            LoadFlow(name: "read-\(id)", steps: [PlannedRequest(name: "get-\(id)", path: try LoadTemplate("/events/\(id)-{{run}}"), expectedStatuses: [200])])
        }
        func delete(_ id: String) throws -> PlannedRequest {
            PlannedRequest(name: "delete-\(id)", method: "DELETE", path: try LoadTemplate("/events/\(id)-{{run}}"), expectedStatuses: [200])
        }
        let plan = LoadPlan(
            name: "fixtures", model: .closed(vus: 2, thinkTime: .zero), iterations: 20,
            mix: [try read("first"), try read("second")],
            setup: [try create("first"), try create("second")],
            teardown: [try delete("first"), try delete("second")])
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let result = try await LoadEngine(plan: plan, baseURL: baseURL, transport: CurlLoadTransport()).run()
            return (result, try await Self.get("\(baseURL)/events"))
        }
        // Both reads succeed only if both setup steps ran; the table is empty only if both teardown steps did.
        #expect(result.total.errors == 0)
        #expect(result.total.count == 20)
        #expect((result.stats(for: "get-first")?.count ?? 0) > 0)
        #expect((result.stats(for: "get-second")?.count ?? 0) > 0)
        #expect(left.status == 200)
        #expect(Self.events(in: left)?.isEmpty == true)
    }

    // MARK: - Helpers

    /// The path of a file in `Scenarios/load`.
    static func scenario(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Scenarios/load/\(name)").standardized.path
    }

    /// One GET through libcurl.
    static func get(_ url: String) async throws -> ReceivedResponse {
        try await CurlClient.shared.execute(RequestSpec(url: url)).response
    }

    /// The `events` array of a list response, or nil when the body is not one.
    static func events(in response: ReceivedResponse) -> [Any]? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return object?["events"] as? [Any]
    }
}
