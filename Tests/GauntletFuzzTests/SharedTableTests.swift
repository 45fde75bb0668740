import Foundation
import GauntletAPI
import GauntletFuzz
import GauntletHTTP
import GauntletJSON
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

    @Test("Another team's item under the smallest id a create case tries is neither overwritten nor deleted, even where creates overwrite")
    func anotherTeamsShortIDIsNeverTouched() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.sqlite"
        // Team C's events under every one-character id the document's pattern allows: case 0's
        // smallest id is one of them, whatever the seed.
        let ids = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:").map(String.init)
        try await Self.storeTeamCEvents(ids, at: path)
        // A create of an existing id overwrites it and answers 201 (`put_item` without a condition).
        var configuration = FuzzTarget.configuration(defects: [.duplicatesAccepted])
        configuration.store = .sqlite(path: path)
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            for seed: UInt64 in [1, 2, 3] {
                _ = try await FuzzTarget.fuzz(baseURL: baseURL, seed: seed, maxExamples: 3)
            }
            try await Self.expectTeamCEvents(ids, at: baseURL)
        }
    }

    @Test("A deployment that answers another team's id (the README's event-123): that item is never written to or deleted, and what the run stored is")
    func anAnsweredForeignIdIsLeftAlone() async throws {
        // Stores each create under the id it was sent, and answers event-123.
        try await Self.withTeamCEvents(["event-123"], defects: [.answersExampleID]) { baseURL in
            let result = try await FuzzTarget.fuzz(baseURL: baseURL, maxExamples: 5)
            try await Self.expectTeamCEvents(["event-123"], at: baseURL)
            #expect(try await FuzzTarget.eventIDs(at: baseURL) == ["event-123"], "every event the run stored, under the ids it sent, is deleted")
            // With Team C's item there, the read answers 200: the finding still stands.
            #expect(result.findings.contains { $0.check == .ensureResourceAvailability })
            #expect(result.leftBehind == [
                "/events/event-123 (not deleted: a create's answer named it, but the item there does not hold what the run sent (another's, or the run's changed))",
            ])
        }
    }

    @Test("Where the document has no read of an item, an id a create's answer named is never deleted on its word")
    func anAnsweredIdNoReadCanProveIsNotDeleted() async throws {
        // The reference's document without GET /events/{eventId} (and the links that name it).
        let full = try JSONSerialization.jsonObject(with: Data(EventAPIDocument.json(profile: .reference, basePath: "").utf8))
        let trimmed = Self.withoutLinks(full)
        guard var object = trimmed as? [String: Any], var paths = object["paths"] as? [String: Any],
            var item = paths["/events/{eventId}"] as? [String: Any]
        else { throw CancellationError() }
        item["get"] = nil
        paths["/events/{eventId}"] = item
        object["paths"] = paths
        let document = try APIDocument(bytes: Array(try JSONSerialization.data(withJSONObject: object)), source: "openapi.json")
        try await Self.withTeamCEvents(["event-123"], defects: [.answersExampleID]) { baseURL in
            let settings = FuzzSettings(baseURL: baseURL, seed: 1, maxExamples: 5, timeLimit: .seconds(60), runID: "t1")
            let result = await Fuzzer(document: document, settings: settings).run()
            try await Self.expectTeamCEvents(["event-123"], at: baseURL)
            #expect(result.leftBehind.contains { $0.hasPrefix("/events/event-123 (not deleted: ") }, "\(result.leftBehind)")
        }
    }

    /// `value` with every `links` member removed, at any depth.
    static func withoutLinks(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "links" }.mapValues(withoutLinks)
        }
        if let array = value as? [Any] { return array.map(withoutLinks) }
        return value
    }

    /// Ids of its own, and (the others) a PUT that replaces the whole item with what it was sent:
    /// the run's item then holds its last write, not its create (seeds 2 and 3 write a single
    /// letter there, which shows nothing: only the read right after the create proves it the run's).
    static let ownIDDeployments: [(defects: Set<ContractDefect>, seed: UInt64)] = [
        ([.ownIds], 1), ([.ownIds, .putDropsFields], 1), ([.ownIds, .putDropsFields], 2), ([.ownIds, .putDropsFields], 3),
    ]

    @Test("A deployment that keys items by ids of its own: what the run made is deleted, another team's item is not", arguments: ownIDDeployments)
    func ownIdsAreProvedBeforeTheyAreDeleted(defects: Set<ContractDefect>, seed: UInt64) async throws {
        try await Self.withTeamCEvents(["team-c-1"], defects: defects) { baseURL in
            let result = try await FuzzTarget.fuzz(baseURL: baseURL, seed: seed, maxExamples: 5)
            try await Self.expectTeamCEvents(["team-c-1"], at: baseURL)
            #expect(try await FuzzTarget.eventIDs(at: baseURL) == ["team-c-1"])
            #expect(result.leftBehind == [])
        }
    }

    /// Id patterns that leave the fuzzer only ids another team may hold, with Team C's events under
    /// every id they allow: one or two digits (no room for `fuzz-<run>-N`), and dots, which a read
    /// cannot address (libcurl, as any URL parser, resolves the dot segment to another path).
    static let untaggablePatterns: [(pattern: String, ids: [String])] = [
        ("^[0-9]{1,2}$", (0...99).map(String.init)),
        ("^[.]{1,2}$", [".", ".."]),
    ]

    @Test("An id the run cannot tag, or a read cannot address, is never sent where another team's item has it", arguments: untaggablePatterns)
    func untaggableIDsHeldByAnotherTeamAreNotCreated(pattern: String, ids: [String]) async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.sqlite"
        try await Self.storeTeamCEvents(ids, at: path)
        let text = EventAPIDocument.json(profile: .reference, basePath: "").replacingOccurrences(of: "^[A-Za-z0-9._:-]{1,128}$", with: pattern)
        try #require(text.contains(pattern))
        let document = try APIDocument(bytes: Array(text.utf8), source: "openapi.json")
        var configuration = FuzzTarget.configuration(defects: [.duplicatesAccepted])
        configuration.store = .sqlite(path: path)
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let settings = FuzzSettings(baseURL: baseURL, seed: 1, maxExamples: 5, timeLimit: .seconds(60), runID: "t1")
            _ = await Fuzzer(document: document, settings: settings).run()
            try await Self.expectTeamCEvents(ids, at: baseURL)
        }
    }

    /// Runs `body` against the reference (with `defects`) on a fresh table holding Team C's
    /// events under `ids`.
    static func withTeamCEvents(_ ids: [String], defects: Set<ContractDefect>, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.sqlite"
        try await storeTeamCEvents(ids, at: path)
        var configuration = FuzzTarget.configuration(defects: defects)
        configuration.store = .sqlite(path: path)
        try await EventAPIServer.withRunningServer(configuration) { baseURL in try await body(baseURL) }
    }

    /// Stores Team C's events under `ids` in the SQLite file at `path`.
    static func storeTeamCEvents(_ ids: [String], at path: String) async throws {
        let store = try SQLiteEventStore(path: path)
        for id in ids {
            try await store.create(Event(
                eventId: id, title: "Team C", description: "theirs", eventDate: "2024-01-01", location: "x",
                eventCapacity: 5, organizer: "Team C", eventStatus: .active, createdAt: "2024-01-01T00:00:00"))
        }
    }

    /// Expects every one of Team C's events under `ids` listed as it was stored.
    static func expectTeamCEvents(_ ids: [String], at baseURL: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let exchange = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events"))
        let events = try JSONValue(parsing: exchange.response.body)["events"]?.arrayValue ?? []
        var titles: [String: String] = [:]
        for event in events {
            if let id = event["eventId"]?.stringValue { titles[id] = event["title"]?.stringValue }
        }
        for id in ids {
            #expect(titles[id] == "Team C", "Team C's event \(id): \(titles[id].map { "title \($0)" } ?? "deleted")", sourceLocation: sourceLocation)
        }
    }
}
