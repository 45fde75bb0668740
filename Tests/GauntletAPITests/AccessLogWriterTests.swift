import Foundation
import GauntletAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The batching access log: lines arrive promptly and in order, in the format swift-log's
/// `StreamLogHandler` writes, none is lost on shutdown, and no secret is ever written.
@Suite struct AccessLogWriterTests {
    /// Collects what a writer writes, batch by batch.
    final class Collected: Sendable {
        private let state = Mutex<(bytes: [UInt8], batches: Int)>(([], 0))

        var sink: AccessLogWriter.Sink {
            { bytes in self.state.withLock { $0.bytes.append(contentsOf: bytes); $0.batches += 1 } }
        }

        var text: String { self.state.withLock { String(decoding: $0.bytes, as: UTF8.self) } }
        var lines: [String] { self.text.split(separator: "\n").map(String.init) }
        var batches: Int { self.state.withLock { $0.batches } }
    }

    /// The text before the message: `2026-12-03T08:42:57+0000 info events-api: [GauntletAPI] `.
    static var prefix: Regex<Substring> { #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info events-api: \[GauntletAPI\] /# }

    @Test("A line reads as StreamLogHandler writes logger.info(\"METHOD PATH STATUS MSms\")")
    func lineFormat() throws {
        let collected = Collected()
        let writer = AccessLogWriter(sink: collected.sink)
        let samples: [Int64] = [0, 1, 52, 100, 999, 1000, 1234, 12500, 120_000, 3_000_001]
        for microseconds in samples {
            writer.log(method: "GET", target: "/events/abc?api_key=hidden", status: 200, microseconds: microseconds)
        }
        writer.flush()
        let lines = collected.lines
        try #require(lines.count == samples.count)
        for (line, microseconds) in zip(lines, samples) {
            let match = try #require(line.prefixMatch(of: Self.prefix), "\(line)")
            #expect(line[match.range.upperBound...] == "GET /events/abc 200 \(Double(microseconds) / 1000)ms")
        }
    }

    /// The bound is a second, a hundred flush intervals: a busy CI machine can stall a process for
    /// about 100 ms, and what this checks is that lines are written while the writer runs, not
    /// only when it stops (the wait gives up after 5 s).
    @Test("Lines are written in order, within a second, while the writer runs; in few batches")
    func linesArrivePromptlyInOrder() async throws {
        let collected = Collected()
        let writer = AccessLogWriter(flushInterval: .milliseconds(10), sink: collected.sink)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            for index in 0..<500 {
                writer.log(method: "GET", target: "/events/e-\(index)", status: 200, microseconds: 10)
            }
            let logged = ContinuousClock.now
            while collected.lines.count < 500, ContinuousClock.now - logged < .seconds(5) {
                try await Task.sleep(for: .milliseconds(2))
            }
            let waited = ContinuousClock.now - logged
            group.cancelAll()
            try await group.waitForAll()
            #expect(waited < .seconds(1), "lines took \(waited) to arrive")
        }
        let messages = collected.lines.map { $0.replacing(Self.prefix, with: "") }
        #expect(messages == (0..<500).map { "GET /events/e-\($0) 200 0.01ms" })
        #expect(collected.batches < 50)
    }

    @Test("A full buffer is written at once by the request that fills it, without the service")
    func fullBufferWritesAtOnce() {
        let collected = Collected()
        let writer = AccessLogWriter(flushInterval: .seconds(3600), flushThreshold: 1000, sink: collected.sink)
        for index in 0..<100 {
            writer.log(method: "DELETE", target: "/events/e-\(index)", status: 404, microseconds: 5)
        }
        #expect(collected.lines.count >= 90)
        #expect(collected.batches >= 8)
    }

    @Test("Graceful shutdown flushes every line, even with a flush interval of an hour")
    func shutdownFlushes() async throws {
        let collected = Collected()
        let writer = AccessLogWriter(flushInterval: .seconds(3600), sink: collected.sink)
        let group = ServiceGroup(
            configuration: .init(services: [writer], gracefulShutdownSignals: [], logger: Logger(label: "test"))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for index in 0..<20 {
                writer.log(method: "POST", target: "/events", status: 201, microseconds: Int64(index))
            }
            try await Task.sleep(for: .milliseconds(20))
            #expect(collected.lines.isEmpty)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(collected.lines.count == 20)
    }

    @Test("Served requests are logged through the writer, flushed when the app stops; no secret is written")
    func servedRequestsWithoutSecrets() async throws {
        let collected = Collected()
        let writer = AccessLogWriter(flushInterval: .seconds(3600), sink: collected.sink)
        let configuration = APIConfiguration(port: 0, logLevel: .info)
        let app = try await buildApplication(configuration, store: MemoryEventStore(), accessLog: writer)
        try await app.test(.live) { client in
            var secrets = HTTPFields()
            secrets[.authorization] = "Bearer header-secret"
            secrets[HTTPField.Name("X-API-Key")!] = "key-secret"
            let created = try await client.send(.post, "/events?api_key=query-secret", json: eventJSON("logged-1"), headers: secrets)
            #expect(created.status == .created)
            let read = try await client.send(.get, "/events/logged-1?token=query-secret-2", headers: [.authorization: "Basic dXNlcjpzZWNyZXQ="])
            #expect(read.status == .ok)
            #expect(try await client.send(.get, "/events/missing").status == .notFound)
        }
        let messages = collected.lines.map { $0.replacing(Self.prefix, with: "") }
        #expect(messages.map { $0.replacing(#/ [0-9.]+ms$/#, with: "") } == [
            "POST /events 201", "GET /events/logged-1 200", "GET /events/missing 404",
        ])
        for secret in ["secret", "Bearer", "Basic", "dXNlcjpzZWNyZXQ=", "api_key", "token"] {
            #expect(!collected.text.contains(secret))
        }
    }

    @Test("At log level warning there is no access log")
    func quietBelowInfo() async throws {
        let collected = Collected()
        let writer = AccessLogWriter(flushInterval: .seconds(3600), sink: collected.sink)
        let app = try await buildApplication(APIConfiguration(port: 0, logLevel: .warning), store: MemoryEventStore(), accessLog: writer)
        try await app.test(.live) { client in
            let response = try await client.send(.get, "/events")
            #expect(response.status == .ok)
        }
        #expect(collected.text.isEmpty)
    }
}
