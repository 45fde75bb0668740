/// Schedules the phased model (``LoadPhase``): which virtual user starts an iteration when, and
/// when each phase gives way to the next.
///
/// Times are nanoseconds from the start of the load, passed in by the caller, like the other
/// schedulers, so that it runs on a test's manual clock too. The caller reports every iteration's
/// end with ``finished(vu:phase:at:)``; phase changes happen in ``advance(now:)``.
public struct PhasedScheduler: Sendable {
    private let phases: [LoadPhase]
    /// The phase running, or waiting to start; `phases.count` once all have ended.
    public private(set) var current = 0
    private var started = false
    /// When the current phase started (or, before it starts, when the previous one ended).
    private var phaseStart: UInt64 = 0
    private var ready: [(vu: Int, at: UInt64)] = []
    /// The users whose iteration is running, over every phase: a users step that grows back
    /// after shrinking must not queue one again (it is queued when its iteration ends). A user
    /// runs one iteration at a time (a phase that does not take over the users before it begins
    /// once none runs), so this counts the iterations in flight too.
    private var running: Set<Int> = []
    private var startedInPhase = 0
    private var finishedInPhase = 0
    /// When the last iteration ended.
    private var lastFinish: UInt64 = 0

    /// Creates a scheduler; the first phase starts at time zero.
    public init(phases: [LoadPhase]) {
        self.phases = phases
    }

    /// Whether every phase has ended (iterations still in flight may end later).
    public var isFinished: Bool { current >= phases.count }

    /// Starts and ends phases as their conditions are met at `now`.
    public mutating func advance(now: UInt64) {
        while current < phases.count {
            let phase = phases[current]
            if !started {
                guard running.isEmpty || carriesUsers(into: current) else { return }
                // After the last iteration of the phase before, or at once when users carry over.
                begin(phase, at: running.isEmpty ? max(phaseStart, lastFinish) : phaseStart)
            }
            guard let end = endTime(of: phase, now: now) else { return }
            current += 1
            started = false
            phaseStart = end
            if case .users = phase, !carriesUsers(into: current) { ready.removeAll() }
        }
    }

    /// When something is next due: a user's start or the current phase's end; nil when nothing
    /// is due until an iteration ends (or ever).
    public var nextEventTime: UInt64? {
        guard current < phases.count else { return nil }
        guard started else { return running.isEmpty ? phaseStart : nil }
        var next = ready.first?.at
        switch phases[current] {
        case let .idle(duration), let .users(_, duration, _):
            let end = phaseStart + duration.nanosecondsUInt64
            next = min(next ?? end, end)
        case .burst, .probes:
            break
        }
        return next
    }

    /// Takes a user whose iteration is due at `now`, with the phase it belongs to.
    public mutating func takeReady(now: UInt64) -> (vu: Int, readyAt: UInt64, phase: Int)? {
        advance(now: now)
        guard started, current < phases.count, let first = ready.first, first.at <= now else { return nil }
        if case let .users(_, duration, _) = phases[current], first.at >= phaseStart + duration.nanosecondsUInt64 {
            return nil
        }
        ready.removeFirst()
        running.insert(first.vu)
        startedInPhase += 1
        return (first.vu, first.at, current)
    }

    /// Records the end of `vu`'s iteration, taken in phase `phase`, at `now`: the user is ready
    /// again when its phase (or the users step that took it over) wants more.
    public mutating func finished(vu: Int, phase: Int, at now: UInt64) {
        running.remove(vu)
        lastFinish = max(lastFinish, now)
        if phase == current { finishedInPhase += 1 }
        // The step this user belongs to now: an iteration that ends after its users step's time
        // is up, before anything asked the schedule, carries over into the next users step (it
        // was dropped, and a step from 10 to 14 users after a burst ran with 10).
        advance(now: now)
        guard started, current < phases.count else { return }
        switch phases[current] {
        case let .users(vus, duration, thinkTime):
            // A user of this step, or of the users step it took over (not a burst's: its users
            // are the step's own, queued when it began).
            let isUser = phase == current || carriesUsers(into: current)
            if isUser, vu < vus, now < phaseStart + duration.nanosecondsUInt64 {
                insert(vu: vu, at: now + thinkTime.nanosecondsUInt64)
            }
        case let .probes(count, gap):
            if phase == current, startedInPhase < count { insert(vu: 0, at: now + gap.nanosecondsUInt64) }
        case .burst, .idle:
            break
        }
    }

    // MARK: - Phases

    /// Whether phase `index` is a users step that takes over the users of a users step before it.
    private func carriesUsers(into index: Int) -> Bool {
        guard index > 0, index < phases.count, case .users = phases[index], case .users = phases[index - 1] else {
            return false
        }
        return true
    }

    private mutating func begin(_ phase: LoadPhase, at time: UInt64) {
        let carried = carriesUsers(into: current)
        started = true
        phaseStart = time
        startedInPhase = 0
        finishedInPhase = 0
        switch phase {
        case let .burst(count):
            ready = (0..<count).map { ($0, time) }
        case .idle:
            ready = []
        case let .users(vus, _, _):
            let previous: Int
            if carried, case let .users(before, _, _) = phases[current - 1] { previous = before } else { previous = 0 }
            ready.removeAll { $0.vu >= vus }
            for vu in previous..<max(previous, vus) where !running.contains(vu) { insert(vu: vu, at: time) }
        case let .probes(count, gap):
            // A shard other than 0 has no probes (LoadPhase.share(for:)).
            ready = count > 0 ? [(0, time + gap.nanosecondsUInt64)] : []
        }
    }

    /// When the current phase ends, if it has by `now`.
    private func endTime(of phase: LoadPhase, now: UInt64) -> UInt64? {
        switch phase {
        case let .burst(count), let .probes(count, _):
            return finishedInPhase >= count ? max(phaseStart, lastFinish) : nil
        case let .idle(duration), let .users(_, duration, _):
            let end = phaseStart + duration.nanosecondsUInt64
            return now >= end ? end : nil
        }
    }

    /// Queues a user, keeping the queue in time order.
    private mutating func insert(vu: Int, at time: UInt64) {
        let index = ready.lastIndex { $0.at <= time }.map { $0 + 1 } ?? 0
        ready.insert((vu, time), at: index)
    }
}
