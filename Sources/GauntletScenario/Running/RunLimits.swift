/// How much one run may hold, whatever it is asked: a data file of a million rows or a table
/// of thousands of cases must not take a transcript per testcase into memory and into every
/// report (100,000 rows of one GET took 2.8 GB and wrote a 340 MB `results.json`).
public struct RunLimits: Sendable {
    /// The most testcases (each scenario once per case, `repeat` and row of `--data`) one run
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
    /// a testcase peaked at 266 MB, with a `report.html` of 21 MB.
    public static let standard = RunLimits(testcases: 100_000, transcripts: 1_000)

    /// Why a run of `testcases` is refused (`dataFile` named as where most of them come
    /// from); nil when it fits.
    public func problem(testcases count: Int, dataFile: String? = nil) -> String? {
        guard count > testcases else { return nil }
        let per = dataFile.map { "case, repeat and row of \($0)" } ?? "case and repeat"
        let counted = count == .max ? "more than \(testcases)" : String(count)
        return "the run would have \(counted) testcases (each selected scenario once per \(per)); "
            + "one run holds at most \(testcases), so that its memory and reports stay bounded: split the data file "
            + "or select fewer scenarios with --tag; no request was sent"
    }
}
