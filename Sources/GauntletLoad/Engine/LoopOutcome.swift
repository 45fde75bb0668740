import GauntletHTTP
import GauntletScenario

/// What one event loop measured over the whole run.
struct LoopOutcome: Sendable {
    var byRequest: [RequestStats]
    var total: RequestStats
    var phases = PhaseLatencies()
    var iterationsStarted = 0
    var iterationsCompleted = 0
    var lateStarts = 0
    var dropped = 0
    var sent = 0
    /// Requests in flight when the load was stopped (Ctrl-C, an abort, or, with no time limit per
    /// request, still unanswered ``LoadPlan/drainLimit`` after its last iteration started), dropped unanswered rather
    /// than waited for: neither measured nor counted as errors of the deployment.
    var abandoned = 0
    /// Nanoseconds from the common start to the loop's last event.
    var elapsedNanos: UInt64 = 0
    /// Open model: nanoseconds from the common start to the end of the loop's arrival window
    /// (``LoadResult/arrivalWindow``); nil for the other models.
    var arrivalsEndNanos: UInt64?
    /// One per request, for the cold-start analysis; empty unless the plan asks for it.
    var samples: [ColdStartSample] = []
    /// Requests beyond the loop's share of ``LoadRecorder/sampleLimit``, left out of the analysis.
    var unsampled = 0
    /// Teardown steps labelled `left_behind` that failed: what the load left in the deployment.
    var leftBehind = 0
    /// Their labels, filled in (the first ``LoadLoop/leftBehindLabelLimit``).
    var leftBehindLabels: [String] = []
    /// Teardown steps labelled `left_behind` whose answer showed the thing neither gone nor there
    /// (their `present:` rule did not hold): the load cannot tell whether it is gone.
    var unverified = 0
    /// Their labels with that answer (the first ``LoadLoop/leftBehindLabelLimit``).
    var unverifiedLabels: [String] = []
    /// The first request sent under each request name, by position: what a report shows as the
    /// curl command that reproduces a threshold's request.
    var firstRequests: [RenderedRequest?] = []
    /// The variables of the last iteration that ended (what a setup captured).
    var lastScope: VariableScope?

    /// Whether the deployment answered any of the loop's requests (a status, whatever it was).
    var answered: Bool { total.gotAnAnswer }
}
