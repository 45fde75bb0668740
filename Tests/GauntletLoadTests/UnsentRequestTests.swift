import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletReports
import Testing

@testable import GauntletLoad

/// A request that never reached the deployment (refused, unresolved, TLS failed) has no
/// latency: it is an error of its kind and a request of the count, but in no percentile,
/// histogram, per-second series or latency threshold, so an outage cannot make `p50<10ms` pass.
@Suite(.timeLimit(.minutes(1))) struct UnsentRequestTests {
    static let ms: UInt64 = 1_000_000

    /// Answers every request in 20 ms, but refuses connections (in 0.1 ms) during second 1.
    static func outage(from: UInt64 = 1_000 * ms, to: UInt64 = 2_000 * ms, kind: TransportError.Kind = .connectFailed) -> SimulatedTransport {
        SimulatedTransport { _, sentAt in
            sentAt >= from && sentAt < to
                ? (ms / 10, SimulatedOutcome(status: 0, error: kind)) : (20 * ms, SimulatedOutcome(status: 200))
        }
    }

    static func plan(_ model: LoadModel, thresholds: [String] = []) throws -> LoadPlan {
        LoadPlan(
            name: "outage", model: model, duration: .seconds(3),
            mix: [LoadFlow(name: "get", steps: [LoadStep.request("get", path: "/x")])],
            thresholds: try thresholds.map { try Threshold(parsing: $0) })
    }

    @Test("Refused connections during an outage are errors of the count, not latencies: p50<10ms fails on 20 ms answers")
    func refusedRequestsHaveNoLatency() async throws {
        let result = try await LoadEngine(
            plan: try Self.plan(.closed(vus: 2, thinkTime: .zero), thresholds: ["errors<100%", "p50<10ms"]), baseURL: "http://127.0.0.1:1",
            transport: Self.outage()
        ).run()
        let refused = result.total.errorCounts["connect_failed", default: 0]
        #expect(refused > 1_000, "a closed user retries a refused connection at once")
        #expect(result.total.unsent == refused)
        #expect(result.total.count == result.total.statusCounts[200, default: 0] + refused)
        #expect(result.total.latency.count == result.total.count - refused)
        #expect(result.total.serviceTime.count == result.total.count - refused)
        #expect(result.total.latency.minMicros >= 20_000, "no refused request's 0.1 ms in the histogram")
        #expect(result.byName[0].unsent == refused)
        let p50 = result.thresholdResults.first { $0.name == "p50<10ms" }
        #expect(p50?.passed == false, "\(p50?.message ?? "")")
        // The outage's second has its errors and no latency; the others their 20 ms.
        let second = try #require(result.timeSeries.first { $0.second == 1 })
        #expect(second.errors > 1_000)
        #expect(result.timeSeries.filter { $0.second != 1 }.allSatisfy { $0.p50Micros >= 20_000 })
    }

    @Test("Unresolved names and failed TLS handshakes are unsent too; timeouts, resets and 5xx keep their latency", arguments: [
        (TransportError.Kind.dnsFailed, true), (.tls, true), (.connectFailed, true), (.timeout, false), (.reset, false), (.truncated, false),
    ])
    func whichFailuresHaveNoLatency(_ kind: TransportError.Kind, unsent: Bool) async throws {
        let result = try await LoadEngine(
            plan: try Self.plan(.open(rate: 100, stages: [])), baseURL: "http://127.0.0.1:1", transport: Self.outage(kind: kind)
        ).run()
        let failed = result.total.errorCounts[kind.label, default: 0]
        #expect(failed == 100, "one second of 100 arrivals")
        #expect(result.total.count == 300)
        #expect(result.total.latency.count == (unsent ? 200 : 300))
        #expect(result.total.unsent == (unsent ? 100 : 0))
    }

    @Test("A latency threshold on requests none of which was sent fails with that reason rather than passing on nothing")
    func latencyOfNothingFails() async throws {
        let result = try await LoadEngine(
            plan: try Self.plan(.open(rate: 20, stages: []), thresholds: ["p99<1s", "errors<=100%"]), baseURL: "http://127.0.0.1:1",
            transport: Self.outage(from: 0, to: .max)
        ).run()
        let p99 = try #require(result.thresholdResults.first { $0.name == "p99<1s" })
        #expect(!p99.passed)
        #expect(p99.actual.hasPrefix("no latency (none of the 60 requests was sent"), "\(p99.actual)")
    }

    @Test("Every report says how many requests its latency covers, and load-result.json keeps the count through a merge")
    func reportsCountWhatTheirPercentilesHold() async throws {
        let result = try await LoadEngine(
            plan: try Self.plan(.open(rate: 100, stages: []), thresholds: ["errors<50%"]), baseURL: "http://127.0.0.1:1",
            transport: Self.outage()
        ).run()
        let coverage = "200 of 300 requests (100 never sent: no connection, or the TLS handshake failed; errors without a latency)"
        #expect(LatencyReportConsole.render(result).contains("latency of: " + coverage))
        #expect(LatencyReportMarkdown.render(result).contains("| Latency of | " + coverage + " |"))
        #expect(LatencyReportHTML.render(result).contains(coverage))
        let json = try #require(try JSONSerialization.jsonObject(with: LatencyReportJSON(result).encoded()) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        #expect(total["count"] as? Int == 300)
        #expect(total["unsent"] as? Int == 100)
        #expect((total["latency"] as? [String: Any])?["count"] as? Int == 200)

        let file = try JSONDecoder().decode(LoadResultFile.self, from: LoadResultFile(result).encoded())
        let parts = try (0..<2).map { index in
            var part = try file.result()
            part.shards = [LoadShard(index: index, count: 2)]
            return part
        }
        let merged = try LoadResult.merging(parts)
        #expect(merged.total.unsent == 200)
        #expect(merged.total.latency.count == 400)
        #expect(merged.total.count == 600)
    }

    @Test("On loopback: requests to a port nobody listens on are errors without latency beside the answered ones")
    func refusedOnLoopback() async throws {
        let file = try LoadFile.parse(
            yaml: """
                suite: half-refused
                load: { vus: 2, iterations: 40, weights: { answered: 1, refused: 1 }, thresholds: ["errors<100%"] }
                scenarios:
                  - name: answered
                    steps:
                      - { name: answered, request: { path: /events }, expect: { status: 200 } }
                  - name: refused
                    steps:
                      - { name: refused, request: { url: "http://127.0.0.1:1/events" }, expect: { status: 200 } }
                """, path: "half-refused.yaml")
        let result = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await LoadRunner.run(file, baseURL: baseURL, transport: CurlLoadTransport(), progress: .off)
        }
        let answered = try #require(result.stats(for: "answered"))
        let refused = try #require(result.stats(for: "refused"))
        #expect(answered.count + refused.count == 40)
        #expect(refused.count > 0 && answered.count > 0)
        #expect(refused.errorCounts == ["connect_failed": refused.count])
        #expect(refused.unsent == refused.count)
        #expect(refused.latency.count == 0)
        #expect(answered.latency.count == answered.count)
        #expect(result.total.latency.count == answered.count)
        #expect(result.total.unsent == refused.count)
    }
}
