import Logging
import Synchronization
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import GauntletTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import GauntletScenario

/// Ctrl-C cancels the run task: the scenario stops, its teardown still runs, and the result
/// says the run was interrupted.
@Suite(.timeLimit(.minutes(1))) struct InterruptionTests {
    /// A scenario's steps: create an event, then wait (for ten seconds at most) for what never
    /// happens, so that the interruption comes while the event exists.
    static let createThenWait = """
            steps:
              - name: create
                request:
                  method: POST
                  path: /events
                  json: { eventId: "{{id}}", title: t, description: d, date: "2025-01-01", location: l, capacity: 1, organizer: o, status: active }
                expect: { status: 201 }
              - name: wait
                request: { path: "/events/{{id}}" }
                expect: { status: 299 }
                retry: { times: 200, interval: 50ms }
        """

    static let yaml = """
        variables:
          id: "gauntlet-{{scenario_uid}}"
        teardown:
          - request: { method: DELETE, path: "/events/{{id}}" }
        scenarios:
          - name: waits for something that never happens
            tags: [seed]
        \(createThenWait)
        """

    static func waitUntilExists(_ url: String) async throws {
        for _ in 0..<200 {
            if try await CurlClient.shared.execute(RequestSpec(url: url)).response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the scenario never created \(url)")
    }

    @Test func cancelledRunStillTearsDown() async throws {
        let file = try ScenarioLoader.parse(yaml: Self.yaml, path: "interrupt.yaml")
        try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            let options = RunOptions(baseURL: baseURL, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = Task { await runner.run([file]) }
            // Interrupt once the event exists, while the wait step retries (for ten seconds at most).
            try await Self.waitUntilExists(baseURL + "/events/gauntlet-gtest-s0")
            run.cancel()
            let result = await run.value

            #expect(result.interrupted)
            let scenario = try #require(result.scenarios.first)
            #expect(scenario.outcome == .interrupted)
            #expect(scenario.teardown.first?.response?.status == 200, "the teardown deleted the event")
            let list = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events"))
            #expect(try JSONValue(parsing: list.response.body)["events"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test("Scenarios an interruption kept from starting are reported as interrupted, not left out")
    func unstartedScenariosAreInterrupted() async throws {
        let yaml = Self.yaml + """

              - name: never starts
                steps:
                  - request: { path: /events }
                    expect: { status: 200 }
            """
        let file = try ScenarioLoader.parse(yaml: yaml, path: "interrupt.yaml")
        try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            let options = RunOptions(baseURL: baseURL, parallelism: 1, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = Task { await runner.run([file]) }
            try await Self.waitUntilExists(baseURL + "/events/gauntlet-gtest-s0")
            run.cancel()
            let result = await run.value

            #expect(result.interrupted && !result.succeeded)
            #expect(result.scenarios.map(\.name) == ["waits for something that never happens", "never starts"])
            #expect(result.scenarios.map(\.outcome) == [.interrupted, .interrupted])
            #expect(result.scenarios.last?.reason == "not run: the run was interrupted")
        }
    }

    @Test("After an interruption, a teardown request that never ends (no time limit) is dropped once the grace ran out; the checks it kept from running are not verified, never gone")
    func aHangingTeardownIsCutShort() async throws {
        // A listener that never accepts: the kernel takes the connection, and no answer comes.
        let silent = try LoopbackSocket(listeningWithBacklog: 8)
        defer { close(silent.descriptor) }
        let yaml = """
            variables:
              id: "gauntlet-{{scenario_uid}}"
            scenarios:
              - name: waits for something that never happens
            \(Self.createThenWait)
                teardown:
                  - name: delete where nothing answers
                    request: { method: DELETE, url: "http://127.0.0.1:\(silent.port)/events/{{id}}" }
                  - name: the event is gone
                    request: { path: "/events/{{id}}" }
                    expect: { status: 404 }
                    left_behind: { label: "event {{id}}", present: { status: 200 } }
            """
        let file = try ScenarioLoader.parse(yaml: yaml, path: "hang.yaml")
        try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .critical)) { baseURL in
            var options = RunOptions(
                baseURL: baseURL, transfer: TransferOptions(timeouts: Timeouts(total: .zero)), runID: "gtest")
            options.teardownGrace = .milliseconds(300)
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = Task { await runner.run([file]) }
            try await Self.waitUntilExists(baseURL + "/events/gauntlet-gtest-s0")
            let interruptedAt = ContinuousClock.now
            run.cancel()
            let result = await run.value

            #expect(ContinuousClock.now - interruptedAt < .seconds(5), "the run ended soon after its grace")
            let scenario = try #require(result.scenarios.first)
            #expect(scenario.outcome == .interrupted)
            #expect(scenario.teardown.map(\.errorKind) == ["aborted", "interrupted"])
            #expect(scenario.teardown.last?.error == "not sent: the teardown was cut short when its 0.3 s after the stop ran out")
            #expect(scenario.leftBehind == [])
            #expect(scenario.unverified == ["event gauntlet-gtest-s0 (not checked: the teardown was cut short when its 0.3 s after the stop ran out)"])
        }
    }

    @Test("A create the interruption aborted in flight may have been carried out: a cleanup check cut short names what it may have left, though no answer came")
    func anAbortedCreateMayHaveWritten() async throws {
        let silent = try LoopbackSocket(listeningWithBacklog: 8)
        defer { close(silent.descriptor) }
        // The deployment stores the thing at once and answers late.
        let router = Router()
        router.post("things") { _, _ -> Response in
            try await Task.sleep(for: .seconds(3))
            return Response(status: .created)
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let yaml = """
            scenarios:
              - name: creates slowly
                steps:
                  - request: { method: POST, path: /things }
                    expect: { status: 201 }
                teardown:
                  - request: { url: "http://127.0.0.1:\(silent.port)/things/x" }
                    expect: { status: 404 }
                    left_behind: { label: thing x, present: { status: 200 } }
            """
        let file = try ScenarioLoader.parse(yaml: yaml, path: "slow.yaml")
        try await application.test(.live) { client in
            var options = RunOptions(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", transfer: TransferOptions(timeouts: Timeouts(total: .zero)), runID: "gtest")
            options.teardownGrace = .milliseconds(300)
            options.writeGrace = .milliseconds(200)
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = Task { await runner.run([file]) }
            try await Task.sleep(for: .milliseconds(300))
            run.cancel()
            let scenario = try #require(await run.value.scenarios.first)
            #expect(scenario.steps.first?.errorKind == "aborted")
            #expect(scenario.unverified == [
                "thing x (not checked: the teardown was cut short when its 0.3 s after the stop ran out)",
                "what POST /things may have written (not known: the wait for its answer was cut short when its 0.2 s after the stop ran out)",
            ])
        }
    }

    /// A deployment that takes a create in, stores it `after` later and answers then (a Lambda
    /// that writes to DynamoDB and returns), whether the client still waits or not; `GET` and
    /// `DELETE /things/x` see what it holds, and so does `body`'s `isStored`.
    static func withSlowStore<Value: Sendable>(
        after delay: Duration, _ body: @Sendable (_ baseURL: String, _ isStored: @Sendable () -> Bool) async throws -> Value
    ) async throws -> Value {
        let stored = Flag()
        let router = Router()
        router.post("things") { _, _ -> Response in
            // Carried out to the end even when the client went away, as a Lambda invocation is.
            try await Task { try await Task.sleep(for: delay); stored.set(true) }.value
            return Response(status: .created)
        }
        router.delete("things/x") { _, _ -> Response in Response(status: stored.set(false) ? .noContent : .notFound) }
        router.get("things/x") { _, _ -> Response in Response(status: stored.value ? .ok : .notFound) }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await application.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)") { stored.value }
        }
    }

    /// Whether the slow store holds its one thing.
    final class Flag: Sendable {
        private let held = Mutex(false)
        var value: Bool { held.withLock { $0 } }
        /// Sets it; returns what it was.
        @discardableResult func set(_ new: Bool) -> Bool { held.withLock { old in defer { old = new }; return old } }
    }

    static let slowCreate = """
        scenarios:
          - name: creates slowly
            steps:
              - request: { method: POST, path: /things }
                expect: { status: 201 }
            teardown:
              - request: { method: DELETE, path: /things/x }
              - request: { path: /things/x }
                expect: { status: 404 }
                left_behind: { label: thing x, present: { status: 200 } }
        """

    /// Runs ``slowCreate`` against a store that stores `storeAfter` after the create came in,
    /// interrupted 200 ms in, with `writeGrace`; then, once the store had time to store (`settle`),
    /// says whether it holds the thing.
    static func interruptedSlowCreate(
        storeAfter: Duration, writeGrace: Duration, settle: Duration
    ) async throws -> (run: RunResult, stored: Bool) {
        let file = try ScenarioLoader.parse(yaml: Self.slowCreate, path: "slow.yaml")
        return try await Self.withSlowStore(after: storeAfter) { baseURL, isStored in
            var options = RunOptions(baseURL: baseURL, runID: "gtest")
            options.writeGrace = writeGrace
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let run = Task { await runner.run([file]) }
            try await Task.sleep(for: .milliseconds(200))
            run.cancel()
            let result = await run.value
            try await Task.sleep(for: settle)
            return (result, isStored())
        }
    }

    @Test("A create in flight at the interruption is let end before the teardown runs, so that the teardown deletes what the deployment stored late")
    func aWriteInFlightEndsBeforeTheTeardown() async throws {
        let (result, stored) = try await Self.interruptedSlowCreate(storeAfter: .milliseconds(800), writeGrace: .seconds(3), settle: .milliseconds(900))
        let scenario = try #require(result.scenarios.first)
        #expect(result.interrupted)
        #expect(scenario.steps.first?.response?.status == 201, "the create's answer came within the grace")
        #expect(scenario.teardown.first?.response?.status == 204, "the teardown deleted what it stored")
        #expect(scenario.leftBehind == [] && scenario.unverified == [])
        #expect(!stored, "nothing is left in the store")
    }

    @Test("A create still unanswered when its grace ran out is reported not known, though the teardown's checks found nothing yet")
    func aWriteDroppedAfterItsGraceIsNotKnown() async throws {
        let (result, stored) = try await Self.interruptedSlowCreate(storeAfter: .milliseconds(1500), writeGrace: .milliseconds(300), settle: .milliseconds(1800))
        let scenario = try #require(result.scenarios.first)
        #expect(scenario.steps.first?.errorKind == "aborted")
        #expect(scenario.teardown.map { $0.response?.status } == [404, 404], "the checks ran before it was stored")
        #expect(scenario.leftBehind == [])
        #expect(scenario.unverified == [
            "what POST /things may have written (not known: the wait for its answer was cut short when its 0.3 s after the stop ran out)"
        ])
        #expect(stored, "the deployment stored it after the checks: the report was right not to call it gone")
    }

    @Test("The teardown's grace counts from the interruption: a write that took its grace first leaves the teardown the rest, not a grace of its own")
    func theGracesDoNotAddUp() async throws {
        let silent = try LoopbackSocket(listeningWithBacklog: 8)
        defer { close(silent.descriptor) }
        let yaml = """
            scenarios:
              - name: a write and a teardown that hang
                steps:
                  - request: { method: POST, url: "http://127.0.0.1:\(silent.port)/things" }
                    expect: { status: 201 }
                teardown:
                  - request: { method: DELETE, url: "http://127.0.0.1:\(silent.port)/things/x" }
                    expect: { status: 404 }
                    left_behind: { label: thing x }
            """
        let file = try ScenarioLoader.parse(yaml: yaml, path: "hang.yaml")
        var options = RunOptions(baseURL: "http://127.0.0.1:\(silent.port)", transfer: TransferOptions(timeouts: Timeouts(total: .zero)), runID: "gtest")
        options.writeGrace = .seconds(2)
        options.teardownGrace = .milliseconds(2500)
        let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
        let run = Task { await runner.run([file]) }
        try await Task.sleep(for: .milliseconds(200))
        let interruptedAt = ContinuousClock.now
        run.cancel()
        let scenario = try #require(await run.value.scenarios.first)
        let took = ContinuousClock.now - interruptedAt
        #expect(took >= .milliseconds(2500) && took < .milliseconds(3800), "took \(took): 2.5 s after the stop, not 2 s + 2.5 s")
        #expect(scenario.steps.first?.errorKind == "aborted")
        #expect(scenario.teardown.first?.errorKind == "aborted")
        #expect(scenario.unverified == [
            "thing x (not checked: the teardown was cut short when its 2.5 s after the stop ran out)",
            "what POST /things may have written (not known: the wait for its answer was cut short when its 2 s after the stop ran out)",
        ])
    }

    @Test("A step the interruption came before sends nothing, alone or many at once, and claims no write")
    func aStepInterruptedBeforeItsRequestSendsNothing() async throws {
        let received = Mutex(0)
        let router = Router()
        router.post("things") { _, _ -> Response in
            received.withLock { $0 += 1 }
            return Response(status: .created)
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let yaml = """
            scenarios:
              - name: writes
                steps:
                  - name: one
                    request: { method: POST, path: /things }
                  - name: many
                    request: { method: POST, path: /things }
                    concurrent: 3
                    expect: { statuses: { 201: 3 } }
            """
        let file = try ScenarioLoader.parse(yaml: yaml, path: "writes.yaml")
        try await application.test(.live) { client in
            let options = RunOptions(baseURL: "http://127.0.0.1:\(client.port ?? 0)", runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            let renderer = RequestRenderer(baseURL: options.baseURL, defaultHeaders: [], commandLineHeaders: [], transfer: options.transfer)
            let results = await Task {
                withUnsafeCurrentTask { $0?.cancel() }
                var scope = VariableScope(environment: [:])
                var results: [StepResult] = []
                for step in file.scenarios[0].steps {
                    results.append(await runner.execute(step, scope: &scope, renderer: renderer, file: file.path))
                }
                return results
            }.value
            #expect(results.map(\.errorKind) == ["interrupted", "interrupted"])
            #expect(results.map(\.error) == Array(repeating: "interrupted before its request was sent", count: 2))
            #expect(results.map(\.mayHaveChangedState) == [false, false])
            #expect(received.withLock { $0 } == 0)
        }
    }
}
