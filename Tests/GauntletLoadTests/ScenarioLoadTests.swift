import Foundation
import Logging
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletScenario
import Synchronization
import Testing

/// A load runs scenario files as `gauntlet run` does: the same checks, captures and teardown,
/// once per iteration, and leaves nothing behind.
@Suite(.timeLimit(.minutes(1))) struct ScenarioLoadTests {
    static let quietAPI = APIConfiguration(port: 0, logLevel: .critical)

    /// The reference API with reads that lag writes by 300 ms, as DynamoDB's default reads and scans.
    static let laggingAPI: APIConfiguration = {
        var configuration = quietAPI
        configuration.readLag = .milliseconds(300)
        return configuration
    }()

    /// A file the project ships, `Scenarios/NAME.yaml` (`load/write-churn`, `contract/crud`).
    static func shipped(_ name: String) throws -> LoadFile {
        try LoadFile.load(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Scenarios/\(name).yaml").standardized.path)
    }

    static func load(_ yaml: String) throws -> LoadFile {
        try LoadFile.parse(yaml: yaml, path: FileManager.default.temporaryDirectory.path + "/scenario-load.yaml")
    }

    static func run(
        _ file: LoadFile, against baseURL: String, overrides: LoadOverrides = LoadOverrides(),
        cancellation: LoadCancellation = LoadCancellation()
    ) async throws -> LoadResult {
        try await LoadRunner.run(
            file, baseURL: baseURL, overrides: overrides, transport: CurlLoadTransport(), progress: .off,
            cancellation: cancellation)
    }

    /// Runs `file` against the reference API as `configuration` sets it up; returns the result
    /// and the events its table holds afterwards.
    static func runAndList(
        _ file: LoadFile, on configuration: APIConfiguration, overrides: LoadOverrides
    ) async throws -> (LoadResult, [JSONValue]) {
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            (try await run(file, against: baseURL, overrides: overrides), try await events(at: baseURL))
        }
    }

    /// Stores another team's event, which no load of ours may delete.
    static func addOtherTeamsEvent(_ id: String, title: String = "T", at baseURL: String) async throws {
        _ = try await CurlClient.shared.execute(RequestSpec(
            method: "POST", url: baseURL + "/events", headers: [HTTPHeader("Content-Type", "application/json")],
            body: Array(#"{"eventId": "\#(id)", "title": "\#(title)", "description": "D", "date": "2030-01-01", "location": "L", "capacity": 1, "organizer": "O", "status": "active"}"#.utf8)))
    }

    /// The `events` of a list, as the deployment has them now.
    static func events(at baseURL: String) async throws -> [JSONValue] {
        let response = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response
        return try JSONValue(parsing: response.body)["events"]?.arrayValue ?? []
    }

    @Test("The contract's CRUD file is a load: every check holds on every iteration and the table ends empty")
    func theContractIsTheLoad() async throws {
        let file = try Self.shipped("contract/crud")
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(vus: 4, iterations: 60))
            return (result, try await Self.events(at: baseURL))
        }
        #expect(result.iterationsCompleted == 60)
        #expect(result.total.errors == 0, "\(result.total.errorCounts)")
        #expect((result.stats(for: "read it back")?.count ?? 0) > 0)
        #expect(result.leftBehind == 0)
        #expect(left.isEmpty)
    }

    @Test("The contract's CRUD file as a load against a deployment whose read of a missing id answers 500: nothing is said left behind, every cleanup is not verified, and the load fails")
    func anUnanswerableCleanupCheckIsNotLeftBehind() async throws {
        let file = try Self.shipped("contract/crud")
        var broken = Self.quietAPI
        broken.defects = [.notFound500]
        let (result, left) = try await EventAPIServer.withRunningServer(broken) { baseURL in
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(vus: 2, iterations: 12))
            return (result, try await Self.events(at: baseURL))
        }
        #expect(left.isEmpty)
        #expect(result.leftBehind == 0, "\(result.leftBehindLabels)")
        #expect(result.unverified == 12)
        // Each names the request that could not show it gone: the event's own GET.
        let namesItsRequest = try Regex(#"event (\S+) \(GET /events/\1 answered HTTP 500\)"#)
        #expect(result.unverifiedLabels.allSatisfy { (try? namesItsRequest.wholeMatch(in: $0)) != nil }, "\(result.unverifiedLabels)")
        #expect(result.verdict == .failed)
        #expect(result.verdictReason.hasSuffix("12 not verified as deleted"), "\(result.verdictReason)")
        // No retry waits for a deletion that an answer of 500 cannot show.
        #expect(result.stats(for: "the event is gone")?.count == 12)
    }

    @Test("The shipped write-churn and selftest loads fail against a DELETE that keeps the event, naming what stayed; and leave the table as it was against one that deletes", arguments: ["write-churn", "selftest"])
    func shippedChurnLoadsCatchADeleteThatKeeps(name: String) async throws {
        let file = try Self.shipped("load/\(name)")
        let overrides = LoadOverrides(rate: 20, duration: .seconds(1))
        var keeping = Self.quietAPI
        keeping.defects = [.deleteNoOp]
        let (broken, kept) = try await Self.runAndList(file, on: keeping, overrides: overrides)
        #expect(!kept.isEmpty)
        #expect(broken.leftBehind == kept.count, "\(broken.leftBehindLabels)")
        #expect(broken.verdict == .failed)
        let (sound, left) = try await Self.runAndList(file, on: Self.quietAPI, overrides: overrides)
        #expect(left.isEmpty)
        #expect(sound.leftBehind == 0 && sound.unverified == 0)
        #expect(sound.verdict == .passed, "\(sound.verdictReason)")
    }

    @Test("The shipped write-churn, selftest and read-heavy loads against a deployment that stores each create under an id of its own: leave the table as it was when it deletes, and name every event it keeps", arguments: ["write-churn", "selftest", "read-heavy"])
    func shippedLoadsCleanUpWhatADeploymentStoredUnderItsOwnIds(name: String) async throws {
        let file = try Self.shipped("load/\(name)")
        let overrides = LoadOverrides(rate: 20, duration: .seconds(1))
        var ownIds = Self.quietAPI
        ownIds.defects = [.ownIds]
        let (run, left) = try await Self.runAndList(file, on: ownIds, overrides: overrides)
        #expect(left == [], "\(left)")
        // The reads of the ids sent fail it (write-churn's of what it created, the others' of their seed).
        #expect(run.verdict == .failed)
        #expect(run.leftBehind == 0 && run.unverified == 0, "\(run.leftBehindLabels)")
        ownIds.defects = [.ownIds, .deleteNoOp]
        let (keeping, kept) = try await Self.runAndList(file, on: ownIds, overrides: overrides)
        let keptIds = kept.compactMap { $0["eventId"]?.stringValue }
        #expect(!keptIds.isEmpty)
        #expect(Set(keeping.leftBehindLabels) == Set(keptIds.map { "event \($0)" }), "\(keeping.leftBehindLabels)")
    }

    @Test("The shipped write-churn, selftest, read-heavy and growing-table loads against a create that answers the seed README's example id: another team's event-123 stays, the load's own events are gone", arguments: ["write-churn", "selftest", "read-heavy", "growing-table"])
    func shippedLoadsLeaveAnAnsweredForeignIdAlone(name: String) async throws {
        let file = try Self.shipped("load/\(name)")
        var stub = Self.quietAPI
        stub.defects = [.answersExampleID]
        let (result, left) = try await EventAPIServer.withRunningServer(stub) { baseURL in
            try await Self.addOtherTeamsEvent("event-123", at: baseURL)
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 20, duration: .seconds(1)))
            return (result, try await Self.events(at: baseURL))
        }
        #expect(left.compactMap { $0["eventId"]?.stringValue } == ["event-123"])
        #expect(result.leftBehind == 0 && result.unverified == 0, "\(result.leftBehindLabels)")
    }

    @Test("The shipped growing-table load deletes every event it added after the load (for_each in its teardown): the table ends as it began")
    func growingTableCleansUpAfterItself() async throws {
        let file = try Self.shipped("load/growing-table")
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            // Another team's event is not the load's to delete.
            try await Self.addOtherTeamsEvent("grow-other-team", at: baseURL)
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 40, duration: .seconds(1)))
            return (result, try await Self.events(at: baseURL))
        }
        let added = try #require(result.stats(for: "add-event")?.count)
        #expect(added > 0)
        #expect(left.compactMap { $0["eventId"]?.stringValue } == ["grow-other-team"])
        #expect(result.leftBehind == 0, "\(result.leftBehindLabels)")
    }

    @Test("The shipped growing-table load against a deployment that stores each event under an id of its own finds every one it added by its description, and deletes it")
    func growingTableCleansUpUnderOwnIds() async throws {
        let file = try Self.shipped("load/growing-table")
        var ownIds = Self.quietAPI
        ownIds.defects = [.ownIds]
        let (result, left) = try await EventAPIServer.withRunningServer(ownIds) { baseURL in
            // Stored under an id of the deployment's own: told apart by its title.
            try await Self.addOtherTeamsEvent("grow-other-team", title: "Other team", at: baseURL)
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 40, duration: .seconds(1)))
            return (result, try await Self.events(at: baseURL))
        }
        #expect(try #require(result.stats(for: "add-event")?.count) > 0)
        #expect(left.compactMap { $0["title"]?.stringValue } == ["Other team"], "\(left)")
        #expect(result.leftBehind == 0 && result.unverified == 0, "\(result.leftBehindLabels)")
    }

    @Test("The shipped growing-table load deletes every event it added when lists lag the writes (DynamoDB's eventually consistent scans)")
    func growingTableCleansUpUnderLaggingLists() async throws {
        let file = try Self.shipped("load/growing-table")
        let (result, left) = try await EventAPIServer.withRunningServer(Self.laggingAPI) { baseURL in
            // 25 events a second: the first list after the load misses the ones of its last 300 ms.
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 100, duration: .seconds(2)))
            try await Task.sleep(for: .milliseconds(400))  // past the lag: the list shows the table as it is
            return (result, try await Self.events(at: baseURL))
        }
        #expect(try #require(result.stats(for: "add-event")?.count) > 0)
        #expect(left.compactMap { $0["eventId"]?.stringValue } == [], "left in the table")
        #expect(result.leftBehind == 0 && result.unverified == 0, "\(result.leftBehindLabels)")
    }

    @Test("The shipped growing-table load against a list that shows only its first page (other teams' events first) does not read clean: it says it could not verify its events")
    func growingTableDoesNotTrustAListThatMissesEvents() async throws {
        let file = try Self.shipped("load/growing-table")
        var firstPage = Self.quietAPI
        firstPage.defects = [.listFirstPage]
        let result = try await EventAPIServer.withRunningServer(firstPage) { baseURL in
            // Another team's events fill the first page: the load's own are past it.
            for index in 0..<ContractDefect.firstPageSize { try await Self.addOtherTeamsEvent("a-team-\(index)", at: baseURL) }
            return try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 20, duration: .seconds(1)))
        }
        #expect(try #require(result.stats(for: "add-event")?.count) > 0)
        #expect(result.unverified + result.leftBehind > 0, "\(result.verdictReason)")
        #expect(result.unverifiedLabels.contains { $0.hasPrefix("events grow-") }, "\(result.unverifiedLabels)")
        #expect(result.verdict == .failed)
    }

    static let captureFlow = """
        load: { vus: 3, iterations: 12 }
        variables:
          event: { eventId: "cap-{{scenario_uid}}", title: "Title {{iteration}}", description: D, date: "2030-01-01",
                   location: L, capacity: 5, organizer: O, status: active }
        scenarios:
          - name: create and read back
            steps:
              - name: create
                request: { method: POST, path: /events, json: "{{event}}" }
                expect: { status: 201 }
                capture: { created: $.eventId }
              - name: read
                request: { path: "/events/{{created}}" }
                expect:
                  status: 200
                  jsonpath: { $.title: "Title {{iteration}}", $.eventId: "{{created}}" }
            teardown:
              - name: delete
                request: { method: DELETE, path: "/events/{{created}}" }
                when: { defined: created }
        """

    @Test("A value captured from one step's response is used by the next step of the same iteration")
    func capturesFlowBetweenSteps() async throws {
        let file = try Self.load(Self.captureFlow)
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            (try await Self.run(file, against: baseURL), try await Self.events(at: baseURL))
        }
        #expect(result.total.errors == 0, "\(result.total.errorCounts)")
        #expect(result.stats(for: "read")?.count == 12)
        #expect(result.stats(for: "delete")?.statusCounts == [200: 12])
        #expect(left.isEmpty)
    }

    @Test("A failed body check is an error of its request, counted under the check as written")
    func failedChecksAreCountedByTheirWrittenSubject() async throws {
        let file = try Self.load("""
            load: { vus: 2, iterations: 6 }
            scenarios:
              - name: list
                steps:
                  - name: list
                    request: { path: /events }
                    expect:
                      status: 200
                      jsonpath: { "$.events[?@.eventId == 'nope-{{iteration}}']": { count: 1 } }
            """)
        let result = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            try await Self.run(file, against: baseURL)
        }
        #expect(result.stats(for: "list")?.errorCounts == ["check $.events[?@.eventId == 'nope-{{iteration}}']": 6])
    }

    @Test("A stopped load still runs the teardown of every iteration it began, so nothing is left behind")
    func stoppingRunsTeardowns() async throws {
        let file = try Self.load(Self.captureFlow.replacingOccurrences(of: "iterations: 12", with: "duration: 30s"))
        let cancellation = LoadCancellation()
        let (result, left) = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let stopper = Task {
                try await Task.sleep(for: .milliseconds(400))
                cancellation.cancel()
            }
            let result = try await Self.run(file, against: baseURL, cancellation: cancellation)
            _ = try? await stopper.value
            return (result, try await Self.events(at: baseURL))
        }
        #expect(result.cancelled)
        #expect((result.stats(for: "create")?.count ?? 0) > 10)
        #expect(result.leftBehind == 0)
        #expect(left.isEmpty, "left behind: \(left.count) events")
    }

    @Test("A stopped load's teardown still retries: under reads that lag deletes, write-churn stopped midway reports nothing left behind, and leaves nothing")
    func stoppedTeardownsStillRetry() async throws {
        let file = try Self.shipped("load/write-churn")
        let cancellation = LoadCancellation()
        let (result, left) = try await EventAPIServer.withRunningServer(Self.laggingAPI) { baseURL in
            let stopper = Task {
                try await Task.sleep(for: .milliseconds(1500))
                cancellation.cancel()
            }
            let result = try await Self.run(file, against: baseURL, overrides: LoadOverrides(rate: 50, duration: .seconds(20)), cancellation: cancellation)
            _ = try? await stopper.value
            try await Task.sleep(for: .milliseconds(400))  // past the lag: the list shows the table as it is
            return (result, try await Self.events(at: baseURL))
        }
        #expect(result.cancelled)
        // The iterations in their read-back retries or their teardown's "gone" check when stopped.
        #expect((result.stats(for: "deleted-event-is-gone")?.count ?? 0) > 0)
        #expect(left.isEmpty, "left in the table: \(left.count) events")
        #expect(result.leftBehind == 0 && result.unverified == 0, "\(result.leftBehindLabels)")
    }

    @Test("After a stop, a teardown step's retries end within the grace, whatever its retry: asks", .timeLimit(.minutes(1)))
    func stoppedTeardownRetriesAreBounded() async throws {
        // A "gone" check that never holds, retried for 200 s as written.
        let file = try Self.load("""
            load:
              vus: 1
              duration: 30s
            teardown:
              - name: never-gone
                request: { path: /events }
                expect: { status: 418 }
                retry: { times: 200, interval: 1s }
            scenarios:
              - name: list
                steps:
                  - { name: list, request: { path: /events }, delay: 200ms }
            """)
        let cancellation = LoadCancellation()
        let result = try await EventAPIServer.withRunningServer(Self.quietAPI) { baseURL in
            let stopper = Task {
                try await Task.sleep(for: .milliseconds(500))
                cancellation.cancel()
            }
            defer { stopper.cancel() }
            return try await Self.run(file, against: baseURL, cancellation: cancellation)
        }
        #expect(result.cancelled)
        let attempts = result.stats(for: "never-gone")?.count ?? 0
        #expect(attempts > 1, "the teardown retried after the stop")
        // The first attempt, then one a second for the 10 s the grace leaves.
        #expect(attempts <= 12, "\(attempts) attempts")
    }

    @Test("A load's teardown for_each reads its list once: an item named like its list deletes every item, and labels name each")
    func loadForEachReadsItsListOnce() async throws {
        let file = try Self.load("""
            load:
              vus: 1
              iterations: 1
              teardown:
                - name: unmake
                  for_each: { in: lst, as: lst }
                  request: { method: DELETE, path: "/things/{{lst}}" }
                  expect: { status: 200 }
                  left_behind: "thing {{lst}}"
                - name: after
                  request: { method: DELETE, path: "/things/after-{{lst | json}}" }
            variables: { lst: [a, b, c] }
            scenarios:
              - name: make
                steps: [{ name: make, request: { method: POST, path: /things }, expect: { status: 201 } }]
            """)
        let deleted = Mutex<[String]>([])
        let transport = SimulatedTransport { request, _ in
            if request.method == "DELETE" { deleted.withLock { $0.append(String(request.url.split(separator: "/").last ?? "")) } }
            return (1_000_000, SimulatedOutcome(status: request.method == "POST" ? 201 : 500))
        }
        let result = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: transport, progress: .off)
        // After the loop the name is the list again: each item was named for its round only.
        #expect(deleted.withLock { $0 } == ["a", "b", "c", #"after-["a","b","c"]"#])
        #expect(result.leftBehindLabels == ["thing a", "thing b", "thing c"])
    }

    @Test("A teardown step labelled left_behind that fails is counted with its label filled in")
    func leftBehindIsCounted() async throws {
        let file = try Self.load("""
            load: { vus: 1, iterations: 3 }
            scenarios:
              - name: make
                steps:
                  - { name: make, request: { method: POST, path: /things }, expect: { status: 201 } }
                teardown:
                  - name: unmake
                    request: { method: DELETE, path: "/things/{{iteration}}" }
                    expect: { status: 200 }
                    left_behind: "thing {{iteration}}"
            """)
        let transport = SimulatedTransport { request, _ in
            (1_000_000, SimulatedOutcome(status: request.method == "POST" ? 201 : 500))
        }
        let result = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: transport, progress: .off)
        #expect(result.leftBehind == 3)
        #expect(result.leftBehindLabels == ["thing 0", "thing 1", "thing 2"])
        #expect(result.stats(for: "unmake")?.errorCounts == ["HTTP 500": 3])
    }

    @Test("A teardown that fails in transport leaves something behind only when the iteration got an answer, as in a run")
    func nothingAnsweredNothingLeftBehind() async throws {
        let file = try Self.load("""
            load: { vus: 1, iterations: 4 }
            scenarios:
              - name: make
                steps:
                  - { name: make, request: { method: POST, path: /things }, expect: { status: 201 } }
                teardown:
                  - { name: unmake, request: { method: DELETE, path: "/things/{{iteration}}" }, left_behind: "thing {{iteration}}" }
            """)
        // The deployment is gone from the start: no create ever reached it.
        let gone = SimulatedTransport { _, _ in (1_000_000, SimulatedOutcome(status: 0, error: .connectFailed)) }
        let neverCreated = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: gone, progress: .off)
        #expect(neverCreated.stats(for: "unmake")?.errorCounts == ["connect_failed": 4])
        #expect(neverCreated.leftBehind == 0)
        // It answered the creates, then went away: every delete failed, and what they created is left.
        let killed = SimulatedTransport { request, _ in
            (1_000_000, request.method == "POST" ? SimulatedOutcome(status: 201) : SimulatedOutcome(status: 0, error: .connectFailed))
        }
        let created = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: killed, progress: .off)
        #expect(created.leftBehind == 4)
    }

    @Test("retry sends a failing step again after its interval; only the last attempt can fail it")
    func retriesUnderLoad() async throws {
        let attempts = Mutex(0)
        let transport = SimulatedTransport { _, _ in
            // Every other answer is a 503: each step passes on its second attempt.
            let attempt = attempts.withLock { count in
                count += 1
                return count
            }
            return (1_000_000, SimulatedOutcome(status: attempt % 2 == 1 ? 503 : 200))
        }
        let file = try Self.load("""
            load: { vus: 1, iterations: 4 }
            scenarios:
              - name: eventually
                steps:
                  - name: read
                    request: { path: /eventually }
                    expect: { status: 200 }
                    retry: { times: 2, interval: 50ms }
            """)
        let result = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: transport, progress: .off)
        #expect(result.stats(for: "read")?.count == 8)
        #expect(result.stats(for: "read")?.statusCounts == [200: 4, 503: 4])
        #expect(result.total.errors == 0)
        // Each iteration waited its 50 ms interval once (on the simulated clock).
        #expect(result.elapsed >= .milliseconds(200))
    }
}
