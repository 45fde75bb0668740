import Foundation
import GauntletAPI
import GauntletFuzz
import Testing

/// On a shared staging table, checks judge only the run's own items: another team's data never
/// changes a verdict (CONTRACT.md, "Staging hygiene"), as the contract suite does.
@Suite(.timeLimit(.minutes(2))) struct SharedTableTests {
    @Test("Another team's old item that the document's schema rejects (an empty description) is no finding")
    func anotherTeamsInvalidItemChangesNothing() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.sqlite"
        // Written by an older release that did not check descriptions.
        let store = try SQLiteEventStore(path: path)
        try await store.create(Event(
            eventId: "legacy-1", title: "Team B keynote", description: "", eventDate: "2024-01-01", location: "x",
            eventCapacity: 5, organizer: "Team B", eventStatus: .active, createdAt: "2024-01-01T00:00:00"))
        var configuration = FuzzTarget.configuration()
        configuration.store = .sqlite(path: path)
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let result = try await FuzzTarget.fuzz(baseURL: baseURL, maxExamples: 3)
            #expect(result.findings.map { "\($0.key): \($0.message)" } == [])
            #expect(result.passed)
            let left = try await FuzzTarget.eventIDs(at: baseURL)
            #expect(left == ["legacy-1"], "the other team's item is untouched")
        }
    }
}
