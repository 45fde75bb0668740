import GauntletHTTP

/// What a load came to, decided once for its exit status, console, `summary.md`, `latency.html`
/// and JUnit file alike, so that no report of an interrupted or failed load reads as passed.
public enum LoadVerdict: Sendable, Equatable {
    /// It ran to its end, every threshold held and nothing was left behind.
    case passed
    /// A threshold failed (the default `errors<=0%` included), a threshold aborted it, or
    /// teardown left something behind.
    case failed
    /// Requests were sent and none was answered: the deployment was never reached.
    case unreachable
    /// Ctrl-C or SIGTERM stopped it before its end: its thresholds judged only what ran.
    case interrupted
    /// A merge that stands for the whole plan (`gauntlet merge` without `--partial`) lacks a
    /// shard: the plan's thresholds judged part of it.
    case incomplete
    /// A part of a sharded load by design (a shard's own load, a `--partial` merge): it judges
    /// no threshold, which a merge of every shard does.
    case partial

    /// The verdict in capitals, as reports headline it.
    public var word: String {
        switch self {
        case .passed: "PASSED"
        case .failed: "FAILED"
        case .unreachable: "UNREACHABLE"
        case .interrupted: "INTERRUPTED"
        case .incomplete: "INCOMPLETE"
        case .partial: "PARTIAL"
        }
    }
}

extension LoadResult {
    /// The load's verdict: an interruption first (whatever its thresholds say), then a load that
    /// did not start, then no request answered at all, then failed thresholds, an abort,
    /// anything left behind or not verified as deleted, or requests dropped unanswered after the end, then a result of some shards only (incomplete for a merge that
    /// stands for the whole plan, partial otherwise).
    public var verdict: LoadVerdict {
        if cancelled { return .interrupted }
        if notStarted != nil { return setupUnanswered ? .unreachable : .failed }
        // Requests were sent and none was answered (status 0 counts a transport failure).
        if sent > 0, !total.gotAnAnswer { return .unreachable }
        guard thresholdsPassed && leftBehind == 0 && unverified == 0 && abort == nil && abandoned == 0 else { return .failed }
        if coversEveryShard { return .passed }
        return requiresEveryShard ? .incomplete : .partial
    }

    /// One line under the verdict that says why: `stopped after 2.86 s: the thresholds judged only
    /// what ran (…)`, `1 of 3 thresholds failed; 2 left behind`.
    public var verdictReason: String {
        let verdicts = thresholdResults
        let failed = verdicts.filter { !$0.passed }.count
        let thresholdsText =
            if verdicts.isEmpty {
                "no thresholds"
            } else if failed == 0 {
                verdicts.count == 1 ? "its 1 threshold passed" : "all \(verdicts.count) thresholds passed"
            } else {
                "\(failed) of \(verdicts.count) threshold\(verdicts.count == 1 ? "" : "s") failed"
            }
        switch verdict {
        case .interrupted where unfinished:
            return "the load did not finish: it ended before it wrote its reports (a second Ctrl-C, a kill or a crash)"
        case .interrupted where notStarted != nil:
            return notStarted ?? ""
        case .interrupted:
            return "stopped after \(LoadFormat.number(elapsed.secondsDouble, decimals: 2)) s: the thresholds judged only what ran"
                + " (\(thresholdsText) on that part)"
        case .unreachable where notStarted != nil:
            return "\(notStarted ?? ""): none of its requests was answered"
        case .unreachable:
            // Reached, but what came back was not HTTP (a server answering HTTP/0.9 or garbage,
            // a TLS port spoken to in plain HTTP): not the same fix as a deployment that is down.
            let malformed = total.errorCounts[TransportError.Kind.truncated.label] ?? 0
            if malformed * 2 > total.errors {
                return "none of the \(sent) requests sent got an HTTP answer: \(malformed) came back truncated or malformed "
                    + "(the deployment answered with what is not HTTP, or cut its answers short)"
            }
            return "none of the \(sent) requests sent was answered: the deployment was not reached, or never answered"
        case .incomplete:
            let missing = LoadShard.list(missingShards)
            return "shard\(missingShards.count == 1 ? "" : "s") \(missing) missing: the plan's thresholds judge only a merge of every shard"
        case .partial:
            let held = LoadShard.list(shards)
            return "shard\(shards.count == 1 ? "" : "s") \(held) of a sharded load: no threshold is judged until 'gauntlet merge' has every shard"
        case .passed:
            return thresholdsText
        case .failed:
            var reasons = [String]()
            if let notStarted { reasons.append(notStarted) }
            if let abort { reasons.append("stopped early by threshold '\(abort.threshold)'") }
            if failed > 0 { reasons.append(thresholdsText) }
            if leftBehind > 0 { reasons.append("\(leftBehind) left behind") }
            if unverified > 0 { reasons.append("\(unverified) not verified as deleted") }
            if abandoned > 0 && abort == nil {
                reasons.append(
                    "\(abandoned) request\(abandoned == 1 ? "" : "s") still unanswered \(LoadPlan.defaultDrainLimit.components.seconds) s after the last iteration started, dropped")
            }
            return reasons.joined(separator: "; ")
        }
    }
}
