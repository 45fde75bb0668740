import GauntletHTTP
import GauntletJSON
import GauntletScenario

/// One event loop's share of a load: it decides what to start and when, hands transfers to its
/// driver and records what comes back. It lives on one thread and shares nothing mutable.
///
/// An iteration runs one flow: its steps in order while they pass, then its teardown steps
/// whatever happened (also when the load is stopped), each sent when the previous one ends.
///
/// Its stored properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`),
/// as `SocketTransferLoop`'s do: it lives on one thread and is never re-entered while one of
/// them is being modified, and the checks cost the load loop several per request.
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
        /// Whether the step's `delay` has passed: it is waited once, before the first attempt.
        var waited = false
        /// Not sent before this time (a retry's interval, a step's delay), nanoseconds from the common start.
        var notBefore: UInt64 = 0
        /// The iteration's variables (captures included); nil for a flow that needs none.
        var scope: VariableScope?
        /// When the request should have started, nanoseconds from the common start.
        var intended: UInt64
        /// When it was handed to the driver.
        var sent: UInt64 = 0
        /// The load stage (open-model ramp or phase) its iteration started in.
        var stage = 0
        /// Which item of its `for_each` list the step is sent for, from 0.
        var round = 0
        /// The `for_each` list as it was when the step began (read once: a capture in the loop,
        /// or an item named like its list, changes nothing of the loop).
        var forEachItems: [JSONValue]?
        /// What the item's name held before the round set it, put back once the round ended.
        var forEachOuter: VariableScope.Held?
        /// Whether a request of the iteration got an answer. A teardown step that fails in
        /// transport counts as leaving something behind only then, as in `gauntlet run`: a
        /// deployment that answered nothing (killed, unreachable) created nothing.
        var answered = false
    }

    /// The most labels of what was left behind one loop keeps.
    static let leftBehindLabelLimit = 20

    let plan: LoadPlan
    let index: Int
    /// This loop's part of the work among every loop of every shard.
    let workSlot: LoadShard
    /// Which request names have their first request kept (``LoopOutcome/firstRequests``), and
    /// how many have not.
    @exclusivity(unchecked)
    var firstRequestKept: [Bool] = []
    @exclusivity(unchecked)
    var firstRequestsMissing = 0
    let clock: any LoadClock
    /// The common start on `clock`, given to ``run(driver:start:)``: every time the loop keeps
    /// counts from it.
    @exclusivity(unchecked)
    var start: UInt64 = 0
    let end: UInt64?
    let cancellation: LoadCancellation
    let runID: String
    /// Values no report may show, hidden in a failure's example before it is cut.
    let secrets: [String]
    /// Each flow's steps, made ready once (see ``PreparedStep``).
    let steps: [[PreparedStep]]
    /// Each flow's teardown steps.
    let teardowns: [[PreparedStep]]
    /// Each flow's variables before an iteration adds its own; nil for a flow that needs none.
    let scopes: [VariableScope?]
    let isOpen: Bool
    let capacity: Int
    let lateTolerance: UInt64

    @exclusivity(unchecked)
    var open: OpenModelScheduler?
    @exclusivity(unchecked)
    var closed: ClosedModelScheduler?
    @exclusivity(unchecked)
    var phased: PhasedScheduler?
    @exclusivity(unchecked)
    var picker: WeightedPicker
    @exclusivity(unchecked)
    var iterationLimit: Int?
    @exclusivity(unchecked)
    var nextIteration: Int
    @exclusivity(unchecked)
    var slots: [Slot?] = []
    @exclusivity(unchecked)
    var freeTags: [Int] = []
    @exclusivity(unchecked)
    var inFlight = 0
    @exclusivity(unchecked)
    var continuations: [Slot] = []
    @exclusivity(unchecked)
    var outcome: LoopOutcome
    /// Keeps what the loop's requests measured.
    let recorder: LoadRecorder
    @exclusivity(unchecked)
    var stopping = false
    /// Until when, after a stop, teardown steps may still retry (``teardownRetryGraceNanos``).
    @exclusivity(unchecked)
    var teardownRetriesUntil: UInt64 = .max
    /// When the requests of steps still in flight after a stop are dropped (see ``abandonSteps(now:driver:)``).
    @exclusivity(unchecked)
    var abandonAt: UInt64?
    /// When, its last iteration started (the duration's end, the iteration count reached), the
    /// load stops waiting for what is still in flight (``LoadPlan/drainLimit``).
    @exclusivity(unchecked)
    var drainUntil: UInt64?
    /// Whether the teardowns still running at ``teardownRetriesUntil`` were ended (see
    /// ``cutTeardowns(now:driver:)``): no step is sent any more (a transfer the driver could not
    /// drop ends its iteration when it completes).
    @exclusivity(unchecked)
    var teardownsCut = false
    /// Whether this loop runs a plan's teardown once: its iteration starts even when the load was
    /// stopped before it, since it is the cleanup.
    var startsAfterStop = false
    /// Whether the deployment answered a request before this loop's iterations began (a plan's
    /// setup, or the load, before the plan's teardown): what they created may then be left
    /// behind by a teardown step that fails in transport (``Slot/answered``).
    var deploymentAnswered = false
    /// How long after a stop the requests in flight may still answer: enough for a slow answer
    /// (a cold start) to tell what it created, so that the teardown removes it; not a whole
    /// request timeout of a deployment that hangs (``TeardownGrace/forWriteInFlight``, as a run's).
    static let abandonGraceNanos = TeardownGrace.forWriteInFlight.nanosecondsUInt64
    /// How long after a stop a teardown may still run and retry, whatever `retry:` the file asks
    /// (``TeardownGrace``): then its requests still in flight are dropped and what its checks
    /// would have verified is counted as not verified (``cutTeardowns(now:driver:)``).
    static let teardownRetryGraceNanos = TeardownGrace.afterInterruption.nanosecondsUInt64
    /// ``LoadPlan/drainLimit``: how long after its last iteration started the loop waits for
    /// what is still in flight before it winds down as when stopped.
    let drainLimitNanos: UInt64?

    /// Creates the loop's share of `plan`.
    /// - Parameters:
    ///   - plan: The whole plan.
    ///   - index: This loop's number, from 0.
    ///   - baseURL: Prefix of every request path.
    ///   - headers: Headers added to every request (the command line's).
    ///   - scope: The variables every iteration starts from (`run_id`, what setup captured).
    ///   - runID: The run's identifier, in `{{scenario_uid}}`.
    ///   - clock: The transport's clock.
    ///   - cancellation: The stop request.
    ///   - live: Where per-second slices go, if anywhere.
    ///   - secrets: Values no report may show.
    init(
        plan: LoadPlan, index: Int, baseURL: String, headers: [HTTPHeader], scope: VariableScope, runID: String,
        clock: any LoadClock, cancellation: LoadCancellation, live: LoadLiveStats?, secrets: [String] = []
    ) {
        self.secrets = secrets
        self.plan = plan
        self.index = index
        self.clock = clock
        self.end = plan.effectiveDuration?.nanosecondsUInt64
        self.drainLimitNanos = plan.drainLimit?.nanosecondsUInt64
        self.cancellation = cancellation
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
        // This loop's slot among every loop of every shard (see LoadShard): the work it takes.
        let slot = plan.shard.slot(loop: index, of: plan.loops)
        self.workSlot = slot
        self.nextIteration = slot.index
        self.lateTolerance = plan.lateStartTolerance.nanosecondsUInt64
        if let iterations = plan.iterations {
            iterationLimit = slot.share(of: iterations)
        }
        switch plan.model {
        case let .open(rate, stages):
            isOpen = true
            open = OpenModelScheduler(
                rate: rate, stages: stages, duration: plan.effectiveDuration, offset: slot.index, stride: slot.count)
            capacity = max(1, slot.share(of: plan.maxInFlight))
        case let .closed(vus, thinkTime):
            isOpen = false
            let users = Array(stride(from: slot.index, to: vus, by: slot.count))
            closed = ClosedModelScheduler(users: users, thinkTime: thinkTime)
            capacity = max(1, users.count)
        case let .phased(phases):
            isOpen = false
            let share = phases.map { $0.share(for: plan.shard) }
            phased = PhasedScheduler(phases: share)
            capacity = max(1, share.map(\.concurrency).max() ?? 1)
        }
        outcome = LoopOutcome(byRequest: names.map { RequestStats(name: $0) }, total: RequestStats(name: "total"))
        outcome.firstRequests = Array(repeating: nil, count: names.count)
        firstRequestKept = Array(repeating: false, count: names.count)
        firstRequestsMissing = names.count
        recorder = LoadRecorder(
            names: names, loop: index, keepsSamples: plan.coldStart != nil,
            keepsTotals: plan.thresholds.contains { $0.abort != nil }, live: live,
            samplesKept: LoadRecorder.sampleLimit(loops: plan.busyLoops))
        slots.reserveCapacity(capacity)
        freeTags.reserveCapacity(capacity)
    }

    /// How many transfers this loop keeps in flight at most.
    var transferCapacity: Int { capacity }

    /// Runs the loop's share to the end (or until cancelled) and returns what it measured.
    /// - Parameters:
    ///   - driver: The loop's transfers.
    ///   - start: The common start on the loop's clock (see ``LoadStartGate``).
    func run(driver: any LoadLoopDriver, start: UInt64) -> LoopOutcome {
        self.start = start
        if isOpen, capacity == 0 { return outcome }
        if startsAfterStop { startDue(now: relativeNow(), driver: driver) }
        while true {
            let now = relativeNow()
            if !stopping && cancellation.isCancelled { windDown(now: now) }
            if let abandonAt, now >= abandonAt { abandonSteps(now: now, driver: driver) }
            if !teardownsCut, now >= teardownRetriesUntil { cutTeardowns(now: now, driver: driver) }
            sendContinuations(now: now, driver: driver)
            if !stopping { startDue(now: now, driver: driver) }
            if isOpen, outcome.arrivalsEndNanos == nil { noteArrivalWindowEnd(now: now) }
            if let drainLimitNanos, !stopping, inFlight > 0 || !continuations.isEmpty, exhausted(now: now) {
                if let drainUntil, now >= drainUntil {
                    windDown(now: now)
                } else if drainUntil == nil {
                    drainUntil = now + drainLimitNanos
                }
            }
            recorder.advance(to: now, inFlight: inFlight)
            if inFlight == 0 && continuations.isEmpty && (stopping || exhausted(now: now)) {
                outcome.elapsedNanos = now
                break
            }
            var deadline = min(now + 100_000_000, (now / 1_000_000_000 + 1) * 1_000_000_000)
            if !stopping, let due = nextDue(), due < deadline { deadline = due }
            if !stopping, let drainUntil, drainUntil < deadline { deadline = max(drainUntil, now) }
            if let due = continuations.lazy.map(\.notBefore).min(), due < deadline { deadline = max(due, now) }
            driver.poll(until: start + deadline) { completion in self.complete(completion) }
        }
        recorder.finish(inFlight: inFlight)
        outcome.byRequest = recorder.byRequest
        outcome.phases = recorder.phases
        outcome.samples = recorder.samples
        outcome.unsampled = recorder.unsampled
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

    /// Notes when the open model's arrivals stopped, once they have: the moment the load was
    /// stopped, or the due time of the first arrival not started (the next after the iteration
    /// limit, or the duration's end), so that N arrivals at R per second span N / R seconds.
    func noteArrivalWindowEnd(now: UInt64) {
        if stopping {
            outcome.arrivalsEndNanos = now
        } else if limitReached {
            outcome.arrivalsEndNanos = open?.peek() ?? end ?? now
        } else if open?.peek() == nil {
            outcome.arrivalsEndNanos = end ?? now
        }
    }

    func nextDue() -> UInt64? {
        if limitReached { return nil }
        if isOpen { return open?.peek() }
        guard let ready = closed?.nextReadyTime ?? phased?.nextEventTime else { return nil }
        if let end, ready >= end { return nil }
        return ready
    }

    /// Stops the load: no iteration starts any more and none goes on with its steps, but what is
    /// in flight may end within ``abandonGraceNanos`` and each iteration that had begun runs its
    /// teardown steps, so that a stopped load leaves nothing behind that a finished one would
    /// not (an id only a create's response tells is known once that response came), but for
    /// what a step dropped unanswered after the grace may have created (``LoadResult/abandoned``).
    func windDown(now: UInt64) {
        stopping = true
        abandonAt = now + Self.abandonGraceNanos
        teardownRetriesUntil = now + Self.teardownRetryGraceNanos
        var resumed: [Slot] = []
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

    /// Drops the requests of iterations' steps still in flight once the grace after the stop
    /// ran out, and sends their iterations on to their teardown: a deployment that does not answer
    /// would otherwise hold the stop for a whole request timeout per step. Teardown requests are
    /// left to end: they are the cleanup.
    func abandonSteps(now: UInt64, driver: any LoadLoopDriver) {
        abandonAt = nil
        let dropped = driver.abandon { tag in tag < slots.count && slots[tag]?.part == .steps }
        for tag in dropped {
            guard tag < slots.count, var slot = slots[tag] else { continue }
            slots[tag] = nil
            freeTags.append(tag)
            inFlight -= 1
            outcome.abandoned += 1
            unnameItem(&slot)
            if let next = teardownStart(of: slot, now: now) {
                continuations.append(next)
            } else {
                iterationEnded(slot, now: now)
            }
        }
    }

    /// Ends every iteration still running once the teardown's grace after the stop ran out: its
    /// request in flight is dropped and no further step is sent. Each labelled teardown step it
    /// had not passed yet is counted as not verified as deleted (when the iteration got an
    /// answer, as for a teardown that fails in transport), so that the reports never read as
    /// clean for what was neither deleted nor checked.
    func cutTeardowns(now: UInt64, driver: any LoadLoopDriver) {
        teardownsCut = true
        var cut: [Slot] = []
        for tag in driver.abandon(where: { tag in tag < slots.count && slots[tag] != nil }) {
            guard tag < slots.count, var slot = slots[tag] else { continue }
            slots[tag] = nil
            freeTags.append(tag)
            inFlight -= 1
            if slot.part == .steps { outcome.abandoned += 1 }
            unnameItem(&slot)
            cut.append(slot)
        }
        cut += continuations
        continuations.removeAll()
        for slot in cut { endCutShort(slot, now: now) }
    }

    /// Ends an iteration the teardown's grace cut short at `slot` (its step not answered, or
    /// not sent): each labelled teardown check from there on, once per `for_each` item, is
    /// counted as not verified as deleted when the iteration got an answer.
    func endCutShort(_ slot: Slot, now: UInt64) {
        if slot.answered {
            let first = slot.part == .teardown ? slot.step : 0
            for index in teardowns[slot.flow].indices where index >= first {
                let step = teardowns[slot.flow][index]
                guard let label = step.step.step.leftBehind else { continue }
                guard let forEach = step.forEach else {
                    // A step whose `when:` does not hold would not have been sent.
                    if step.runs(in: slot.scope) { noteUnchecked(label, scope: slot.scope, reason: TeardownGrace.cutShortReason()) }
                    continue
                }
                let scope = slot.scope ?? VariableScope(environment: [:])
                let current = index == first && slot.part == .teardown
                let items = (current ? slot.forEachItems : nil) ?? forEach.items(in: scope)
                for item in items.dropFirst(current ? slot.round : 0) {
                    var itemScope = scope
                    itemScope.set(forEach.name, to: item)
                    if step.runs(in: itemScope) { noteUnchecked(label, scope: itemScope, reason: TeardownGrace.cutShortReason()) }
                }
            }
        }
        iterationEnded(slot, now: now)
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
                    outcome.dropped += dropped
                    recorder.started(dropped)
                    recorder.dropped(dropped)
                    continue
                }
                _ = open!.next()
                outcome.iterationsStarted += 1
                recorder.started(1)
                let lateness = now - due
                if lateness > lateTolerance { outcome.lateStarts += 1 }
                recorder.startDelay(nanos: lateness)
                var slot = beginIteration(flow: picker.next(), vu: index, intended: due)
                if recorder.keepsSamples { slot.stage = open!.stage(at: due) }
                send(slot, now: now, driver: driver)
            }
        } else {
            if let end, now >= end { return }
            while !limitReached, let user = takeReadyUser(now: now) {
                outcome.iterationsStarted += 1
                recorder.started(1)
                var slot = beginIteration(flow: picker.next(), vu: user.vu, intended: user.readyAt)
                slot.stage = user.stage
                send(slot, now: now, driver: driver)
            }
        }
    }

    /// A virtual user ready at `now` (closed or phased model), with its stage.
    func takeReadyUser(now: UInt64) -> (vu: Int, readyAt: UInt64, stage: Int)? {
        if phased != nil {
            // A phase's users are numbered per shard; spread them so that shards never share one.
            let shard = plan.shard
            return phased!.takeReady(now: now).map { ($0.vu * shard.count + shard.index, $0.readyAt, $0.phase) }
        }
        return closed!.takeReady(now: now).map { ($0.vu, $0.readyAt, 0) }
    }

    func takeIteration() -> Int {
        let iteration = nextIteration
        nextIteration += workSlot.count
        return iteration
    }

    /// An iteration's first step, with its own variables when its flow needs them: its number,
    /// its user's, and a `scenario_uid` no other iteration of any run shares.
    func beginIteration(flow: Int, vu: Int, intended: UInt64) -> Slot {
        let iteration = takeIteration()
        var slot = Slot(flow: flow, step: 0, iteration: iteration, vu: vu, intended: intended)
        slot.answered = deploymentAnswered
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
        next.waited = false
        next.notBefore = 0
        next.intended = now
        // A `for_each` step goes on to its next item as a step goes on to the next step (in a
        // teardown whatever happened), then the iteration moves on.
        if preparedStep(slot).forEach != nil, slot.part == .teardown || (passed && !stopping),
           slot.round + 1 < slot.forEachItems?.count ?? 0 {
            next.round += 1
            return next
        }
        next.round = 0
        next.forEachItems = nil
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
        next.round = 0
        next.forEachItems = nil
        next.attempt = 1
        next.waited = false
        next.notBefore = 0
        next.intended = now
        return next
    }

    /// Names a `for_each` step's item for the slot's round, its list read when the step begins
    /// and what the name held kept to put back; false when the list holds no item at that round.
    /// Any other step has what it is sent for: true.
    func nameItem(_ slot: inout Slot) -> Bool {
        guard let forEach = preparedStep(slot).forEach else { return true }
        let items = slot.forEachItems ?? forEach.items(in: slot.scope ?? VariableScope(environment: [:]))
        slot.forEachItems = items
        guard items.indices.contains(slot.round) else { return false }
        slot.forEachOuter = slot.scope?.innermostValue(of: forEach.name)
        slot.scope?.set(forEach.name, to: items[slot.round])
        return true
    }

    /// Puts back what a `for_each` step's item name held before the slot's round named it: an
    /// item is named for its round only.
    func unnameItem(_ slot: inout Slot) {
        guard let forEach = preparedStep(slot).forEach else { return }
        slot.scope?.restore(forEach.name, to: slot.forEachOuter)
    }

    /// Counts an iteration as ended and frees its virtual user.
    func iterationEnded(_ slot: Slot, now: UInt64) {
        outcome.iterationsCompleted += 1
        outcome.lastScope = slot.scope
        if closed != nil { closed!.finished(vu: slot.vu, at: now) }
        if phased != nil { phased!.finished(vu: slot.vu / plan.shard.count, phase: slot.stage, at: now) }
    }

    func send(_ slot: Slot, now: UInt64, driver: any LoadLoopDriver) {
        if teardownsCut {
            endCutShort(slot, now: now)
            return
        }
        var slot = slot
        // A step whose `when:` does not hold (decided with its `for_each` item named), or whose
        // `for_each` list is empty, is skipped, as in `gauntlet run`.
        while true {
            if nameItem(&slot) {
                if preparedStep(slot).runs(in: slot.scope) { break }
                unnameItem(&slot)
            }
            guard let next = nextStep(after: slot, passed: true, now: now) else {
                iterationEnded(slot, now: now)
                return
            }
            slot = next
        }
        if !slot.waited, let delay = preparedStep(slot).delayNanos {
            // The step's `delay`, as in `gauntlet run`: the iteration pauses before the step (its
            // item is named again when it is sent), and its latency counts from the pause's end.
            unnameItem(&slot)
            slot.waited = true
            slot.notBefore = now + delay
            slot.intended = slot.notBefore
            continuations.append(slot)
            return
        }
        let transfer: RenderedRequest
        do {
            transfer = try preparedStep(slot).transfer(in: slot.scope)
        } catch {
            // A placeholder that cannot be filled (a capture that found nothing): the step fails
            // without a request, and the iteration goes on to its teardown.
            recorder.failedUnsent(position: preparedStep(slot).position, kind: "template", example: "\(error)")
            unnameItem(&slot)
            if let next = nextStep(after: slot, passed: false, now: now) {
                continuations.append(next)
            } else {
                iterationEnded(slot, now: now)
            }
            return
        }
        slot.sent = now
        let position = preparedStep(slot).position
        // Once every name has its first request, this is one comparison per request.
        if firstRequestsMissing > 0, !firstRequestKept[position] {
            firstRequestKept[position] = true
            firstRequestsMissing -= 1
            outcome.firstRequests[position] = transfer
        }
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

    func complete(_ result: LoadCompletion) {
        let tag = Int(result.tag)
        guard tag < slots.count, let slot = slots[tag] else { return }
        slots[tag] = nil
        freeTags.append(tag)
        inFlight -= 1
        let end = result.end.nanoseconds
        let now = end > start ? end - start : 0
        recorder.advance(to: now, inFlight: inFlight)

        let prepared = preparedStep(slot)
        let from = isOpen ? slot.intended : slot.sent
        let latency = now > from ? now - from : 0
        var scope = slot.scope
        let attempts = 1 + (prepared.step.step.retry?.times ?? 0)
        // A stop ends the retries of an iteration's steps, not at once those of its teardown: a
        // check that the event is gone waits out a read that lags the delete (DynamoDB's default
        // reads), else a stopped load would name as left behind what it deleted; for at most
        // ``teardownRetryGraceNanos``, whatever the file's `retry:`.
        let stopEndsRetries = stopping && (slot.part != .teardown || now >= teardownRetriesUntil)
        let isLastAttempt = slot.attempt >= attempts || stopEndsRetries || result.failureKind != nil
        let (passed, failure) = prepared.verdict(on: result, isLastAttempt: isLastAttempt, scope: &scope)
        // With a `present:` rule, only an answer that shows the thing there says it stayed; one that
        // shows neither (a 500, a `null`) leaves it unverified and ends the retries: waiting cannot
        // show it gone.
        let shown = passed ? nil : prepared.showsPresent(on: result, scope: scope)
        let isFinal = isLastAttempt || shown == false
        // An attempt followed by a retry is measured, but only the last one can fail the step.
        let errorKind = isFinal ? failure : nil
        // Worded for the first failure of each kind only (one look-up per failure, none per success).
        if let errorKind, recorder.lacksExample(position: prepared.position, kind: errorKind) {
            recorder.noteExample(position: prepared.position, kind: errorKind, text: prepared.example(of: result, scope: slot.scope, secrets: secrets))
        }
        recorder.completed(
            position: prepared.position, latency: latency, serviceTime: now > slot.sent ? now - slot.sent : 0, outcome: result,
            failure: errorKind, due: from, stage: slot.stage)

        var ended = slot
        ended.scope = scope
        // `scope` keeps the round's item, for its label.
        unnameItem(&ended)
        ended.answered = slot.answered || result.status != nil
        if !passed && !isFinal, let interval = prepared.step.step.retry?.interval {
            var retry = ended
            retry.attempt += 1
            retry.notBefore = now + interval.nanosecondsUInt64
            retry.intended = retry.notBefore
            continuations.append(retry)
            return
        }
        if !passed, ended.answered, let label = prepared.step.step.leftBehind {
            if shown == false { noteUnverified(label, answer: result, request: prepared.step.step.request, scope: scope) } else {
                noteLeftBehind(label, scope: scope)
            }
        }
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
        outcome.leftBehindLabels.append(Self.filledIn(label, scope))
    }

    /// Counts what a failed teardown step could not verify as gone, keeping the first few labels
    /// with the answer that left it unverified.
    func noteUnverified(_ label: String, answer: LoadCompletion, request: RequestTemplate, scope: VariableScope?) {
        outcome.unverified += 1
        guard outcome.unverifiedLabels.count < Self.leftBehindLabelLimit else { return }
        let target = switch request.target {
        case .path(let path), .url(let path): path
        }
        // Filled in as it was sent, then redacted: a label goes into every report.
        let path = UnverifiedLabel.path(of: SecretRedaction.redact(text: Self.filledIn(target, scope), secrets: secrets))
        outcome.unverifiedLabels.append(UnverifiedLabel.text(
            Self.filledIn(label, scope), method: request.method, path: path, status: answer.status, failure: answer.failureLabel))
    }

    /// Counts what a teardown step that was never sent (or never answered) would have checked
    /// as not verified as deleted, saying why.
    func noteUnchecked(_ label: String, scope: VariableScope?, reason: String) {
        outcome.unverified += 1
        guard outcome.unverifiedLabels.count < Self.leftBehindLabelLimit else { return }
        outcome.unverifiedLabels.append(UnverifiedLabel.unchecked(Self.filledIn(label, scope), reason: reason))
    }

    /// A label with the iteration's variables filled in (as written when they cannot be).
    static func filledIn(_ label: String, _ scope: VariableScope?) -> String {
        (try? Template(label).render(in: scope ?? VariableScope(environment: [:]))) ?? label
    }
}
