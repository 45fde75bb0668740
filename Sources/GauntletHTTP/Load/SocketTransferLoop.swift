internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// A load event loop's transfers, pushed one at a time and waited for with sub-millisecond
/// precision: a multi handle driven through `curl_multi_socket_action`, sockets watched with
/// epoll, and waits that end at the exact instant asked for (see ``EpollWaiter``).
///
/// Confined to the thread that creates it: it owns its `CURLM*`, a pool of easy handles and the
/// epoll set, and every call (``start(_:tag:scheduledStart:)``, ``poll(until:_:)``,
/// ``cancelAll()``, ``close()``) must come from that thread. Connections are kept alive and reused.
/// At most `maxConnections` transfers are in flight; requests started beyond that wait, in order,
/// for a transfer to end, and their wait shows in ``LoadCompletion/startLateness``. Bodies are
/// counted, not kept. ``LoadDriver/run(next:completed:)`` is built on this loop.
///
///     let loop = try SocketTransferLoop(maxConnections: 8, options: options)
///     defer { loop.close() }
///     loop.start(RequestSpec(url: url), tag: 1)
///     try loop.poll(until: .now + .seconds(1)) { completion in print(completion.tag, completion.status ?? 0) }
public final class SocketTransferLoop {
    /// A request handed to libcurl.
    private struct InFlight {
        let tag: UInt64
        let scheduledStart: ContinuousClock.Instant
        let actualStart: ContinuousClock.Instant
        let request: RequestSpec
        let easy: EasyHandle
    }

    private let multi: MultiHandle
    private let waiter: EpollWaiter
    private let clock = ContinuousClock()
    /// Most transfers in flight at once, and the size of the connection cache.
    public let maxConnections: Int
    /// Transfer options applied to every request (replacing the requests' own).
    public let options: TransferOptions
    /// A response header whose value each ``LoadCompletion`` carries (such as `X-Cold-Start`);
    /// nil to read none, which costs nothing per request.
    public let capturedHeader: String?
    /// Descriptors in the epoll set.
    private var watched: Set<Int32> = []
    /// When libcurl next wants `socketActionTimeout()`.
    private var curlTimer: ContinuousClock.Instant?
    private var inFlight: [UnsafeMutableRawPointer: InFlight] = [:]
    /// Requests started while every connection was busy, oldest first.
    private var waiting: [LoadRequest] = []
    private var waitingHead = 0
    /// Completions known before a poll (requests libcurl refused), reported by the next poll.
    private var ready: [LoadCompletion] = []
    private var pool: [EasyHandle] = []
    /// The thread's timer slack before this loop lowered it (-1: unknown, left alone).
    private let savedSlack: Int
    private var isClosed = false

    /// Creates the multi handle and the epoll set, on the thread that will use the loop.
    ///
    /// Lowers the thread's timer slack to 1 µs (Linux's default is 50 µs) until ``close()``, so
    /// that waits end on time.
    /// - Parameters:
    ///   - maxConnections: Most transfers in flight and connections kept (at least 1).
    ///   - options: Transfer options for every request.
    ///   - capturedHeader: A response header to report in each completion, if any.
    /// - Throws: ``TransportError`` of kind ``TransportError/Kind/other`` when the kernel or
    ///   libcurl refuses the epoll set or the multi handle.
    public init(maxConnections: Int, options: TransferOptions = .init(), capturedHeader: String? = nil) throws(TransportError) {
        CurlGlobal.ensureInitialized()
        self.maxConnections = max(1, maxConnections)
        self.options = options
        self.capturedHeader = capturedHeader
        waiter = try EpollWaiter()
        do throws(CurlError) {
            multi = try MultiHandle()
        } catch {
            throw TransportError(.other, description: "could not create a curl multi handle: \(error)", curlCode: error.code)
        }
        savedSlack = gauntlet_timer_slack()
        do throws(CurlError) {
            try multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, self.maxConnections)
            try multi.set(CURLMOPT_MAXCONNECTS, self.maxConnections)
            try multi.installSocketCallbacks(
                context: Unmanaged.passUnretained(self).toOpaque(),
                socket: loadSocketCallback,
                timer: loadTimerCallback
            )
        } catch {
            multi.close()
            throw TransportError(.other, description: "could not set up the curl multi handle: \(error)", curlCode: error.code)
        }
        if savedSlack >= 0 { _ = gauntlet_set_timer_slack(1_000) }
    }

    deinit {
        multi.close()
    }

    /// Transfers started and not yet reported (in flight, waiting for a connection, or refused).
    public var outstanding: Int { inFlight.count + waiting.count - waitingHead + ready.count }

    // MARK: - Pushing and waiting

    /// Starts a request now, or as soon as a connection is free; never calls back.
    ///
    /// A request libcurl refuses is reported as a failure by the next ``poll(until:_:)``.
    /// - Parameters:
    ///   - request: What to send; its `options` are replaced by the loop's.
    ///   - tag: The caller's identifier, handed back in the ``LoadCompletion``.
    ///   - scheduledStart: When the request was due (for ``LoadCompletion/startLateness`` and
    ///     ``LoadCompletion/latency``); now by default.
    public func start(_ request: RequestSpec, tag: UInt64, scheduledStart: ContinuousClock.Instant? = nil) {
        precondition(!isClosed, "SocketTransferLoop used after close()")
        let item = LoadRequest(tag: tag, scheduledStart: scheduledStart ?? clock.now, request: request)
        if inFlight.count < maxConnections, waitingHead == waiting.count {
            begin(item)
        } else {
            waiting.append(item)
        }
    }

    /// Waits until `deadline` or until at least one transfer has ended, and reports each ended
    /// transfer once, on this thread.
    ///
    /// Always makes one pass over ready sockets and libcurl's timers, even when `deadline` has
    /// passed; returns early as soon as a pass reported something.
    /// - Parameters:
    ///   - deadline: When to return at the latest.
    ///   - completed: Called for each ended transfer. Keep it short; it must not call back into the loop.
    /// - Throws: ``TransportError`` of kind ``TransportError/Kind/other`` when libcurl's multi
    ///   interface itself fails; failures of single requests arrive through `completed`.
    public func poll(until deadline: ContinuousClock.Instant, _ completed: (LoadCompletion) -> Void) throws(TransportError) {
        try poll(deadline: deadline, completed)
    }

    /// Aborts every transfer, in flight or waiting, without reporting it. Connections may be closed.
    public func cancelAll() {
        for (raw, transfer) in inFlight {
            multi.remove(raw)
            pool.append(transfer.easy)
        }
        inFlight.removeAll()
        waiting.removeAll()
        waitingHead = 0
        ready.removeAll()
    }

    /// Aborts everything, closes the multi handle and every connection, and restores the thread's
    /// timer slack. Idempotent; the loop is not used afterwards.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        cancelAll()
        withExtendedLifetime(self) { multi.close() }
        pool.removeAll()
        if savedSlack > 0 { _ = gauntlet_set_timer_slack(UInt(savedSlack)) }
    }

    // MARK: - Pulling (LoadDriver)

    /// Runs until `next` returns `nil` and every started request has completed; see
    /// ``LoadDriver/run(next:completed:)``.
    func run(next: (ContinuousClock.Instant) -> LoadRequest?, completed: (LoadCompletion) -> Void) throws(TransportError) {
        var pending: LoadRequest? = next(clock.now)
        var exhausted = pending == nil
        while true {
            // Start every request that is due, as long as a connection is free.
            var now = clock.now
            while let due = pending, due.scheduledStart <= now, inFlight.count < maxConnections {
                start(due.request, tag: due.tag, scheduledStart: due.scheduledStart)
                pending = exhausted ? nil : next(clock.now)
                exhausted = pending == nil
                now = clock.now
            }
            if exhausted, outstanding == 0 { return }
            // Sleep until something ends or the next request is due (if it could start).
            var deadline: ContinuousClock.Instant?
            if let due = pending, inFlight.count < maxConnections { deadline = due.scheduledStart }
            try poll(deadline: deadline, completed)
        }
    }

    // MARK: - The loop

    /// ``poll(until:_:)`` with an optional deadline: `nil` waits for a completion.
    private func poll(deadline: ContinuousClock.Instant?, _ completed: (LoadCompletion) -> Void) throws(TransportError) {
        precondition(!isClosed, "SocketTransferLoop used after close()")
        do throws(CurlError) {
            while true {
                var reported = deliverReady(completed)
                let now = clock.now
                // libcurl's own timer (connects, timeouts, and the kick after adding a handle).
                if let timer = curlTimer, timer <= now {
                    curlTimer = nil
                    try multi.socketActionTimeout()
                    reported += deliverCompletions(completed)
                    if reported > 0 { return }
                    continue
                }
                if reported > 0 { return }
                // Sleep until a socket is ready, libcurl's timer fires, or the deadline.
                var until = curlTimer
                if let deadline { until = min(until ?? deadline, deadline) }
                if until == nil, outstanding == 0 { return }  // nothing could ever end the wait
                let timeout = until.map { max(.zero, $0 - now) }
                var failure: CurlError?
                waiter.wait(timeout: timeout) { ready in
                    var mask: Int32 = 0
                    if ready.readable { mask |= CURL_CSELECT_IN }
                    if ready.writable { mask |= CURL_CSELECT_OUT }
                    if ready.failed { mask |= CURL_CSELECT_ERR }
                    do throws(CurlError) {
                        try multi.socketAction(ready.descriptor, events: mask)
                    } catch {
                        failure = failure ?? error
                    }
                }
                if let failure { throw failure }
                reported += deliverCompletions(completed)
                if reported > 0 { return }
                if let deadline, clock.now >= deadline { return }
            }
        } catch {
            throw TransportError(.other, description: "the load loop failed: \(error)", curlCode: error.code)
        }
    }

    /// Hands one request to libcurl; a request libcurl rejects is queued as a failure.
    private func begin(_ item: LoadRequest) {
        var request = item.request
        request.options = options
        let now = clock.now
        do throws(CurlError) {
            let easy: EasyHandle
            if let pooled = pool.popLast() { easy = pooled } else { easy = try EasyHandle() }
            do throws(CurlError) {
                try easy.prepare(for: request, keepBody: false)
                let actualStart = clock.now
                try multi.add(easy)
                inFlight[easy.raw] = InFlight(tag: item.tag, scheduledStart: item.scheduledStart, actualStart: actualStart, request: request, easy: easy)
            } catch {
                pool.append(easy)
                throw error
            }
        } catch {
            ready.append(LoadCompletion(
                tag: item.tag, scheduledStart: item.scheduledStart, actualStart: now, end: clock.now,
                outcome: .failure(TransportError(error, request: request))
            ))
        }
    }

    /// Starts waiting requests while connections are free.
    private func startWaiting() {
        while waitingHead < waiting.count, inFlight.count < maxConnections {
            let item = waiting[waitingHead]
            waitingHead += 1
            begin(item)
        }
        if waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        }
    }

    /// Reports the completions queued before this poll.
    private func deliverReady(_ completed: (LoadCompletion) -> Void) -> Int {
        guard !ready.isEmpty else { return 0 }
        let queued = ready
        ready.removeAll(keepingCapacity: true)
        for completion in queued { completed(completion) }
        return queued.count
    }

    /// Reports every finished transfer, returns its handle to the pool and starts waiting requests.
    private func deliverCompletions(_ completed: (LoadCompletion) -> Void) -> Int {
        var count = 0
        while let (raw, code) = multi.nextCompletion() {
            let end = clock.now
            guard let transfer = inFlight.removeValue(forKey: raw) else {
                multi.remove(raw)
                continue
            }
            let easy = transfer.easy
            let outcome: LoadCompletion.Outcome = code == CURLE_OK
                ? .response(status: easy.responseCode)
                : .failure(TransportError(CurlError(code, detail: easy.errorDetail), request: transfer.request))
            let completion = LoadCompletion(
                tag: transfer.tag,
                scheduledStart: transfer.scheduledStart,
                actualStart: transfer.actualStart,
                end: end,
                outcome: outcome,
                timings: easy.timings,
                bodyBytes: easy.sink.bodyByteCount,
                capturedHeader: code == CURLE_OK ? capturedHeader.flatMap(easy.responseHeader(named:)) : nil
            )
            multi.remove(raw)
            pool.append(easy)
            startWaiting()
            completed(completion)
            count += 1
        }
        return count + deliverReady(completed)
    }

    // MARK: - Callbacks from libcurl

    /// `CURLMOPT_SOCKETFUNCTION`: keeps the epoll set in step with what libcurl waits for.
    fileprivate func updateWatch(_ descriptor: Int32, what: Int32) {
        if what == CURL_POLL_REMOVE {
            if watched.remove(descriptor) != nil { waiter.unwatch(descriptor) }
            return
        }
        let already = watched.contains(descriptor)
        waiter.watch(descriptor, readable: what & CURL_POLL_IN != 0, writable: what & CURL_POLL_OUT != 0, alreadyWatched: already)
        watched.insert(descriptor)
    }

    /// `CURLMOPT_TIMERFUNCTION`: records when libcurl wants its timeout action (-1: no timer).
    fileprivate func updateTimer(milliseconds: Int) {
        curlTimer = milliseconds < 0 ? nil : clock.now.advanced(by: .milliseconds(milliseconds))
    }
}

@available(*, unavailable)
extension SocketTransferLoop: Sendable {}

/// Routes libcurl's socket callback to the ``SocketTransferLoop`` in `userp`.
private func loadSocketCallback(
    _ easy: UnsafeMutableRawPointer, _ socket: curl_socket_t, _ what: Int32,
    _ userp: UnsafeMutableRawPointer?, _ socketp: UnsafeMutableRawPointer?
) -> Int32 {
    guard let userp else { return 0 }
    Unmanaged<SocketTransferLoop>.fromOpaque(userp).takeUnretainedValue().updateWatch(socket, what: what)
    return 0
}

/// Routes libcurl's timer callback to the ``SocketTransferLoop`` in `userp`.
private func loadTimerCallback(_ multi: UnsafeMutableRawPointer, _ timeoutMilliseconds: Int, _ userp: UnsafeMutableRawPointer?) -> Int32 {
    guard let userp else { return 0 }
    Unmanaged<SocketTransferLoop>.fromOpaque(userp).takeUnretainedValue().updateTimer(milliseconds: timeoutMilliseconds)
    return 0
}
