import Foundation
import GauntletFuzz
import GauntletHTTP
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

/// A stop (the first Ctrl-C, a CI runner's SIGTERM) that comes while a request hangs gives the
/// request up: the run goes to its cleanup at once, not after the request's timeout, which a CI
/// runner's second signal would cut short before the cleanup.
@Suite(.timeLimit(.minutes(1))) struct StoppedInFlightTests {
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Slow", "version": "1"},
          "paths": {"/slow": {"get": {"responses": {"200": {"description": "In ten seconds"}}}}}
        }
        """#

    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(10))
            return Response(status: .ok)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func aStopGivesUpTheRequestInFlight() async throws {
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "openapi.json")
        try await Self.application().test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 2, timeLimit: .seconds(50), checks: [.notAServerError],
                runID: "stop")
            let stop = FuzzStop()
            let fuzzer = Fuzzer(document: document, settings: settings, stop: stop)
            let run = Task { await fuzzer.run() }
            try await Task.sleep(for: .milliseconds(500))
            let stoppedAt = ContinuousClock.now
            stop.request()
            let result = await run.value
            let waited = ContinuousClock.now - stoppedAt
            #expect(result.ending == .interrupted)
            #expect(!result.passed)
            #expect(waited < .seconds(5), "the stop waited \(waited) for the request in flight")
            #expect(result.unanswered == 0, "a request given up at the stop is no unanswered request: \(result.transportErrors)")
        }
    }

    static let writeDocument = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Hanging writes", "version": "1"},
          "paths": {"/things": {"post": {"responses": {"201": {"description": "Never, in practice"}}}}}
        }
        """#

    /// Runs `body` against a deployment whose POST /things answers only after 4 s, with no
    /// request time limit and a cleanup grace of 0.3 s: a run that waits the write out takes 4 s.
    static func withHangingWrites(runID: String, timeLimit: Duration, _ body: @Sendable (FuzzSettings, APIDocument) async throws -> Void) async throws {
        let document = try APIDocument(bytes: Array(Self.writeDocument.utf8), source: "openapi.json")
        let router = Router()
        router.post("things") { _, _ -> Response in
            try await Task.sleep(for: .seconds(4))
            return Response(status: .created)
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            var settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 2, timeLimit: timeLimit, checks: [.notAServerError],
                transfer: TransferOptions(timeouts: Timeouts(total: .zero)), runID: runID)
            settings.cleanupGrace = .milliseconds(300)
            try await body(settings, document)
        }
    }

    @Test("A write in flight at the stop is waited for the stop's grace only, even with no time limit; what it made is then reported not known, never as nothing left")
    func aHangingWriteIsGivenUpAfterTheGrace() async throws {
        try await Self.withHangingWrites(runID: "stop", timeLimit: .seconds(50)) { settings, document in
            let stop = FuzzStop()
            let run = Task { await Fuzzer(document: document, settings: settings, stop: stop).run() }
            try await Task.sleep(for: .milliseconds(500))
            let stoppedAt = ContinuousClock.now
            stop.request()
            let result = await run.value
            #expect(ContinuousClock.now - stoppedAt < .seconds(2), "the stop waited for the write")
            #expect(result.ending == .interrupted && !result.passed)
            #expect(result.leftBehind.count == 1)
            #expect(result.leftBehind.first?.hasSuffix("(unverified: the cleanup was cut short when its 0.3 s after the stop ran out; what it made is not known)") == true,
                    "\(result.leftBehind)")
        }
    }

    @Test("A write still unanswered when the time limit comes is given up once the grace after it ran out, even with no request time limit: the run ends by --time + grace")
    func theTimeLimitBoundsAHangingWrite() async throws {
        try await Self.withHangingWrites(runID: "time", timeLimit: .seconds(1)) { settings, document in
            let started = ContinuousClock.now
            let result = await Fuzzer(document: document, settings: settings, stop: FuzzStop()).run()
            #expect(ContinuousClock.now - started < .seconds(3), "the run waited for the write")
            #expect(!result.passed)
            #expect(result.leftBehind.first?.hasSuffix(
                "(unverified: the cleanup was cut short when its 0.3 s after the time limit ran out; what it made is not known)") == true,
                "\(result.leftBehind)")
        }
    }
}
