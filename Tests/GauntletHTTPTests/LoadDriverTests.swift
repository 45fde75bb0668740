import Foundation
import GauntletHTTP
import Synchronization
import Testing

/// Collects completions from the driver's thread.
final class CompletionLog: Sendable {
    private let items = Mutex<[LoadCompletion]>([])
    func append(_ completion: LoadCompletion) { items.withLock { $0.append(completion) } }
    var all: [LoadCompletion] { items.withLock { $0 } }
}

/// A fixed-rate schedule of `count` requests to one URL, starting a little after the first call.
func fixedRate(count: Int, every interval: Duration, url: String) -> (ContinuousClock.Instant) -> LoadRequest? {
    var index: UInt64 = 0
    var origin: ContinuousClock.Instant?
    return { now in
        guard index < count else { return nil }
        let start = origin ?? now + .milliseconds(5)
        origin = start
        defer { index += 1 }
        return LoadRequest(tag: index, scheduledStart: start + interval * Int(index), request: RequestSpec(url: url))
    }
}

/// The most transfers in flight at once, from the completions' start and end instants.
func mostInFlight(_ completions: [LoadCompletion]) -> Int {
    var events: [(instant: ContinuousClock.Instant, change: Int)] = []
    for completion in completions {
        events.append((completion.actualStart, 1))
        events.append((completion.end, -1))
    }
    events.sort { left, right in left.instant == right.instant ? left.change < right.change : left.instant < right.instant }
    var current = 0
    var most = 0
    for (_, change) in events {
        current += change
        most = max(most, current)
    }
    return most
}

@Suite("LoadDriver starts requests on schedule through curl_multi_socket_action")
struct LoadDriverTests {
    @Test("Three hundred requests at 1000/s all complete, on time", .timeLimit(.minutes(1)))
    func fixedRateRun() async throws {
        try await EchoServer.withServer { base in
            let log = CompletionLog()
            let driver = LoadDriver(maxConnections: 300, options: TransferOptions(timeouts: Timeouts(connect: .seconds(2), total: .seconds(10))))
            try await driver.runOnDedicatedThread(
                next: fixedRate(count: 300, every: .milliseconds(1), url: "\(base)/echo"),
                completed: { log.append($0) }
            )
            let completions = log.all
            #expect(completions.count == 300)
            #expect(Set(completions.map(\.tag)) == Set(0..<300))
            #expect(completions.allSatisfy { $0.status == 200 })
            #expect(completions.allSatisfy { $0.scheduledStart <= $0.actualStart && $0.actualStart < $0.end })
            #expect(completions.allSatisfy { $0.timings.total > .zero && $0.timings.startTransfer <= $0.timings.total })
            // A gross bound only: the suite runs in parallel on small, shared machines. The precise
            // figure comes from `measureStartLateness` (GAUNTLET_HTTP_MEASURE=1).
            let lateness = completions.map(\.startLateness).sorted()
            let median = lateness[lateness.count / 2]
            #expect(median < .milliseconds(100), "median start lateness \(median), most in flight \(mostInFlight(completions)) of 300")
        }
    }

    @Test("Connections are reused and capped at maxConnections", .timeLimit(.minutes(1)))
    func connectionCap() async throws {
        try await withRawServer(.keepAlive) { server in
            let log = CompletionLog()
            let driver = LoadDriver(maxConnections: 2)
            let now = ContinuousClock.now
            var index: UInt64 = 0
            try driver.run(next: { _ in
                guard index < 40 else { return nil }
                defer { index += 1 }
                return LoadRequest(tag: index, scheduledStart: now, request: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }, completed: { log.append($0) })
            #expect(log.all.count == 40)
            #expect(log.all.allSatisfy { $0.status == 200 && $0.bodyBytes == 2 })
            #expect(server.acceptedConnections <= 2)
        }
    }

    @Test("Transport failures arrive as completions with their kind", .timeLimit(.minutes(1)))
    func failuresAreCompletions() async throws {
        try await withRefusingPort { port in
            let log = CompletionLog()
            let driver = LoadDriver(maxConnections: 4)
            let now = ContinuousClock.now
            var index: UInt64 = 0
            try driver.run(next: { _ in
                guard index < 10 else { return nil }
                defer { index += 1 }
                return LoadRequest(tag: index, scheduledStart: now, request: RequestSpec(url: "http://127.0.0.1:\(port)/"))
            }, completed: { log.append($0) })
            #expect(log.all.count == 10)
            #expect(log.all.allSatisfy { $0.failureKind == .connectFailed })
        }
    }

    @Test("Stalled requests end at their timeout, and the run still finishes", .timeLimit(.minutes(1)))
    func stalledRequestsTimeOut() async throws {
        try await withRawServer(.stall) { server in
            let log = CompletionLog()
            let driver = LoadDriver(maxConnections: 4, options: TransferOptions(timeouts: Timeouts(connect: .seconds(1), total: .milliseconds(200))))
            let now = ContinuousClock.now
            var index: UInt64 = 0
            try driver.run(next: { _ in
                guard index < 4 else { return nil }
                defer { index += 1 }
                return LoadRequest(tag: index, scheduledStart: now, request: RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }, completed: { log.append($0) })
            #expect(log.all.count == 4)
            #expect(log.all.allSatisfy { $0.failureKind == .timeout })
        }
    }

    @Test(
        "Measure: start lateness at a fixed rate (prints percentiles)",
        .enabled(if: ProcessInfo.processInfo.environment["GAUNTLET_HTTP_MEASURE"] != nil),
        .timeLimit(.minutes(1))
    )
    func measureStartLateness() async throws {
        let environment = ProcessInfo.processInfo.environment
        let rate = Int(environment["GAUNTLET_HTTP_RATE"] ?? "") ?? 2000
        let count = Int(environment["GAUNTLET_HTTP_COUNT"] ?? "") ?? 4000
        try await EchoServer.withServer { base in
            let log = CompletionLog()
            let driver = LoadDriver(maxConnections: 64)
            try await driver.runOnDedicatedThread(
                next: fixedRate(count: count, every: .seconds(1) / rate, url: "\(base)/echo"),
                completed: { log.append($0) }
            )
            let completions = log.all
            let lateness = completions.map(\.startLateness).sorted()
            let latency = completions.map(\.latency).sorted()
            func percentile(_ values: [Duration], _ p: Double) -> String {
                let value = values[min(values.count - 1, Int(Double(values.count) * p))]
                return String(Double(value.components.attoseconds) / 1e12 + Double(value.components.seconds) * 1e6) + " µs"
            }
            print("""
                LoadDriver \(count) requests at \(rate)/s: ok \(completions.filter { $0.status == 200 }.count)
                  start lateness p50 \(percentile(lateness, 0.5)) p90 \(percentile(lateness, 0.9)) p99 \(percentile(lateness, 0.99)) max \(percentile(lateness, 1))
                  latency        p50 \(percentile(latency, 0.5)) p90 \(percentile(latency, 0.9)) p99 \(percentile(latency, 0.99)) max \(percentile(latency, 1))
                """)
            #expect(completions.count == count)
            print("  most in flight \(mostInFlight(completions)) of 64")
        }
    }

    @Test("A run with no requests returns at once")
    func emptyRun() throws {
        var asked = 0
        try LoadDriver(maxConnections: 1).run(next: { _ in asked += 1; return nil }, completed: { _ in Issue.record("no completion expected") })
        #expect(asked == 1)
    }
}
