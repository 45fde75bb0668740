public import Foundation
public import GauntletHTTP

/// What a fuzz run found, judged and left behind.
public struct FuzzResult: Sendable {
    /// How a check fared on one operation.
    public struct Tally: Sendable, Hashable {
        public var passed = 0
        public var failed = 0
        /// The first failure's message, for JUnit.
        public var firstFailure: String?
    }

    /// How the run ended.
    public enum Ending: Sendable, Hashable {
        /// Every operation got its cases.
        case completed
        /// `--time` ran out first: operations after the named one got fewer or no cases.
        case timeLimit(String)
        /// SIGINT or SIGTERM.
        case interrupted
    }

    public var documentSource: String
    public var baseURL: String
    /// The headers every request carried (`--header`), for reproduction commands: values of
    /// secret names are shown as `***`, and the session redacts every header value it printed.
    public var headers: [HTTPHeader] = []
    /// How requests were sent (`--http2`, `--cacert`, `--resolve`, …), for reproduction commands.
    public var transfer = TransferOptions()
    public var seed: UInt64
    public var runID: String
    public var startedAt: Date
    public var seconds: Double = 0
    public var operations: Int = 0
    /// Requests sent, shrinking and cleanup included.
    public var requests: Int = 0
    /// Cases generated (positive, negative, method and stateful).
    public var cases: Int = 0
    /// Check → operation label → tally.
    public var tallies: [FuzzCheck: [String: Tally]] = [:]
    /// Unique findings, in the order found.
    public var findings: [Finding] = []
    /// Resources it created and could not delete, by path.
    public var leftBehind: [String] = []
    /// Requests that got no answer (connection refused, timeout); never a pass.
    public var unanswered = 0
    /// Why, for the first 20 of them.
    public var transportErrors: [String] = []
    /// Problems with the document itself (a `$ref` that does not resolve, a schema no valid
    /// value could be made from), once each.
    public var documentProblems: [String] = []
    public var ending: Ending = .completed
    /// The resource kinds the document showed, for finding files' teardowns.
    public var resources: [FindingFile.Resource] = []

    /// Whether the run passed: complete, no finding, no transport error, nothing left behind,
    /// and a document it could use whole (a problem there leaves something untested).
    public var passed: Bool {
        ending == .completed && findings.isEmpty && unanswered == 0 && leftBehind.isEmpty && documentProblems.isEmpty
    }

    /// Why the run did not pass, one phrase per reason (`2 findings`, `3 requests without an
    /// answer`); empty when it passed. The console's verdict line says them, so that a run with no
    /// finding that still failed (a request unanswered, an item left behind) says why.
    public var failureReasons: [String] {
        func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        var reasons: [String] = []
        if !findings.isEmpty { reasons.append(counted(findings.count, "finding", "findings")) }
        if unanswered > 0 { reasons.append(counted(unanswered, "request without an answer", "requests without an answer")) }
        if !leftBehind.isEmpty { reasons.append(counted(leftBehind.count, "item left behind", "items left behind")) }
        if !documentProblems.isEmpty { reasons.append(counted(documentProblems.count, "document problem", "document problems")) }
        switch ending {
        case .completed: break
        case .timeLimit: reasons.append("the time limit stopped it")
        case .interrupted: reasons.append("interrupted")
        }
        return reasons
    }

    public init(documentSource: String, baseURL: String, seed: UInt64, runID: String, startedAt: Date) {
        self.documentSource = documentSource
        self.baseURL = baseURL
        self.seed = seed
        self.runID = runID
        self.startedAt = startedAt
    }

    mutating func count(_ check: FuzzCheck, _ operation: String, failure: String?) {
        var tally = tallies[check, default: [:]][operation, default: Tally()]
        if let failure {
            tally.failed += 1
            if tally.firstFailure == nil { tally.firstFailure = failure }
        } else {
            tally.passed += 1
        }
        tallies[check, default: [:]][operation] = tally
    }
}
