import Logging
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletReports
import Testing

@testable import GauntletLoad

/// Faults on real connections: each is counted and classified, the load goes on for its whole
/// bound, and the reports are written.
@Suite(.timeLimit(.minutes(1))) struct LoadFaultTests {
    static func plan(rate: Int = 50, duration: String = "600ms", timeout: String = "2s", path: String = "/events") throws -> LoadFile {
        try LoadFile.parse(
            yaml: """
                suite: faults
                load: { rate: \(rate), duration: \(duration), timeout: \(timeout) }
                scenarios:
                  - name: probe
                    steps:
                      - { name: probe, request: { path: "\(path)" }, expect: { status: 200 } }
                """, path: "faults.yaml")
    }

    static func run(_ file: LoadFile, against baseURL: String, cancellation: LoadCancellation = LoadCancellation()) async throws -> LoadResult {
        try await LoadRunner.run(file, baseURL: baseURL, transport: CurlLoadTransport(), progress: .off, cancellation: cancellation)
    }

    static func reportsWrite(_ result: LoadResult) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString)").path
        let written = try LatencyReportWriter.write(result, to: folder)
        #expect(written.contains { $0.hasSuffix("latency.json") })
        #expect(written.contains { $0.hasSuffix("latency.html") })
    }

    @Test func refusedConnectionsAreCountedAndTheLoadGoesOn() async throws {
        let result = try await Self.run(try Self.plan(), against: "http://127.0.0.1:1")
        #expect(result.total.count == 30, "every planned arrival was attempted")
        #expect(result.total.errors == result.total.count)
        #expect(result.total.errorCounts["connect_failed"] == result.total.count)
        try Self.reportsWrite(result)
    }

    @Test func timeoutsAreCountedAsTimeouts() async throws {
        // Every instance of the emulated Lambda takes 400 ms to start; the client gives up after 100 ms.
        let api = APIConfiguration(port: 0, logLevel: .critical, lambda: LambdaEmulation(coldStart: .fixed(.milliseconds(400)), idleTimeout: .milliseconds(1)))
        let result = try await EventAPIServer.withRunningServer(api) { baseURL in
            try await Self.run(try Self.plan(rate: 20, duration: "500ms", timeout: "100ms"), against: baseURL)
        }
        #expect(result.total.count == 10)
        #expect(result.total.errorCounts["timeout", default: 0] >= 8, "\(result.total.errorCounts) \(result.total.statusCounts)")
        try Self.reportsWrite(result)
    }

    @Test func throttlingBurstsAreCountedByStatus() async throws {
        // One instance at most, each request held 50 ms: at 100/s most arrivals are throttled (429).
        let api = APIConfiguration(port: 0, logLevel: .critical, lambda: LambdaEmulation(coldStart: .fixed(.milliseconds(50)), idleTimeout: .milliseconds(1), maxConcurrency: 1))
        let result = try await EventAPIServer.withRunningServer(api) { baseURL in
            try await Self.run(try Self.plan(rate: 100, duration: "500ms"), against: baseURL)
        }
        #expect(result.total.count == 50)
        #expect(result.total.statusCounts[429, default: 0] > 10)
        #expect(result.total.statusCounts[200, default: 0] > 0)
        let throttled = result.evaluate(try Threshold(parsing: "throttled<1%"))
        #expect(!throttled.passed)
        try Self.reportsWrite(result)
    }

    @Test func cancellationStopsEarlyAndKeepsWhatRan() async throws {
        try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let cancellation = LoadCancellation()
            let run = Task { try await Self.run(try Self.plan(rate: 100, duration: "20s"), against: baseURL, cancellation: cancellation) }
            try await Task.sleep(for: .milliseconds(500))
            cancellation.cancel()
            let result = try await run.value
            #expect(result.cancelled)
            #expect(result.total.count > 10 && result.total.count < 2000)
            #expect(result.total.errors == 0)
            try Self.reportsWrite(result)
        }
    }
}
