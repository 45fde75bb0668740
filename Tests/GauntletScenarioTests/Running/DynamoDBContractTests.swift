import DynamoDBTesting
import GauntletAPI
import Logging
import Testing

@testable import GauntletScenario

/// The whole contract suite against events-api on the DynamoDB store (a table on moto's
/// server): the store behaves as the contract needs over a real DynamoDB implementation,
/// conditional creates, partial updates, conditional deletes and filtered scans included.
@Suite(.timeLimit(.minutes(5))) struct DynamoDBContractTests {
    @Test("The whole suite, the race check included, passes against events-api --store dynamodb:TABLE")
    func passesOnDynamoDB() async throws {
        let moto = try await MotoServer.shared()
        try await moto.withTable { settings in
            let configuration = APIConfiguration(port: 0, store: .dynamoDB(settings), logLevel: .error)
            let run = try await EventAPIServer.withRunningServer(configuration) { baseURL in
                try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
            }
            let failures = run.scenarios.filter { $0.outcome != .passed }
            #expect(failures.map(\.name) == [], "\(failures.map(GauntletScenarioTestsSummary.of))")
            #expect(run.scenarios.count >= 70)
            #expect(run.scenarios.contains { $0.name == "of 20 concurrent creates of one eventId exactly one wins" && $0.outcome == .passed })
            #expect(run.leftBehind.isEmpty, "left behind: \(run.leftBehind)")
        }
    }
}
