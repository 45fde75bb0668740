/// The whole transcripts a run has left to keep (``RunLimits/transcripts`` of each kind): each
/// result past them keeps its verdicts and loses its headers and bodies as it ends, so that a
/// run's memory grows by a few hundred bytes a testcase of a few requests, not by its answers.
struct TranscriptBudget {
    private var passedLeft: Int
    private var othersLeft: Int
    /// Why a result lost its transcript, one text per kind shared by every such result.
    private let passedReason: String
    private let othersReason: String

    init(_ limits: RunLimits) {
        let limit = max(0, limits.transcripts)
        passedLeft = limit
        othersLeft = limit
        let reason = "headers, bodies and curl commands not kept: the run kept them for its first \(limit)"
        passedReason = "\(reason) passed or skipped testcases"
        othersReason = "\(reason) failed, errored or interrupted testcases"
    }

    /// `result` whole while its kind has transcripts left, else without its transcript. A
    /// result that sent nothing (skipped by `when:`, stopped before its first request) has
    /// nothing to lose and costs nothing.
    mutating func admit(_ result: ScenarioResult) -> ScenarioResult {
        guard result.hasTranscript else { return result }
        if result.outcome == .passed || result.outcome == .skipped {
            guard passedLeft > 0 else { return result.withoutTranscript(reason: passedReason) }
            passedLeft -= 1
        } else {
            guard othersLeft > 0 else { return result.withoutTranscript(reason: othersReason) }
            othersLeft -= 1
        }
        return result
    }
}
