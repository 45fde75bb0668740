/// One event loop's share of a load: it decides what to start and when, hands transfers to its
/// driver and records what comes back. It lives on one thread and shares nothing mutable.
final class LoadLoop {
    /// A transfer in flight, or the next step of an iteration waiting to start.
    struct Slot {
        var flow: Int
        var step: Int
        var iteration: Int
        var vu: Int
        /// When the request should have started, nanoseconds from the common start.
        var intended: UInt64
        /// When it was handed to the driver.
        var sent: UInt64 = 0
        /// The load stage (open-model ramp or phase) its iteration started in.
        var stage = 0
    }

    /// The most requests one loop keeps a ``ColdStartSample`` of (about 70 MB).
    static let sampleLimit = 1_000_000

    let plan: LoadPlan
    let index: Int
    let clock: any LoadClock
    let start: UInt64
    let end: UInt64?
    let cancellation: LoadCancellation
    let live: LoadLiveStats?
    let runID: String
    let baseURL: String
    let commonHeaders: [String]
    /// Each step's text that no placeholder touches, rendered once (see `StepText`).
    let stepTexts: [[StepText]]
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
    ///   - headers: Header lines added to every request.
    ///   - runID: The run's identifier for `{{run}}`.
    ///   - clock: The transport's clock.
    ///   - start: The common start time on that clock.
    ///   - cancellation: The stop request.
    ///   - live: Where per-second slices go, if anywhere.
    init(
        plan: LoadPlan, index: Int, baseURL: String, headers: [String], runID: String, clock: any LoadClock,
        start: UInt64, cancellation: LoadCancellation, live: LoadLiveStats?
    ) {
        self.plan = plan
        self.index = index
        self.clock = clock
        self.start = start
        self.end = plan.effectiveDuration?.nanosecondsUInt64
        self.cancellation = cancellation
        self.live = live
        self.runID = runID
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.commonHeaders = headers
        let names = plan.requestNames
        let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.stepTexts = plan.mix.map { flow in
            flow.steps.enumerated().map { step, request in
                StepText(
                    request: request, position: positions[request.name]!, isLast: step == flow.steps.count - 1,
                    baseURL: base, commonHeaders: headers)
            }
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
            if !stopping && cancellation.isCancelled {
                stopping = true
                outcome.abortedInFlight += inFlight
                driver.cancelAll()
                inFlight = 0
                continuations.removeAll()
            }
            if !stopping { startDue(now: now, driver: driver) }
            advanceInterval(to: now)
            if inFlight == 0 && continuations.isEmpty && (stopping || exhausted(now: now)) {
                outcome.elapsedNanos = now
                break
            }
            var deadline = min(now + 100_000_000, (now / 1_000_000_000 + 1) * 1_000_000_000)
            if !stopping, let due = nextDue(), due < deadline { deadline = due }
            if !continuations.isEmpty { deadline = now }
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

    func startDue(now: UInt64, driver: any LoadLoopDriver) {
        if !continuations.isEmpty {
            let pending = continuations
            continuations.removeAll(keepingCapacity: true)
            for slot in pending { send(slot, now: now, driver: driver) }
        }
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
                var slot = Slot(flow: picker.next(), step: 0, iteration: takeIteration(), vu: index, intended: due)
                if keepsSamples { slot.stage = open!.stage(at: due) }
                send(slot, now: now, driver: driver)
            }
        } else {
            if let end, now >= end { return }
            while !limitReached, let user = takeReadyUser(now: now) {
                outcome.iterationsStarted += 1
                interval.started += 1
                var slot = Slot(
                    flow: picker.next(), step: 0, iteration: takeIteration(), vu: user.vu, intended: user.readyAt)
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

    func send(_ slot: Slot, now: UInt64, driver: any LoadLoopDriver) {
        var slot = slot
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
        driver.start(prepare(slot), tag: tag)
    }

    /// Renders a step for one iteration. Constant parts come from `stepTexts` as the same strings
    /// and arrays each time, which is what lets the driver see cheaply that nothing changed.
    func prepare(_ slot: Slot) -> PreparedTransfer {
        let text = stepTexts[slot.flow][slot.step]
        let url = text.url ?? baseURL + text.request.path.render(run: runID, iteration: slot.iteration, vu: slot.vu)
        let lines: [String]
        if let constant = text.headerLines {
            lines = constant
        } else {
            var rendered = commonHeaders
            for header in text.request.headers {
                rendered.append(header.name + ": " + header.value.render(run: runID, iteration: slot.iteration, vu: slot.vu))
            }
            lines = rendered
        }
        let body =
            text.bodyIsConstant ? text.body : text.request.body?.render(run: runID, iteration: slot.iteration, vu: slot.vu)
        return PreparedTransfer(method: text.request.method, url: url, headerLines: lines, body: body)
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

        let text = stepTexts[slot.flow][slot.step]
        let from = isOpen ? slot.intended : slot.sent
        let latency = now > from ? now - from : 0
        let succeeded = result.error == nil && text.request.accepts(status: result.status)
        let errorKind = result.error ?? (succeeded ? nil : "HTTP \(result.status)")
        let position = text.position
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

        if succeeded && !text.isLast && !stopping {
            var next = slot
            next.step += 1
            next.intended = now
            continuations.append(next)
        } else {
            outcome.iterationsCompleted += 1
            if closed != nil { closed!.finished(vu: slot.vu, at: now) }
            if phased != nil { phased!.finished(vu: slot.vu, phase: slot.stage, at: now) }
        }
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
