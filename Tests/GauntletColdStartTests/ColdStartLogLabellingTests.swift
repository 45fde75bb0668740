import Foundation
import GauntletLoad
import Testing

/// Labelling requests from a Lambda log: by request id (direct, or mapped from API Gateway's),
/// else by the one invocation a request's time overlaps; ambiguous overlaps stay unlabelled, and
/// the client-side method is scored against the log.
@Suite struct ColdStartLogLabellingTests {
    static let origin: Int64 = 1_796_267_045_000_000_000

    /// A request due `at` ms into the run, taking `took` ms.
    static func sample(at: Int64, took: Int64, id: String? = nil, header: String? = nil, status: Int = 200) -> ColdStartSample {
        ColdStartSample(
            offset: .milliseconds(at), latency: .milliseconds(took), status: status, coldStartHeader: header, requestID: id)
    }

    /// An invocation ending `end` ms into the run, running `ms` (plus `initMs` when cold).
    static func invocation(_ id: String, end: Int64?, ms: Double, initMs: Double? = nil) -> LambdaInvocation {
        LambdaInvocation(
            requestID: id, endNanos: end.map { origin + $0 * 1_000_000 }, durationMilliseconds: ms, initDurationMilliseconds: initMs)
    }

    @Test("By request id: the log decides, and the header is scored against it")
    func byID() {
        let samples = [
            Self.sample(at: 0, took: 300, id: "a", header: "true"),
            Self.sample(at: 400, took: 5, id: "b", header: "true"),  // the header is wrong here
            Self.sample(at: 500, took: 5, id: "c", header: "false"),
            Self.sample(at: 600, took: 5, id: "gw-d", header: "false"),  // API Gateway's id, mapped
        ]
        let log = LambdaReportLog(
            invocations: [
                Self.invocation("a", end: nil, ms: 20, initMs: 250), Self.invocation("b", end: nil, ms: 2),
                Self.invocation("c", end: nil, ms: 2), Self.invocation("d", end: nil, ms: 2),
            ],
            aliases: ["gw-d": "d"])
        let analysis = ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log)
        #expect(analysis.summary.method == .log)
        #expect(analysis.summary.coldCount == 1)
        let match = try! #require(analysis.logMatch)
        #expect(match.byRequestID == 4)
        #expect(match.byTimeWindow == 0)
        #expect(match.unlabelled == 0)
        #expect(match.clientMethod == .header)
        #expect(match.agreement.truePositives == 1)
        #expect(match.agreement.falsePositives == 1)
        #expect(match.agreement.precision == 0.5)
        #expect(match.agreement.recall == 1)
    }

    @Test("By time window: a request overlapping exactly one invocation is labelled; overlaps of several, or shared ones, are not")
    func byTime() {
        let samples = [
            Self.sample(at: 0, took: 300, header: "true"),  // overlaps a (cold: init counts) only
            Self.sample(at: 1000, took: 10, header: "false"),  // overlaps b only
            Self.sample(at: 2000, took: 50, header: "false"),  // overlaps c and d: ambiguous
            Self.sample(at: 3000, took: 10, header: "false"),  // e, shared with the next
            Self.sample(at: 3005, took: 10, header: "false"),  // e too: both unlabelled
            Self.sample(at: 4000, took: 10, header: "false"),  // no invocation
            Self.sample(at: 1002, took: 3, header: nil, status: 429),  // throttled: never labelled
        ]
        let log = LambdaReportLog(invocations: [
            Self.invocation("a", end: 290, ms: 20, initMs: 250),  // [20, 290]
            Self.invocation("b", end: 1008, ms: 4),
            Self.invocation("c", end: 2020, ms: 5), Self.invocation("d", end: 2040, ms: 5),
            Self.invocation("e", end: 3009, ms: 2),
        ])
        let analysis = ColdStartAnalysis(
            samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log, wallClockStartNanos: Self.origin)
        let match = try! #require(analysis.logMatch)
        #expect(match.byTimeWindow == 2)
        #expect(match.byRequestID == 0)
        #expect(match.unlabelled == 4)
        #expect(match.ambiguous == 3)
        #expect(analysis.summary.method == .log)
        #expect(analysis.summary.coldCount == 1)
        #expect(analysis.summary.throttledCount == 1)
        #expect(match.agreement.truePositives == 1)
        #expect(match.agreement.trueNegatives == 1)
        #expect(match.agreement.precision == 1)
        #expect(match.agreement.recall == 1)
    }

    @Test("Without the run's wall-clock start, or with a warm-only window shifted away, nothing is labelled by time")
    func noTime() {
        let samples = [Self.sample(at: 0, took: 10, header: "false")]
        let log = LambdaReportLog(invocations: [Self.invocation("a", end: 5, ms: 2)])
        let withoutStart = ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log)
        #expect(withoutStart.logMatch?.unlabelled == 1)
        #expect(withoutStart.summary.method == .header)
        let late = LambdaReportLog(invocations: [Self.invocation("a", end: 50, ms: 2)])
        let shifted = ColdStartAnalysis(
            samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: late, wallClockStartNanos: Self.origin)
        #expect(shifted.logMatch?.byTimeWindow == 0)
    }

    @Test("An id the log lacks falls back to the time window and is counted")
    func idNotInLog() {
        let samples = [Self.sample(at: 0, took: 10, id: "missing", header: "false")]
        let log = LambdaReportLog(invocations: [Self.invocation("other", end: 8, ms: 2)])
        let analysis = ColdStartAnalysis(
            samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log, wallClockStartNanos: Self.origin)
        #expect(analysis.logMatch?.idsNotInLog == 1)
        #expect(analysis.logMatch?.byTimeWindow == 1)
    }

    @Test("A result file keeps the log and the request ids, so a re-read or a merge labels again")
    func resultFileRoundTrip() throws {
        var result = LoadResult(
            planName: "p", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(1), total: RequestStats(name: "total"),
            byName: [])
        result.coldStartInput = ColdStartInput(
            samples: [Self.sample(at: 0, took: 300, id: "a", header: "false")], classifier: ColdStartClassifier(requestIDHeader: "X-Lambda-Request-Id"),
            unanalysed: 0)
        let labelled = result.applyingColdStartLog(LambdaReportLog(invocations: [Self.invocation("a", end: nil, ms: 20, initMs: 250)]))
        #expect(labelled.coldStarts?.summary.coldCount == 1)
        let reread = try JSONDecoder().decode(LoadResultFile.self, from: LoadResultFile(labelled).encoded()).result()
        #expect(reread.coldStarts?.summary.method == .log)
        #expect(reread.coldStarts?.logMatch?.byRequestID == 1)
        let merged = try LoadResult.merging([reread])
        #expect(merged.coldStarts?.summary.coldCount == 1)
    }

    @Test("cold_start: { log, request_id_header } in a load file: logs relative to the file, the id header read")
    func loadFileKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cwlogs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/load.yaml"
        try """
            load:
              vus: 1
              iterations: 1
              cold_start: { log: [report.log, /abs/other.log] }
            scenarios:
              - name: health
                steps: [{ name: health, request: { path: /health } }]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try LoadFile.load(contentsOf: path)
        #expect(file.coldStartLogs == [folder + "/report.log", "/abs/other.log"])
        #expect(file.plan.coldStart?.requestIDHeader == ColdStartClassifier.defaultRequestIDHeader)
        try """
            load:
              vus: 1
              iterations: 1
              cold_start: { request_id_header: apigw-requestid }
            scenarios:
              - name: health
                steps: [{ name: health, request: { path: /health } }]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try LoadFile.load(contentsOf: path).plan.coldStart?.requestIDHeader == "apigw-requestid")
    }
}
