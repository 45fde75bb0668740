import Foundation
import GauntletAPI
import GauntletJSON
import GauntletLoad
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The whole chain of `--cold-start-log` on events-api's Lambda runtime: the runtime writes
/// Lambda's REPORT lines and returns the request id, the log reader reads the lines, and the
/// analysis labels the first invocation cold and the rest warm, in full agreement with
/// `X-Cold-Start`.
@Suite(.timeLimit(.minutes(1))) struct LambdaRuntimeReportTests {
    @Test("REPORT lines from the runtime label its invocations: the first cold, the rest warm, agreeing with X-Cold-Start")
    func reportLines() async throws {
        let events = (0..<5).map { _ in LambdaRuntimeTests.httpEvent("GET", "/events") }
        let stub = LambdaRuntimeTests.RuntimeAPIStub(events: events)
        let lines = Mutex<[String]>([])
        let start = Date()
        try await stub.application().test(.live) { client in
            var configuration = APIConfiguration(port: 0, logLevel: .error)
            configuration.store = .memory
            var runtime = LambdaRuntime(runtimeAPI: "127.0.0.1:\(client.port ?? 0)", configuration: configuration)
            runtime.reportLines = { line in lines.withLock { $0.append(line) } }
            try await runtime.run(invocations: events.count)
        }
        let written = lines.withLock { $0 }
        try #require(written.count == events.count)
        #expect(written[0].contains("\tInit Duration: "))
        #expect(written.dropFirst().allSatisfy { !$0.contains("Init Duration") })

        let log = try LambdaReportLog.parse(written.joined(separator: "\n"), path: "stdout")
        #expect(log.invocations.count == events.count)
        #expect(log.invocations.map(\.isCold) == [true, false, false, false, false])
        // Each line starts with its time, for matching by time window.
        let startNanos = Int64(start.timeIntervalSince1970 * 1e9)
        #expect(log.invocations.allSatisfy { ($0.endNanos ?? 0) >= startNanos - 1_000_000 })

        // One sample per response, as the load engine records them (id and header read).
        let answers = stub.answers.withLock { $0 }
        let samples = try answers.enumerated().map { index, answer in
            let response = try JSONValue(parsing: answer.body)
            let headers = response["headers"]
            #expect(headers?[LambdaRuntime.requestIDHeader]?.stringValue == answer.id)
            return ColdStartSample(
                offset: .milliseconds(index * 10), latency: .milliseconds(index == 0 ? 300 : 3), status: 200,
                coldStartHeader: headers?["X-Cold-Start"]?.stringValue, requestID: headers?[LambdaRuntime.requestIDHeader]?.stringValue)
        }
        let analysis = ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log)
        #expect(analysis.summary.method == .log)
        #expect(analysis.summary.coldCount == 1)
        #expect(analysis.summary.warmCount == 4)
        let match = try #require(analysis.logMatch)
        #expect(match.byRequestID == 5)
        #expect(match.clientMethod == .header)
        #expect(match.agreement.truePositives == 1)
        #expect(match.agreement.trueNegatives == 4)
        #expect(match.agreement.precision == 1)
        #expect(match.agreement.recall == 1)
    }
}
