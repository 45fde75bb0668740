/// How much one run may hold, whatever it is asked: a data file of a million rows or a table
/// of thousands of cases must not take a transcript per testcase into memory and into every
/// report (100,000 rows of one GET took 3.3 GB and wrote a 340 MB `results.json`).
public struct RunLimits: Sendable {
    /// The most testcases (each scenario once per case, repetition and row of `--data`) one run
    /// may have. A larger run is refused before any request: split the data file, or select
    /// fewer scenarios with `--tag`.
    public var testcases: Int
    /// How many testcases that passed (or were skipped) keep their whole transcript (headers,
    /// bodies, the curl command), in the order they end, and as many of the others (failed,
    /// errored, interrupted). Past that, a testcase keeps its steps' request lines, statuses,
    /// timings and checks: every verdict and why, without the bytes.
    public var transcripts: Int

    public init(testcases: Int, transcripts: Int) {
        self.testcases = testcases
        self.transcripts = transcripts
    }

    /// 100,000 testcases, 1,000 whole transcripts of each kind: a run at the limit of one GET
    /// a testcase peaked at 349 MB, with a `report.html` of 21 MB.
    public static let standard = RunLimits(testcases: 100_000, transcripts: 1_000)
}

/// The whole transcripts a run has left to keep (``RunLimits/transcripts`` of each kind): each
/// result past them keeps its verdicts and loses its headers and bodies as it ends, so that a
/// run's memory grows by a few hundred bytes a testcase, not by its answers.
struct TranscriptBudget {
    private var passedLeft: Int
    private var othersLeft: Int
    private let limit: Int

    init(_ limits: RunLimits) {
        limit = max(0, limits.transcripts)
        passedLeft = limit
        othersLeft = limit
    }

    /// `result` whole while its kind has transcripts left, else without its transcript.
    mutating func admit(_ result: ScenarioResult) -> ScenarioResult {
        let passed = result.outcome == .passed || result.outcome == .skipped
        if passed, passedLeft > 0 {
            passedLeft -= 1
            return result
        }
        if !passed, othersLeft > 0 {
            othersLeft -= 1
            return result
        }
        let kind = passed ? "passed or skipped" : "failed, errored or interrupted"
        return result.withoutTranscript(
            reason: "headers, bodies and curl commands not kept: the run kept them for its first \(limit) \(kind) testcases")
    }
}
