import Foundation
import GauntletHTTP
import Testing

/// Starts `count` requests to `url` at a fixed rate, a little after the call, each at its
/// scheduled instant (as the load engine does: start what is due, poll until the next is due),
/// and polls until every one has been reported or `patience` has passed after the last is due.
func runFixedRate(_ loop: SocketTransferLoop, count: Int, every interval: Duration, url: String, patience: Duration = .seconds(20)) throws -> [LoadCompletion] {
    let request = RenderedRequest(url: url)
    let origin = LoadInstant.now + .milliseconds(5)
    let giveUp = origin + interval * count + patience
    var completions: [LoadCompletion] = []
    var next = 0
    while next < count || loop.outstanding > 0, LoadInstant.now < giveUp {
        let now = LoadInstant.now
        while next < count, origin + interval * next <= now {
            loop.start(request, tag: UInt64(next), scheduledStart: origin + interval * next)
            next += 1
        }
        let deadline = next < count ? origin + interval * next : now + .seconds(1)
        try loop.poll(until: deadline) { completions.append($0) }
    }
    return completions
}

@Suite("SocketTransferLoop starts requests on schedule through curl_multi_socket_action")
struct SocketTransferLoopScheduleTests {
    @Test("Three hundred requests at 1000/s all complete, on time", .timeLimit(.minutes(1)))
    func fixedRateRun() async throws {
        try await EchoServer.withServer { base in
            let completions = try await onDedicatedThread {
                let options = TransferOptions(timeouts: Timeouts(connect: .seconds(2), total: .seconds(10)))
                let loop = try SocketTransferLoop(maxConnections: 300, options: options)
                defer { loop.close() }
                return try runFixedRate(loop, count: 300, every: .milliseconds(1), url: "\(base)/echo")
            }
            #expect(completions.count == 300)
            #expect(Set(completions.map(\.tag)) == Set(0..<300))
            #expect(completions.allSatisfy { $0.status == 200 && $0.response == nil })
            #expect(completions.allSatisfy { $0.scheduledStart <= $0.actualStart && $0.actualStart < $0.end })
            #expect(completions.allSatisfy { $0.timings.total > .zero && $0.timings.startTransfer <= $0.timings.total })
            // A gross bound only: the suite runs on small, shared machines. The precise figure
            // comes from `measureStartLateness` (GAUNTLET_HTTP_MEASURE=1).
            let lateness = completions.map(\.startLateness).sorted()
            let median = lateness[lateness.count / 2]
            #expect(median < .milliseconds(100), "median start lateness \(median), most in flight \(mostInFlight(completions)) of 300")
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
            let completions = try await onDedicatedThread {
                let loop = try SocketTransferLoop(maxConnections: 64)
                defer { loop.close() }
                return try runFixedRate(loop, count: count, every: .seconds(1) / rate, url: "\(base)/echo")
            }
            let lateness = completions.map(\.startLateness).sorted()
            let latency = completions.map(\.latency).sorted()
            func percentile(_ values: [Duration], _ p: Double) -> String {
                let value = values[min(values.count - 1, Int(Double(values.count) * p))]
                return String(Double(value.components.attoseconds) / 1e12 + Double(value.components.seconds) * 1e6) + " µs"
            }
            print("""
                SocketTransferLoop \(count) requests at \(rate)/s: ok \(completions.filter { $0.status == 200 }.count)
                  start lateness p50 \(percentile(lateness, 0.5)) p90 \(percentile(lateness, 0.9)) p99 \(percentile(lateness, 0.99)) max \(percentile(lateness, 1))
                  latency        p50 \(percentile(latency, 0.5)) p90 \(percentile(latency, 0.9)) p99 \(percentile(latency, 0.99)) max \(percentile(latency, 1))
                  most in flight \(mostInFlight(completions)) of 64
                """)
            #expect(completions.count == count)
        }
    }
}
