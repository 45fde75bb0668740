import Foundation
import GauntletAPI
@testable import GauntletLoad
import Testing

/// The statistical method (latency where the client's signals expect cold starts) against the
/// emulation's truth, on a deliberately noisy machine: a process spinning on a CPU beside the
/// server and the load. Each case runs three times (the rare one five: a run has only about a
/// dozen cold starts); precision and recall are over its judged runs (below).
///
/// Where the cold-start penalty is at least five times warm p99 (the issue's bar: a cold start
/// must stand out from the slowest warm requests), precision and recall must be at least 0.95.
/// Below that bar the figures are printed, not judged: latency cannot tell such cold starts
/// from warm stalls, and the README says so.
///
/// A run is set aside, though, when the host stalled warm requests as long as a cold start just
/// where the client expected cold starts. With a process spinning beside it, a 2-core machine
/// now and then stalls every request in flight for about 100 ms; when that lands at a phase's
/// start or a concurrency step, those warm requests read as cold (the method's documented
/// limit). "As long as a cold start" is within the method's ×2 gap
/// (``ColdStartClassifier/minimumGap``) of the run's fastest cold start, and "the host" is at
/// least three such warm requests in flight together; a run is set aside when more warm requests
/// than 5 % of its cold starts (the precision asked for) stalled so. A warm request that stalls
/// alone and is called cold still counts against precision. A case meant to stand out whose
/// every run was set aside records a known issue with its rows: seen in the log, no verdict
/// either way. `swift test --filter ColdStartMatrixTests` prints the table the README carries.
@Suite(.serialized) struct ColdStartMatrixTests {
    /// One row of the matrix.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var emulation: LambdaEmulation
        var phases: String
        /// How many times it runs: more where each run has few cold starts to count.
        var runs = 3
        /// Whether its cold starts are meant to stand out (penalty ≥ 5 × warm p99): false where
        /// they are too short or warm requests stall as long by design.
        var meantToStandOut = true
        var testDescription: String { self.name }
    }

    static let plainWarm = LambdaEmulation.DurationRange.uniform(.milliseconds(1) ... .milliseconds(20))
    /// The shipped pattern's phases: bursts from idle, a concurrency step, probes after idleness.
    static let shippedPhases = """
        - burst: 10
        - { vus: 10, duration: 2s }
        - { vus: 14, duration: 2s }
        - { probes: 3, gap: 1500ms }
        - idle: 1500ms
        - burst: 10
        """

    static let cases: [Case] = [
        Case(
            name: "cold 100–300 ms, warm 1–20 ms",
            emulation: LambdaEmulation(coldStart: .uniform(.milliseconds(100) ... .milliseconds(300)), idleTimeout: .seconds(1), warmTime: plainWarm),
            phases: shippedPhases),
        Case(
            name: "cold 40–80 ms, warm 1–5 ms",
            emulation: LambdaEmulation(
                coldStart: .uniform(.milliseconds(40) ... .milliseconds(80)), idleTimeout: .seconds(1),
                warmTime: .uniform(.milliseconds(1) ... .milliseconds(5))),
            phases: shippedPhases, meantToStandOut: false),
        Case(
            name: "cold 40–80 ms, warm 1–5 ms, 2% warm stalls of 50–150 ms",
            emulation: LambdaEmulation(
                coldStart: .uniform(.milliseconds(40) ... .milliseconds(80)), idleTimeout: .seconds(1),
                warmTime: .uniform(.milliseconds(1) ... .milliseconds(5)),
                warmStall: .init(duration: .uniform(.milliseconds(50) ... .milliseconds(150)), probability: 0.02)),
            phases: shippedPhases, meantToStandOut: false),
        Case(
            name: "cold 100 ms, warm 1–20 ms, 1% warm stalls of 50–150 ms",
            emulation: LambdaEmulation(
                coldStart: .fixed(.milliseconds(100)), idleTimeout: .seconds(1), warmTime: plainWarm,
                warmStall: .init(duration: .uniform(.milliseconds(50) ... .milliseconds(150)), probability: 0.01)),
            phases: shippedPhases, meantToStandOut: false),
        Case(
            name: "cold 2–4 s, warm 1–20 ms",
            emulation: LambdaEmulation(coldStart: .uniform(.seconds(2) ... .seconds(4)), idleTimeout: .seconds(1), warmTime: plainWarm),
            phases: shippedPhases),
        Case(
            name: "rare: 12 cold among ~10,000",
            emulation: LambdaEmulation(
                coldStart: .uniform(.milliseconds(100) ... .milliseconds(300)), idleTimeout: .seconds(1),
                warmTime: .uniform(.milliseconds(1) ... .milliseconds(3))),
            phases: """
                - { vus: 10, duration: 4s }
                - { vus: 12, duration: 3s }
                """,
            runs: 5),
        Case(
            name: "all-cold bursts: 3 × 10 from idle, then 10 warm",
            emulation: LambdaEmulation(coldStart: .uniform(.milliseconds(100) ... .milliseconds(300)), idleTimeout: .seconds(1), warmTime: plainWarm),
            phases: """
                - burst: 10
                - idle: 1500ms
                - burst: 10
                - idle: 1500ms
                - burst: 10
                - burst: 10
                """),
        Case(
            name: "throttled beyond 8 at once, cold 100–300 ms",
            emulation: LambdaEmulation(
                coldStart: .uniform(.milliseconds(100) ... .milliseconds(300)), idleTimeout: .seconds(1), maxConcurrency: 8, warmTime: plainWarm),
            phases: shippedPhases),
    ]

    /// Runs `phases` (GET /health) against a fresh emulating API and returns the analysis.
    static func run(_ phases: String, emulation: LambdaEmulation, coldStart: String = "true") async throws -> LoadResult {
        let file = try LoadFile.parse(
            yaml: """
                load:
                  cold_start: \(coldStart)
                  timeout: 10s
                  phases:
                \(phases.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                scenarios:
                  - name: health
                    steps:
                      - { name: health, request: { path: /health }, expect: { status: [200, 429] } }
                """,
            path: "matrix.yaml")
        var configuration = APIConfiguration.testing
        configuration.lambda = emulation
        return try await EventAPIServer.withRunningServer(configuration) { baseURL in
            try await LoadRunner.run(file, baseURL: baseURL, transport: CurlLoadTransport(), progress: .off)
        }
    }

    @Test("Precision and recall ≥ 0.95 wherever the cold-start penalty is ≥ 5 × warm p99, with a CPU hog beside", arguments: cases)
    func matrix(_ testCase: Case) async throws {
        let hog = try CPUHog(count: 1)
        defer { hog.stop() }
        var judged = (tp: 0, fp: 0, fn: 0)
        var judgedRuns = 0
        var rows: [String] = []
        for run in 1...testCase.runs {
            let result = try await Self.run(testCase.phases, emulation: testCase.emulation)
            let analysis = try #require(result.coldStarts)
            let truth = analysis.summary
            #expect(truth.method == .header)
            let agreement = try #require(analysis.statisticalAgreement)
            let penalty = truth.penaltyMilliseconds ?? 0
            let warmP99 = truth.warm?.p99 ?? 0
            let standsOut = penalty >= 5 * warmP99
            let stalledLikeCold = Self.warmStalledLikeCold(result)
            let setAside = Double(stalledLikeCold) > 0.05 * Double(truth.coldCount)
            let isJudged = standsOut && !setAside
            let statistical = Self.statisticalVerdict(result)
            if isJudged {
                judgedRuns += 1
                judged.tp += agreement.truePositives
                judged.fp += agreement.falsePositives
                judged.fn += agreement.falseNegatives
            }
            rows.append(
                "| \(testCase.name) | \(run) | \(truth.coldCount)/\(truth.coldCount + truth.warmCount) | \(truth.throttledCount) | "
                    + "\(Int(penalty)) | \(String(format: "%.1f", warmP99)) | \(stalledLikeCold) | \(isJudged ? "yes" : "no") | "
                    + "\(agreement.truePositives) | \(agreement.falsePositives) | \(agreement.falseNegatives) | "
                    + "\(String(format: "%.2f", agreement.precision)) | \(String(format: "%.2f", agreement.recall)) | \(statistical) |")
        }
        print(rows.joined(separator: "\n"))
        if testCase.meantToStandOut, judgedRuns == 0 {
            withKnownIssue("the host stalled warm requests as long as cold starts where they could be, in every run", isIntermittent: true) {
                Issue.record("every run set aside:\n\(rows.joined(separator: "\n"))")
            }
        }
        let precision = judged.tp + judged.fp == 0 ? 1 : Double(judged.tp) / Double(judged.tp + judged.fp)
        let recall = judged.tp + judged.fn == 0 ? 1 : Double(judged.tp) / Double(judged.tp + judged.fn)
        #expect(precision >= 0.95, "\(rows.joined(separator: "\n"))")
        #expect(recall >= 0.95, "\(rows.joined(separator: "\n"))")
    }

    /// How many requests the header calls warm were stalled by the host as long as a cold start
    /// where the client expected cold starts: each took at least half as long as the run's
    /// fastest cold start (within the method's ×2 gap of it), and so did at least two other warm
    /// requests in flight with it (a stall of the host, not of one request).
    static func warmStalledLikeCold(_ result: LoadResult) -> Int {
        guard let samples = result.coldStartInput?.samples else { return 0 }
        let served = samples.indices.filter { samples[$0].isServed }
        let headerVerdicts = ColdStartClassifier(mode: .header).classify(samples).verdicts
        func isCold(_ position: Int) -> Bool { headerVerdicts[position] == .cold }
        guard let fastestCold = served.filter(isCold).map({ samples[$0].latency }).min() else { return 0 }
        let classifier = ColdStartClassifier(mode: .statistical)
        let expected = classifier.signals(samples, served: served).expected
        let asLongAsCold = fastestCold / classifier.minimumGap
        let slowWarm = served.filter { !isCold($0) && samples[$0].latency >= asLongAsCold }
        func overlap(_ a: Int, _ b: Int) -> Bool {
            samples[a].offset < samples[b].offset + samples[b].latency && samples[b].offset < samples[a].offset + samples[a].latency
        }
        return slowWarm.filter { position in
            expected[position] && slowWarm.filter { $0 != position && overlap($0, position) }.count >= 2
        }.count
    }

    /// The statistical method's figures, and the cold starts it missed (offset, latency, stage).
    static func statisticalVerdict(_ result: LoadResult) -> String {
        guard let samples = result.coldStartInput?.samples.sorted(by: { $0.offset < $1.offset }) else { return "" }
        let classification = ColdStartClassifier(mode: .statistical).classify(samples)
        if let undecided = classification.undecided { return "undecided: \(undecided)" }
        let missed = zip(samples, classification.verdicts).filter { ColdStartClassifier.isCold(headerValue: $0.0.coldStartHeader ?? "") && $0.1 != .cold }
        let threshold = classification.threshold.map { String(format: "%.1f ms", ColdStartClassifier.microseconds($0) / 1000) } ?? "-"
        return "split \(threshold), D \(String(format: "%.1f", classification.separation ?? 0)), \(classification.expectedCold ?? 0) expected"
            + (missed.isEmpty ? "" : "; missed " + missed.map { "\(String(format: "%.3f", $0.0.offset.secondsDouble)) s \(String(format: "%.1f", ColdStartClassifier.microseconds($0.0.latency) / 1000)) ms stage \($0.0.stage)" }.joined(separator: ", "))
    }

    @Test("Bursts from idle with no warm request anywhere are undecided, never 0 cold", .timeLimit(.minutes(1)))
    func pureColdBurstsAreUndecided() async throws {
        let result = try await Self.run(
            """
            - burst: 10
            - idle: 1500ms
            - burst: 10
            - idle: 1500ms
            - burst: 10
            """,
            emulation: LambdaEmulation(coldStart: .uniform(.milliseconds(100) ... .milliseconds(300)), idleTimeout: .seconds(1), warmTime: Self.plainWarm),
            coldStart: "{ method: statistical }")
        let summary = try #require(result.coldStarts?.summary)
        #expect(summary.method == .statistical)
        let reason = try #require(summary.undecided)
        #expect(reason.contains("no separate slow group"), "\(reason)")
        #expect(summary.coldCount == 0 && summary.warmCount == 0)
    }
}
