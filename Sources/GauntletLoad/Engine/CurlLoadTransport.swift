public import GauntletHTTP

/// The production transport: GauntletHTTP's `LoadDriver` (libcurl, `curl_multi_socket_action`,
/// epoll with sub-millisecond waits), one per event loop.
///
/// That driver pulls requests in schedule order, so this transport runs open-model plans whose
/// mix entries are single requests; closed-model plans and multi-step scenarios need a driver
/// that can wait for completions (`LoadLoopDriver`), and are refused with a clear message.
public struct CurlLoadTransport: LoadTransport {
    /// Options for every transfer (timeouts, TLS, HTTP version).
    public var options: TransferOptions
    let origin: ContinuousClock.Instant

    /// Creates the transport.
    public init(options: TransferOptions = TransferOptions()) {
        self.options = options
        self.origin = ContinuousClock.now
    }

    /// Nanoseconds on `ContinuousClock` since this transport was made.
    public var clock: any LoadClock { ContinuousLoadClock(origin: origin) }

    /// Not used: loops on this transport run through `LoadDriver.run(next:completed:)`.
    public func makeDriver(loop: Int, capacity: Int) throws -> any LoadLoopDriver {
        throw LoadRunError("the libcurl load driver runs loops itself")
    }

    /// Whether `plan` fits the pull-model driver.
    static func check(_ plan: LoadPlan) throws {
        guard plan.model.isOpen else {
            throw LoadRunError("the libcurl load driver runs the open model only for now: use --rate, not --vus")
        }
        if let flow = plan.mix.first(where: { $0.steps.count > 1 }) {
            throw LoadRunError("'\(flow.name)' has several steps; the libcurl load driver runs single requests only for now")
        }
    }
}

/// `ContinuousClock` as nanoseconds since an origin, the clock `CurlLoadTransport` measures with.
struct ContinuousLoadClock: LoadClock {
    let origin: ContinuousClock.Instant
    func now() -> UInt64 {
        let elapsed = ContinuousClock.now - origin
        return elapsed.nanosecondsUInt64 + 1
    }
    func instant(_ nanos: UInt64) -> ContinuousClock.Instant {
        origin + .nanoseconds(Int64(nanos) - 1)
    }
}

extension LoadLoop {
    /// Runs this loop's share on GauntletHTTP's pull-model `LoadDriver`.
    func run(curl transport: CurlLoadTransport) throws -> LoopOutcome {
        let clock = ContinuousLoadClock(origin: transport.origin)
        // The pull-model driver queues a request due while every connection is busy, so nothing
        // is dropped here: the wait shows as lateness and in the latency from the intended start.
        dropsWhenFull = false
        let driver = GauntletHTTP.LoadDriver(maxConnections: transferCapacity, options: transport.options)
        let queue = QueueingDriver()
        try driver.run(
            next: { now in
                let relative = clock.now() > self.start ? clock.now() - self.start : 0
                self.advanceInterval(to: relative)
                if self.cancellation.isCancelled { return nil }
                if queue.pending.isEmpty { self.startDue(now: relative, driver: queue) }
                if queue.pending.isEmpty, let due = self.nextDue() { self.startDue(now: max(due, relative), driver: queue) }
                guard !queue.pending.isEmpty else { return nil }
                let (transfer, tag) = queue.pending.removeFirst()
                let scheduled = self.slots[tag].map { clock.instant(self.start + $0.intended) } ?? now
                var headers: [HTTPHeader] = []
                for line in transfer.headerLines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
                }
                let spec = RequestSpec(
                    method: transfer.method, url: transfer.url, headers: headers, body: transfer.body.map { Array($0.utf8) })
                return GauntletHTTP.LoadRequest(tag: UInt64(tag), scheduledStart: scheduled, request: spec)
            },
            completed: { completion in
                let timings = completion.timings
                let outcome = TransferOutcome(
                    status: completion.status ?? 0, error: completion.failureKind?.label,
                    bytesReceived: completion.bodyBytes,
                    connectMicros: Self.micros(timings.connect - timings.nameLookup),
                    tlsMicros: timings.appConnect > .zero ? Self.micros(timings.appConnect - timings.connect) : 0,
                    timeToFirstByteMicros: Self.micros(timings.startTransfer - timings.preTransfer),
                    transferMicros: Self.micros(timings.total - timings.startTransfer))
                self.complete(tag: Int(completion.tag), outcome: outcome)
            })
        outcome.elapsedNanos = relativeNow()
        flushInterval()
        return outcome
    }

    static func micros(_ duration: Duration) -> UInt64 {
        duration > .zero ? duration.nanosecondsUInt64 / 1_000 : 0
    }
}

/// Collects what the loop starts, for the pull-model driver to take.
final class QueueingDriver: LoadLoopDriver {
    var pending: [(PreparedTransfer, Int)] = []
    func start(_ transfer: PreparedTransfer, tag: Int) { pending.append((transfer, tag)) }
    func poll(until deadline: UInt64, _ onCompletion: (Int, TransferOutcome) -> Void) {}
    func cancelAll() {}
    func close() {}
}
