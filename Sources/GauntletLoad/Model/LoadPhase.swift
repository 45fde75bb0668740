/// One step of the phased model: the patterns that provoke cold starts on a serverless
/// deployment (a burst from idle, concurrency steps, idle gaps, probes after silence).
///
/// Phases run one after another. A phase starts once every iteration of the one before has
/// ended, so that `idle` is really idle and a `burst` lands on instances that are all free;
/// the exception is a `users` step after a `users` step, which takes over the running users
/// (as concurrency grows or shrinks, users beyond the new count stop after their iteration).
public enum LoadPhase: Sendable, Equatable, Codable {
    /// `count` iterations start at the same instant; the phase ends when all have ended.
    case burst(count: Int)
    /// Nothing is sent for the duration (long enough, an idle deployment reclaims instances).
    case idle(Duration)
    /// `vus` virtual users loop, each starting its next iteration `thinkTime` after its last
    /// ended, until `duration` has passed.
    case users(vus: Int, duration: Duration, thinkTime: Duration)
    /// `count` iterations one at a time, each after `gap` of silence since the previous ended.
    case probes(count: Int, gap: Duration)

    /// The most iterations the phase has in flight at once.
    public var concurrency: Int {
        switch self {
        case let .burst(count): count
        case .idle: 0
        case let .users(vus, _, _): vus
        case .probes: 1
        }
    }

    /// A short name for reports: `burst of 10`, `idle 12s`, `6 VUs for 3s`, `3 probes after 4s idle`.
    public var description: String {
        switch self {
        case let .burst(count):
            return "burst of \(count)"
        case let .idle(duration):
            return "idle \(duration.formattedForLoad)"
        case let .users(vus, duration, thinkTime):
            let think = thinkTime == .zero ? "" : ", think \(thinkTime.formattedForLoad)"
            return "\(vus) VU\(vus == 1 ? "" : "s") for \(duration.formattedForLoad)\(think)"
        case let .probes(count, gap):
            return "\(count) probe\(count == 1 ? "" : "s") after \(gap.formattedForLoad) idle"
        }
    }

    /// Whether the phase's settings can run: positive counts and durations.
    var problem: String? {
        switch self {
        case let .burst(count): count < 1 ? "a burst needs at least 1 request" : nil
        case let .idle(duration): duration <= .zero ? "an idle phase needs a positive duration" : nil
        case let .users(vus, duration, thinkTime):
            vus < 0 ? "vus must not be negative"
                : duration <= .zero ? "a users phase needs a positive duration"
                : thinkTime < .zero ? "think time must not be negative" : nil
        case let .probes(count, gap):
            count < 1 ? "probes need a count of at least 1" : gap < .zero ? "the gap must not be negative" : nil
        }
    }

    /// This phase's part for `shard`: bursts and users dealt out among the shards, probes
    /// (one at a time by design) all on shard 0, idle on every shard.
    func share(for shard: LoadShard) -> LoadPhase {
        switch self {
        case let .burst(count): .burst(count: shard.share(of: count))
        case .idle: self
        case let .users(vus, duration, thinkTime): .users(vus: shard.share(of: vus), duration: duration, thinkTime: thinkTime)
        case let .probes(count, gap): .probes(count: shard.index == 0 ? count : 0, gap: gap)
        }
    }
}
