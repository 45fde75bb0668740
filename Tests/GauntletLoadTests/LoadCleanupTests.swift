import GauntletHTTP
import GauntletLoad
import GauntletScenario
import Synchronization
import Testing

/// A load's setup and teardown around the load: what setup may have created is deleted whatever
/// stopped the load, and a stop bounds the cleanup in time however the deployment behaves.
@Suite(.timeLimit(.minutes(1))) struct LoadCleanupTests {
    /// Long enough to stand for "never" on the simulated clock (about eleven days).
    static let never: UInt64 = 1_000_000_000_000_000

    static func load(_ yaml: String) throws -> LoadFile {
        try LoadFile.parse(yaml: yaml, path: "cleanup.yaml")
    }

    /// A load with a two-step setup (a seed, then a second request), a plan teardown that deletes
    /// the seed and checks it gone, and one listing scenario.
    static let seeded = """
        load:
          vus: 1
          duration: 30s
          setup:
            - name: seed
              request: { method: POST, path: /events }
              expect: { status: 201 }
            - name: second
              request: { method: POST, path: /others }
              expect: { status: 201 }
          teardown:
            - name: delete-seed
              request: { method: DELETE, path: /events/seed }
            - name: seed-is-gone
              request: { path: /events/seed }
              expect: { status: 404 }
              left_behind: event seed
        scenarios:
          - name: list
            steps: [{ name: list, request: { path: /events }, delay: 100ms }]
        """

    static func path(_ transfer: RenderedRequest) -> String {
        "\(transfer.method) \(UnverifiedLabel.path(of: transfer.url))"
    }

    @Test("A setup that fails after creating something still runs the plan's teardown, and what it could not delete is counted")
    func aFailedSetupIsCleanedUp() async throws {
        let sent = SentRecorder()
        // The seed is created, the second setup request fails, and the seed stays.
        let transport = SimulatedTransport(recorder: sent) { request, _ in
            switch Self.path(request) {
            case "POST /events": (1_000_000, SimulatedOutcome(status: 201))
            case "POST /others": (1_000_000, SimulatedOutcome(status: 500))
            default: (1_000_000, SimulatedOutcome(status: 200))
            }
        }
        let result = try await LoadRunner.run(Self.load(Self.seeded), baseURL: "http://127.0.0.1:1", transport: transport, progress: .off)
        #expect(sent.transfers.map(Self.path) == ["POST /events", "POST /others", "DELETE /events/seed", "GET /events/seed"])
        #expect(result.notStarted?.hasPrefix("setup failed at step 'second' (HTTP 500") == true, "\(result.notStarted ?? "")")
        #expect(result.leftBehind == 1 && result.leftBehindLabels == ["event seed"])
        #expect(result.verdict == .failed)
        #expect(result.verdictReason.hasSuffix("the load did not start; 1 left behind"), "\(result.verdictReason)")
    }

    @Test("A setup that reached nothing (every request refused) created nothing: no teardown is sent")
    func anUnreachedSetupSendsNoTeardown() async throws {
        let sent = SentRecorder()
        let transport = SimulatedTransport(recorder: sent) { _, _ in (1_000_000, SimulatedOutcome(status: 0, error: .connectFailed)) }
        let result = try await LoadRunner.run(Self.load(Self.seeded), baseURL: "http://127.0.0.1:1", transport: transport, progress: .off)
        #expect(sent.transfers.map(Self.path) == ["POST /events"])
        #expect(result.verdict == .unreachable)
        #expect(result.leftBehind == 0 && result.unverified == 0)
    }

    @Test("Ctrl-C during setup stops it: the request that hangs is dropped, the teardown deletes what setup created, and the load reads interrupted")
    func anInterruptedSetupIsCleanedUp() async throws {
        let sent = SentRecorder()
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport(recorder: sent) { request, _ in
            switch Self.path(request) {
            case "POST /events": return (1_000_000, SimulatedOutcome(status: 201))
            case "POST /others":
                cancellation.cancel()  // Ctrl-C while the deployment holds the second request
                return (Self.never, SimulatedOutcome(status: 201))
            case "GET /events/seed": return (1_000_000, SimulatedOutcome(status: 404))
            default: return (1_000_000, SimulatedOutcome(status: 200))
            }
        }
        let result = try await LoadRunner.run(
            Self.load(Self.seeded), baseURL: "http://127.0.0.1:1", transport: transport, progress: .off, cancellation: cancellation)
        #expect(sent.transfers.map(Self.path) == ["POST /events", "POST /others", "DELETE /events/seed", "GET /events/seed"])
        #expect(result.verdict == .interrupted)
        #expect(result.abandoned == 1, "the second setup request, dropped at the stop")
        #expect(result.notStarted == "interrupted during setup; the load did not start")
        #expect(result.verdictReason == "interrupted during setup; the load did not start")
        #expect(result.leftBehind == 0 && result.unverified == 0)
    }

    @Test("A stopped load still runs the plan's teardown, and counts a delete that failed in transport as leaving the seed behind")
    func thePlanTeardownRunsAfterAStop() async throws {
        let sent = SentRecorder()
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport(recorder: sent) { request, _ in
            switch Self.path(request) {
            case "POST /events", "POST /others": return (1_000_000, SimulatedOutcome(status: 201))
            case "GET /events":
                cancellation.cancel()
                return (1_000_000, SimulatedOutcome(status: 200))
            // The deployment went away after the load: the seed cannot be deleted or checked.
            default: return (1_000_000, SimulatedOutcome(status: 0, error: .connectFailed))
            }
        }
        let result = try await LoadRunner.run(
            Self.load(Self.seeded), baseURL: "http://127.0.0.1:1", transport: transport, progress: .off, cancellation: cancellation)
        #expect(sent.transfers.map(Self.path).suffix(2) == ["DELETE /events/seed", "GET /events/seed"])
        #expect(result.cancelled)
        #expect(result.leftBehindLabels == ["event seed"], "the seed was created: a teardown that cannot reach the deployment leaves it")
    }

    @Test("After a stop, a plan teardown whose request never ends is cut short at the grace: its check reads not verified, never gone")
    func aHangingPlanTeardownIsCutShort() async throws {
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { request, _ in
            switch Self.path(request) {
            case "POST /events", "POST /others": return (1_000_000, SimulatedOutcome(status: 201))
            case "GET /events":
                cancellation.cancel()
                return (1_000_000, SimulatedOutcome(status: 200))
            case "DELETE /events/seed": return (Self.never, SimulatedOutcome(status: 200))
            default: return (1_000_000, SimulatedOutcome(status: 404))
            }
        }
        let result = try await LoadRunner.run(
            Self.load(Self.seeded), baseURL: "http://127.0.0.1:1", transport: transport, progress: .off, cancellation: cancellation)
        #expect(result.cancelled)
        #expect(result.leftBehind == 0)
        #expect(result.unverifiedLabels == ["event seed (not checked: the teardown was cut short when its 10 s after the stop ran out)"])
    }

    @Test("After a stop, an iteration's teardown that never ends is cut short at the grace, and the load ends")
    func aHangingIterationTeardownIsCutShort() async throws {
        let file = try Self.load("""
            load: { vus: 2, duration: 30s }
            scenarios:
              - name: make
                steps:
                  - { name: make, request: { method: POST, path: "/things/{{iteration}}" }, expect: { status: 201 } }
                teardown:
                  - { name: unmake, request: { method: DELETE, path: "/things/{{iteration}}" } }
                  - name: gone
                    request: { path: "/things/{{iteration}}" }
                    expect: { status: 404 }
                    left_behind: "thing {{iteration}}"
            """)
        let cancellation = LoadCancellation()
        let clock = ManualLoadClock()
        let transport = SimulatedTransport(clock: clock) { request, _ in
            if request.method == "DELETE" {
                cancellation.cancel()  // Ctrl-C while the deployment holds a delete
                return (Self.never, SimulatedOutcome(status: 200))
            }
            return (1_000_000, SimulatedOutcome(status: request.method == "POST" ? 201 : 404))
        }
        let started = clock.now()
        let result = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: transport, progress: .off, cancellation: cancellation)
        #expect(result.cancelled)
        #expect(clock.now() - started < 12_000_000_000, "the load ended at the grace, not at the request's end")
        #expect(result.unverified == 2)
        #expect(result.unverifiedLabels.allSatisfy { $0.hasSuffix("(not checked: the teardown was cut short when its 10 s after the stop ran out)") })
        #expect(result.leftBehind == 0)
    }

    @Test("A teardown for_each cut short at the grace counts each item it did not check, with its label filled in")
    func aCutForEachCountsEveryItem() async throws {
        let file = try Self.load("""
            load:
              vus: 1
              duration: 30s
              teardown:
                - name: unmake
                  for_each: { in: things, as: thing }
                  request: { method: DELETE, path: "/things/{{thing}}" }
                  expect: { status: 200 }
                  left_behind: "thing {{thing}}"
            variables: { things: [a, b, c] }
            scenarios:
              - name: list
                steps: [{ name: list, request: { path: /things }, delay: 100ms }]
            """)
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { request, _ in
            if request.method == "GET" { cancellation.cancel() }
            // The first delete is answered; the second never is.
            if request.url.hasSuffix("/things/a") { return (1_000_000, SimulatedOutcome(status: 200)) }
            return (request.method == "DELETE" ? Self.never : 1_000_000, SimulatedOutcome(status: 200))
        }
        let result = try await LoadRunner.run(file, baseURL: "http://127.0.0.1:1", transport: transport, progress: .off, cancellation: cancellation)
        #expect(result.unverifiedLabels == [
            "thing b (not checked: the teardown was cut short when its 10 s after the stop ran out)",
            "thing c (not checked: the teardown was cut short when its 10 s after the stop ran out)",
        ])
        #expect(result.leftBehind == 0)
    }
}
