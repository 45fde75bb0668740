/// How a load's requests were matched to a Lambda log's invocations, and how the client-side
/// method (the header when every response had it, else the statistical one) agreed with the log
/// on the requests it labelled.
public struct ColdStartLogMatch: Sendable, Hashable, Codable {
    /// Invocations in the log.
    public var invocations: Int
    /// Of them, cold ones (`Init Duration`).
    public var coldInvocations: Int
    /// Served requests labelled by the request id their response carried.
    public var byRequestID: Int
    /// Served requests labelled by the one invocation their time overlapped.
    public var byTimeWindow: Int
    /// Served requests left unlabelled (their client-side verdict stands).
    public var unlabelled: Int
    /// Of the unlabelled: overlapping several invocations, or sharing their only one with
    /// another request.
    public var ambiguous: Int
    /// Responses whose request id was not in the log (then matched by time, if they could be).
    public var idsNotInLog: Int
    /// Lines of the log that were not records.
    public var skippedLines: Int
    /// `REPORT` lines that could not be read.
    public var unreadableLines: Int
    /// The client-side method the log was compared with.
    public var clientMethod: ColdStartMethod
    /// The client-side method (prediction) against the log (truth), on labelled requests.
    public var agreement: ColdStartAgreement

    /// Served requests labelled from the log.
    public var labelled: Int { byRequestID + byTimeWindow }
    /// Served requests, labelled or not.
    public var served: Int { labelled + unlabelled }
    /// Whether the log labelled at least half of the served requests: only then is it what
    /// decided the run's verdicts; otherwise the client-side method decided most of them, and
    /// a report naming the log as the method (or its agreement as the run's) would mislead.
    public var decidedMost: Bool { labelled > 0 && labelled * 2 >= served }
}
