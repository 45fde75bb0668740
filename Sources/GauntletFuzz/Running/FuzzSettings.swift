public import GauntletHTTP

/// What a fuzz run does: where, how many cases, for how long, and which checks count.
public struct FuzzSettings: Sendable {
    /// The deployment under test, without a trailing slash.
    public var baseURL: String
    /// Fixes every generated value: the same seed sends the same requests.
    public var seed: UInt64
    /// Positive cases per operation, and negative cases per operation.
    public var maxExamples: Int
    /// The run stops generating after this long, cleans up (for at most ``cleanupGrace`` more:
    /// requests still unanswered then are given up), and reports itself incomplete.
    public var timeLimit: Duration
    /// The checks that are judged; the others are not evaluated.
    public var checks: Set<FuzzCheck>
    /// Sent with every request (e.g. an API key); redacted from every report.
    public var headers: [HTTPHeader]
    /// libcurl settings (timeouts, TLS).
    public var transfer: TransferOptions
    /// Names everything the run creates, so that it can be found and removed.
    public var runID: String
    /// At most this many requests are spent shrinking one finding.
    public var shrinkBudget: Int
    /// How long after a stop (Ctrl-C), or after the time limit, the requests in flight and the
    /// cleanup are waited for (``TeardownGrace``): a run ends by then whatever the deployment does.
    public var cleanupGrace = TeardownGrace.afterInterruption

    public init(
        baseURL: String, seed: UInt64 = 1, maxExamples: Int = 20, timeLimit: Duration = .seconds(60),
        checks: Set<FuzzCheck> = Set(FuzzCheck.allCases), headers: [HTTPHeader] = [], transfer: TransferOptions = TransferOptions(),
        runID: String, shrinkBudget: Int = 40
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.seed = seed
        self.maxExamples = maxExamples
        self.timeLimit = timeLimit
        self.checks = checks
        self.headers = headers
        self.transfer = transfer
        self.runID = runID
        self.shrinkBudget = shrinkBudget
    }
}
