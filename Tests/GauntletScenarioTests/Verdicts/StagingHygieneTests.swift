import Foundation
import Logging
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Testing

@testable import GauntletScenario

/// The suite on a shared staging table: runs repeat and overlap without changing a verdict,
/// leave none of their events behind (or name the one a deployment cannot delete), and never
/// look at another team's events.
@Suite(.timeLimit(.minutes(5))) struct StagingHygieneTests {
    @Test("Two runs in a row give the same verdicts and leave none of their events", arguments: APIProfile.allCases)
    func twoRunsInARow(profile: APIProfile) async throws {
        try await EventAPIServer.withRunningServer(Self.configuration(profile)) { baseURL in
            let first = try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: Self.variables(profile))
            let leftAfterFirst = try await Self.eventIDs(at: baseURL).filter { $0.contains(first.runID) }
            let second = try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: Self.variables(profile))
            let leftAfterSecond = try await Self.eventIDs(at: baseURL).filter { $0.contains(second.runID) }

            #expect(Self.changedVerdicts(first, second) == [])
            #expect(!first.interrupted && !second.interrupted)
            for (run, left) in [(first, leftAfterFirst), (second, leftAfterSecond)] {
                // Starlette decodes %2F before routing, so a FastAPI deployment stores an id with a
                // slash and can never delete it: the run must name it, and nothing else may remain.
                let expected = profile == .fastapi ? left.filter { $0.hasSuffix("/b") } : []
                #expect(left == expected, "left in the table by run \(run.runID)")
                #expect(left.count == (profile == .fastapi ? 1 : 0))
                #expect(Set(run.leftBehind.map(\.label)) == Set(left.map { "event \($0)" }))
            }
        }
    }

    @Test("Two runs at once against one deployment do not collide")
    func parallelRuns() async throws {
        let alone = try await ContractRuns.shared.result(defects: [])
        try await EventAPIServer.withRunningServer(Self.configuration(.reference)) { baseURL in
            async let one = ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
            async let other = ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
            let (first, second) = try await (one, other)
            #expect(first.runID != second.runID)
            #expect(Self.changedVerdicts(first, alone) == [])
            #expect(Self.changedVerdicts(second, alone) == [])
            #expect(try await Self.eventIDs(at: baseURL) == [])
        }
    }

    @Test("Another team's events in the table change no verdict", arguments: APIProfile.allCases)
    func foreignItems(profile: APIProfile) async throws {
        let table = FileManager.default.temporaryDirectory
            .appendingPathComponent("gauntlet-foreign-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: table + suffix) } }
        let empty = try await EventAPIServer.withRunningServer(Self.configuration(profile)) { baseURL in
            try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: Self.variables(profile))
        }
        // Another team's deployment (a lax FastAPI one) wrote items the seed allows and the
        // strict rules do not: a space in the id, a blank title, an impossible date, capacity 0.
        var other = Self.configuration(.fastapi)
        other.store = .sqlite(path: table)
        let foreign = try await EventAPIServer.withRunningServer(other) { baseURL in
            for item in Self.foreignItems {
                let exchange = try await CurlClient.shared.execute(RequestSpec(
                    method: "POST", url: baseURL + "/events", headers: [HTTPHeader("Content-Type", "application/json")],
                    body: Array(item.utf8)))
                #expect(exchange.response.status == 201, "seeding \(item)")
            }
            return try await Self.eventIDs(at: baseURL)
        }
        #expect(foreign.count == Self.foreignItems.count)
        var shared = Self.configuration(profile)
        shared.store = .sqlite(path: table)
        let crowded = try await EventAPIServer.withRunningServer(shared) { baseURL in
            let run = try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: Self.variables(profile))
            #expect(Set(try await Self.eventIDs(at: baseURL)).isSuperset(of: foreign), "the other team's items are untouched")
            return run
        }
        #expect(Self.changedVerdicts(crowded, empty) == [])
    }

    static let foreignItems = [
        #"{"eventId": "other team 1", "title": "Theirs", "description": "d", "date": "2025-01-01", "location": "l", "capacity": 10, "organizer": "o", "status": "cancelled"}"#,
        #"{"eventId": "other-team-2", "title": "", "description": " ", "date": "2025-02-30", "location": "l", "capacity": 0, "organizer": "o", "status": "active"}"#,
        #"{"eventId": "other-team-3", "title": "Theirs", "description": "d", "date": "2025-03-01", "location": "l", "capacity": "7", "organizer": "o", "status": "completed"}"#,
    ]

    @Test("A deployment whose read of a missing id answers 500 is not said to keep the run's events: they are not verified, and the table holds none")
    func anUnanswerableCheckIsNotLeftBehind() async throws {
        var configuration = Self.configuration(.reference)
        configuration.defects = [.notFound500]
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let run = try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
            #expect(try await Self.eventIDs(at: baseURL).filter { $0.contains(run.runID) } == [])
            #expect(run.leftBehind.map(\.label) == [])
            #expect(!run.unverified.isEmpty)
            // Each names the request that could not show it gone, path and all (no base URL).
            #expect(
                run.unverified.allSatisfy { $0.label.contains(" (GET /events") && $0.label.hasSuffix(" answered HTTP 500)") },
                "\(run.unverified.map(\.label))")
        }
    }

    @Test("A deployment whose DELETE keeps the event is said to have left exactly what is in the table")
    func whatADeleteKeepsIsLeftBehind() async throws {
        var configuration = Self.configuration(.reference)
        configuration.defects = [.deleteNoOp]
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let run = try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
            let left = try await Self.eventIDs(at: baseURL).filter { $0.contains(run.runID) }
            #expect(!left.isEmpty)
            #expect(Set(run.leftBehind.map(\.label)) == Set(left.map { "event \($0)" }))
            #expect(run.unverified.map(\.label) == [])
        }
    }

    static func configuration(_ profile: APIProfile) -> APIConfiguration {
        var configuration = APIConfiguration(port: 0, logLevel: .error)
        configuration.profile = profile
        return configuration
    }

    /// FastAPI answers validation errors with 422; a user of such a deployment says so.
    static func variables(_ profile: APIProfile) -> [String: GauntletJSON.JSONValue] {
        profile == .fastapi ? ["validation_status": 422] : [:]
    }

    static func verdicts(_ run: RunResult) -> [String: ScenarioResult.Outcome] {
        Dictionary(run.scenarios.map { ($0.name, $0.outcome) }, uniquingKeysWith: { first, _ in first })
    }

    /// The checks whose verdict differs between two runs, as "name: one → other".
    static func changedVerdicts(_ one: RunResult, _ other: RunResult) -> [String] {
        let (a, b) = (verdicts(one), verdicts(other))
        return Set(a.keys).union(b.keys).sorted().compactMap { name in
            a[name] == b[name] ? nil : "\(name): \(a[name]?.rawValue ?? "absent") → \(b[name]?.rawValue ?? "absent")"
        }
    }

    static func eventIDs(at baseURL: String) async throws -> [String] {
        let exchange = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events"))
        let list = try GauntletJSON.JSONValue(parsing: exchange.response.body)
        return (list["events"]?.arrayValue ?? []).compactMap { $0["eventId"]?.stringValue }.sorted()
    }
}
