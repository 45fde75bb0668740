import GauntletHTTP
import GauntletJSON
import GauntletScenario

/// One event loop's share of a load: it decides what to start and when, hands transfers to its
/// driver and records what comes back. It lives on one thread and shares nothing mutable.
///
/// An iteration runs one flow: its steps in order while they pass, then its teardown steps
/// whatever happened (also when the load is stopped), each sent when the previous one ends.
final class LoadLoop {
    /// The part of a flow a step belongs to.
    enum Part {
        case steps
        case teardown
    }

    /// A transfer in flight, or the next step of an iteration waiting to start.
    struct Slot {
        var flow: Int
        var part = Part.steps
        var step: Int
        var iteration: Int
        var vu: Int
        /// Which attempt this is (`retry:`), from 1.
        var attempt = 1
        /// Not sent before this time (a retry's interval), nanoseconds from the common start.
        var notBefore: UInt64 = 0
        /// The iteration's variables (captures included); nil for a flow that needs none.
        var scope: VariableScope?
        /// When the request should have started, nanoseconds from the common start.
        var intended: UInt64
        /// When it was handed to the driver.
        var sent: UInt64 = 0
        /// The load stage (open-model ramp or phase) its iteration started in.
        var stage = 0
    }

    /// The most requests one loop keeps a ``ColdStartSample`` of (about 70 MB).
    static let sampleLimit = 1_000_000
    /// The most labels of what was left behind one loop keeps.
    static let leftBehindLabelLimit = 20

    let plan: LoadPlan
    let index: Int
    let clock: any LoadClock
    let start: UInt64
    let end: UInt64?
    let cancellation: LoadCancellation
    let live: LoadLiveStats?
    let runID: String
    /// Each flow's steps, made ready once (see ``PreparedStep``).
    let steps: [[PreparedStep]]
    /// Each flow's teardown steps.
    let teardowns: [[PreparedStep]]
    /// Each flow's variables before an iteration adds its own; nil for a flow that needs none.
    let scopes: [VariableScope?]
    let isOpen: Bool
    let capacity: Int
    let lateTolerance: UInt64

    var open: OpenModelScheduler?
    var closed: ClosedModelScheduler?
    var phased: PhasedScheduler?
    /// Whether each request is kept as a ``ColdStartSample``.
    let keepsSamples: Bool
    var picker: WeightedPicker
    var iterationLimit: Int?
    var nextIteration: Int
    var slots: [Slot?] = []
    var freeTags: [Int] = []
    var inFlight = 0
    var continuations: [Slot] = []
    var outcome: LoopOutcome
    /// Statuses by request name (same order as `outcome.byRequest`), folded into it at the end.
    var statusTallies: [StatusTally]
    var interval = IntervalSlice(loop: 0, second: 0)
    var intervalLatency = LatencyRecorder()
    var stopping = false

    /// Creates the loop's share of `plan`.
    /// - Parameters:
    ///   - plan: The whole plan.
    ///   - index: This loop's number, from 0.
    ///   - baseURL: Prefix of every request path.
    ///   - headers: Headers added to every request (the command line's).
    ///   - scope: The variables every iteration starts from (`run_id`, what setup captured).
    ///   - runID: The run's identifier, in `{{scenario_uid}}`.
    ///   - clock: The transport's clock.
    ///   - start: The common start time on that clock.
    ///   - cancellation: The stop request.
    ///   - live: Where per-second slices go, if anywhere.
    init(
        plan: LoadPlan, index: Int, baseURL: String, headers: [HTTPHeader], scope: VariableScope, runID: String,
        clock: any LoadClock, start: UInt64, cancellation: LoadCancellation, live: LoadLiveStats?
    ) {
        self.plan = plan
        self.index = index
        self.clock = clock
        self.start = start
        self.end = plan.effectiveDuration?.nanosecondsUInt64
        self.cancellation = cancellation
        self.live = live
        self.runID = runID
        let names = plan.requestNames
        let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func prepare(_ step: LoadStep, of flow: LoadFlow) -> PreparedStep {
            PreparedStep(
                step, flow: flow, position: positions[step.name] ?? 0, baseURL: baseURL, commandLineHeaders: headers,
                schemas: plan.schemas)
        }
        let steps = plan.mix.map { flow in flow.steps.map { prepare($0, of: flow) } }
        let teardowns = plan.mix.map { flow in flow.teardown.map { prepare($0, of: flow) } }
        self.steps = steps
        self.teardowns = teardowns
        self.scopes = plan.mix.indices.map { index in
            let flow = plan.mix[index]
            guard (steps[index] + teardowns[index]).contains(where: \.needsScope) else { return nil }
            return flow.variables.reduce(scope) { $0.adding($1) }
        }
        self.picker = WeightedPicker(weights: plan.mix.map(\.weight))
        self.nextIteration = index
        self.lateTolerance = plan.lateStartTolerance.nanosecondsUInt64
        self.keepsSamples = plan.coldStart != nil
        let loops = plan.loops
        if let iterations = plan.iterations {
            iterationLimit = iterations / loops + (index < iterations % loops ? 1 : 0)
        }
        switch plan.model {
        case let .open(rate, stages):
            isOpen = true
            open = OpenModelScheduler(
                rate: rate, stages: stages, duration: plan.effectiveDuration, offset: index, stride: loops)
            capacity = max(1, plan.maxInFlight / loops + (index < plan.maxInFlight % loops ? 1 : 0))
        case let .closed(vus, thinkTime):
            isOpen = false
            let users = Array(stride(from: index, to: vus, by: loops))
            closed = ClosedModelScheduler(users: users, thinkTime: thinkTime)
            capacity = max(1, users.count)
        case let .phased(phases):
            isOpen = false
            phased = PhasedScheduler(phases: phases)
            capacity = max(1, phases.map(\.concurrency).max() ?? 1)
        }
        outcome = LoopOutcome(byRequest: names.map { RequestStats(name: $0) }, total: RequestStats(name: "total"))
        statusTallies = Array(repeating: StatusTally(), count: names.count)
        interval.loop = index
        slots.reserveCapacity(capacity)
        freeTags.reserveCapacity(capacity)
    }

    /// How many transfers this loop keeps in flight at most.
    var transferCapacity: Int { capacity }

    /// Runs the loop's share to the end (or until cancelled) and returns what it measured.
    func run(driver: any LoadLoopDriver) -> LoopOutcome {
        if isOpen, capacity == 0 { return outcome }
        while true {
            let now = relativeNow()
            if !stopping && cancellation.isCancelled { windDown(driver: driver, now: now) }
            sendContinuations(now: now, driver: driver)
            if !stopping { startDue(now: now, driver: driver) }
            advanceInterval(to: now)
            if inFlight == 0 && continuations.isEmpty && (stopping || exhausted(now: now)) {
                outcome.elapsedNanos = now
                break
            }
            var deadline = min(now + 100_000_000, (now / 1_000_000_000 + 1) * 1_000_000_000)
            if !stopping, let due = nextDue(), due < deadline { deadline = due }
            if let due = continuations.lazy.map(\.notBefore).min(), due < deadline { deadline = max(due, now) }
            driver.poll(until: start + deadline) { tag, result in
                self.complete(tag: tag, outcome: result)
            }
        }
        flushInterval()
        for position in statusTallies.indices {
            statusTallies[position].fold(into: &outcome.byRequest[position].statusCounts)
        }
        // Every request is counted under exactly one name, so the total is their sum, added up
        // once here rather than recorded twice per request.
        outcome.total = outcome.byRequest.reduce(into: RequestStats(name: "total")) { $0.add($1) }
        return outcome
    }

    // MARK: - Starting

    func relativeNow() -> UInt64 {
        let now = clock.now()
        return now > start ? now - start : 0
    }

    var limitReached: Bool {
        if let iterationLimit { return outcome.iterationsStarted >= iterationLimit }
        return false
    }

    func exhausted(now: UInt64) -> Bool {
        if limitReached { return true }
        if isOpen {
            return open?.peek() == nil
        }
        if let end, now >= end { return true }
        if phased != nil {
            phased!.advance(now: now)
            return phased!.isFinished
        }
        return false
    }

    func nextDue() -> UInt64? {
        if limitReached { return nil }
        if isOpen { return open?.peek() }
        guard let ready = closed?.nextReadyTime ?? phased?.nextEventTime else { return nil }
        if let end, ready >= end { return nil }
        return ready
    }

    /// Stops the load: what is in flight is aborted, and each iteration that had begun goes on
    /// with its teardown steps (an aborted teardown step is sent again), so that a stopped load
    /// leaves nothing behind that a finished one would not.
    func windDown(driver: any LoadLoopDriver, now: UInt64) {
        stopping = true
        outcome.abortedInFlight += inFlight
        driver.cancelAll()
        inFlight = 0
        var resumed: [Slot] = []
        for tag in slots.indices {
            guard let slot = slots[tag] else { continue }
            slots[tag] = nil
            freeTags.append(tag)
            if let next = slot.part == .teardown ? slot : teardownStart(of: slot, now: now) {
                resumed.append(next)
            } else {
                iterationEnded(slot, now: now)
            }
        }
        for slot in continuations {
            if slot.part == .teardown {
                resumed.append(slot)
            } else if let next = teardownStart(of: slot, now: now) {
                resumed.append(next)
            } else {
                iterationEnded(slot, now: now)
            }
        }
        continuations = resumed
    }

    /// Sends the next steps of running iterations whose time has come.
    func sendContinuations(now: UInt64, driver: any LoadLoopDriver) {
        guard !continuations.isEmpty else { return }
        let pending = continuations
        continuations.removeAll(keepingCapacity: true)
        for slot in pending {
            if slot.notBefore > now {
                continuations.append(slot)
            } else {
                send(slot, now: now, driver: driver)
            }
        }
    }

    func startDue(now: UInt64, driver: any LoadLoopDriver) {
        if isOpen {
            while !limitReached, let due = open!.peek(), due <= now {
                if inFlight >= capacity {
                    // Every transfer slot is busy: the arrivals due by now are dropped and
                    // counted, all at once, so neither memory nor work grows with the rate.
                    let remaining = iterationLimit.map { $0 - outcome.iterationsStarted } ?? .max
                    var dropped = open!.skip(through: now, limit: remaining)
                    if dropped == 0 {
                        _ = open!.next()  // the one `peek` found due, at the boundary `skip` keeps clear of
                        dropped = 1
                    }
                    outcome.iterationsStarted += dropped
                    interval.started += dropped
                    outcome.dropped += dropped
                    interval.dropped += dropped
                    continue
                }
                _ = open!.next()
                outcome.iterationsStarted += 1
                interval.started += 1
                let lateness = now - due
                if lateness > lateTolerance { outcome.lateStarts += 1 }
                outcome.phases.startDelay.record(nanos: lateness)
                var slot = beginIteration(flow: picker.next(), vu: index, intended: due)
                if keepsSamples { slot.stage = open!.stage(at: due) }
                send(slot, now: now, driver: driver)
            }
        } else {
            if let end, now >= end { return }
            while !limitReached, let user = takeReadyUser(now: now) {
                outcome.iterationsStarted += 1
                interval.started += 1
                var slot = beginIteration(flow: picker.next(), vu: user.vu, intended: user.readyAt)
                slot.stage = user.stage
                send(slot, now: now, driver: driver)
            }
        }
    }

    /// A virtual user ready at `now` (closed or phased model), with its stage.
    func takeReadyUser(now: UInt64) -> (vu: Int, readyAt: UInt64, stage: Int)? {
        if phased != nil { return phased!.takeReady(now: now).map { ($0.vu, $0.readyAt, $0.phase) } }
        return closed!.takeReady(now: now).map { ($0.vu, $0.readyAt, 0) }
    }

    func takeIteration() -> Int {
        let iteration = nextIteration
        nextIteration += plan.loops
        return iteration
    }

    /// An iteration's first step, with its own variables when its flow needs them: its number,
    /// its user's, and a `scenario_uid` no other iteration of any run shares.
    func beginIteration(flow: Int, vu: Int, intended: UInt64) -> Slot {
        let iteration = takeIteration()
        var slot = Slot(flow: flow, step: 0, iteration: iteration, vu: vu, intended: intended)
        // A flow of teardown steps only: a plan's own teardown, run once.
        if steps[flow].isEmpty { slot.part = .teardown }
        if let scope = scopes[flow] {
            slot.scope = scope.adding(["iteration": .integer(Int64(iteration)), "vu": .integer(Int64(vu))])
                .setting(constant: "scenario_uid", to: "\(runID)-i\(iteration)")
        }
        return slot
    }

    /// The step a slot stands for.
    func preparedStep(_ slot: Slot) -> PreparedStep {
        slot.part == .steps ? steps[slot.flow][slot.step] : teardowns[slot.flow][slot.step]
    }

    /// The slot of the iteration's next step after `slot` ended (passed or not), or nil when the
    /// iteration is over. A failed step ends the steps; the teardown runs whatever happened.
    func nextStep(after slot: Slot, passed: Bool, now: UInt64) -> Slot? {
        var next = slot
        next.attempt = 1
        next.notBefore = 0
        next.intended = now
        switch slot.part {
        case .steps:
            if passed && !stopping && slot.step + 1 < steps[slot.flow].count {
                next.step += 1
                return next
            }
            return teardownStart(of: slot, now: now)
        case .teardown:
            guard slot.step + 1 < teardowns[slot.flow].count else { return nil }
            next.step += 1
            return next
        }
    }

    /// The first teardown step of the slot's iteration, or nil when its flow has none.
    func teardownStart(of slot: Slot, now: UInt64) -> Slot? {
        guard !teardowns[slot.flow].isEmpty else { return nil }
        var next = slot
        next.part = .teardown
        next.step = 0
        next.attempt = 1
        next.notBefore = 0
        next.intended = now
        return next
    }

    /// Counts an iteration as ended and frees its virtual user.
    func iterationEnded(_ slot: Slot, now: UInt64) {
        outcome.iterationsCompleted += 1
        outcome.lastScope = slot.scope
        if closed != nil { closed!.finished(vu: slot.vu, at: now) }
        if phased != nil { phased!.finished(vu: slot.vu, phase: slot.stage, at: now) }
    }

    func send(_ slot: Slot, now: UInt64, driver: any LoadLoopDriver) {
        var slot = slot
        // A step whose `when:` does not hold is skipped, as in `gauntlet run`.
        while !preparedStep(slot).runs(in: slot.scope) {
            guard let next = nextStep(after: slot, passed: true, now: now) else {
                iterationEnded(slot, now: now)
                return
            }
            slot = next
        }
        let transfer: RenderedRequest
        do {
            transfer = try preparedStep(slot).transfer(in: slot.scope)
        } catch {
            // A placeholder that cannot be filled (a capture that found nothing): the step fails
            // without a request, and the iteration goes on to its teardown.
            let position = preparedStep(slot).position
            outcome.byRequest[position].errors += 1
            outcome.byRequest[position].errorCounts["template", default: 0] += 1
            interval.errors += 1
            if let next = nextStep(after: slot, passed: false, now: now) {
                continuations.append(next)
            } else {
                iterationEnded(slot, now: now)
            }
            return
        }
        slot.sent = now
        let tag: Int
        if let free = freeTags.popLast() {
            tag = free
            slots[tag] = slot
        } else {
            tag = slots.count
            slots.append(slot)
        }
        inFlight += 1
        outcome.sent += 1
        driver.start(transfer, tag: tag)
    }

    // MARK: - Completing

    func complete(tag: Int, outcome result: TransferOutcome) {
        guard tag < slots.count, let slot = slots[tag] else { return }
        slots[tag] = nil
        freeTags.append(tag)
        inFlight -= 1
        let now: UInt64
        if let ended = result.endedAt {
            now = ended > start ? ended - start : 0
        } else {
            now = relativeNow()
        }
        advanceInterval(to: now)

        let prepared = preparedStep(slot)
        let from = isOpen ? slot.intended : slot.sent
        let latency = now > from ? now - from : 0
        var scope = slot.scope
        let attempts = 1 + (prepared.step.step.retry?.times ?? 0)
        let isLastAttempt = slot.attempt >= attempts || stopping || result.error != nil
        let (passed, failure) = prepared.verdict(on: result, isLastAttempt: isLastAttempt, scope: &scope)
        // An attempt followed by a retry is measured, but only the last one can fail the step.
        let errorKind = isLastAttempt ? failure : nil
        let position = prepared.position
        Self.record(into: &outcome.byRequest[position], latency: latency, result: result, errorKind: errorKind)
        if result.status > 0 { statusTallies[position].count(result.status) }
        if result.connectMicros > 0 { outcome.phases.connect.record(micros: result.connectMicros) }
        if result.tlsMicros > 0 { outcome.phases.tls.record(micros: result.tlsMicros) }
        if result.error == nil {
            outcome.phases.timeToFirstByte.record(micros: result.timeToFirstByteMicros)
            outcome.phases.transfer.record(micros: result.transferMicros)
        }
        if keepsSamples { keepSample(slot, latency: latency, result: result) }
        intervalLatency.record(nanos: latency)
        interval.completed += 1
        if errorKind != nil { interval.errors += 1 }

        var ended = slot
        ended.scope = scope
        if !passed && !isLastAttempt, let interval = prepared.step.step.retry?.interval {
            var retry = ended
            retry.attempt += 1
            retry.notBefore = now + interval.nanosecondsUInt64
            retry.intended = retry.notBefore
            continuations.append(retry)
            return
        }
        if !passed, let label = prepared.step.step.leftBehind { noteLeftBehind(label, scope: scope) }
        if let next = nextStep(after: ended, passed: passed, now: now) {
            continuations.append(next)
        } else {
            iterationEnded(ended, now: now)
        }
    }

    /// Counts what a failed teardown step leaves behind, keeping the first few labels.
    func noteLeftBehind(_ label: String, scope: VariableScope?) {
        outcome.leftBehind += 1
        guard outcome.leftBehindLabels.count < Self.leftBehindLabelLimit else { return }
        let text = (try? Template(label).render(in: scope ?? VariableScope(environment: [:]))) ?? label
        outcome.leftBehindLabels.append(text)
    }

    /// Keeps what the cold-start analysis needs of one request.
    func keepSample(_ slot: Slot, latency: UInt64, result: TransferOutcome) {
        guard outcome.samples.count < Self.sampleLimit else {
            outcome.unsampled += 1
            return
        }
        let due = isOpen ? slot.intended : slot.sent
        outcome.samples.append(
            ColdStartSample(
                offset: .nanoseconds(Int64(due)), latency: .nanoseconds(Int64(latency)),
                status: result.error == nil && result.status > 0 ? result.status : nil,
                coldStartHeader: result.headerValue, stage: slot.stage))
    }

    static func record(
        into stats: inout RequestStats, latency: UInt64, result: TransferOutcome, errorKind: String?
    ) {
        stats.latency.record(nanos: latency)
        stats.count += 1
        stats.bytesReceived += result.bytesReceived
        if let errorKind {
            stats.errors += 1
            stats.errorCounts[errorKind, default: 0] += 1
        }
    }

    // MARK: - Per-second slices

    func advanceInterval(to now: UInt64) {
        let second = Int(now / 1_000_000_000)
        while interval.second < second { flushInterval() }
    }

    func flushInterval() {
        interval.inFlight = inFlight
        if interval.completed > 0 {
            interval.latency = intervalLatency
            intervalLatency.reset()
        }
        live?.submit(interval)
        interval = IntervalSlice(loop: index, second: interval.second + 1)
    }
}
