internal import CCurl

/// One load run's machinery, confined to the thread that runs it: a multi handle driven through
/// `curl_multi_socket_action`, sockets watched with epoll, and waits that end at the exact instant
/// the next request is due (see ``EpollWaiter``).
///
/// Owns its `CURLM*`, every easy handle and the epoll set; ``run(next:completed:)`` tears them down
/// before it returns.
final class SocketTransferLoop {
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
    private let maxConnections: Int
    private let options: TransferOptions
    /// Descriptors in the epoll set.
    private var watched: Set<Int32> = []
    /// When libcurl next wants `socketActionTimeout()`.
    private var curlTimer: ContinuousClock.Instant?
    private var inFlight: [UnsafeMutableRawPointer: InFlight] = [:]
    private var pool: [EasyHandle] = []

    /// Creates the multi handle and the epoll set.
    /// - Parameters:
    ///   - maxConnections: Most transfers in flight, and connections kept.
    ///   - options: Transfer options for every request.
    init(maxConnections: Int, options: TransferOptions) throws(TransportError) {
        self.maxConnections = max(1, maxConnections)
        self.options = options
        waiter = try EpollWaiter()
        do throws(CurlError) {
            multi = try MultiHandle()
        } catch {
            throw TransportError(.other, description: "could not create a curl multi handle: \(error)", curlCode: error.code)
        }
    }

    deinit {
        multi.close()
    }

    /// Runs until `next` returns `nil` and every started request has completed.
    func run(next: (ContinuousClock.Instant) -> LoadRequest?, completed: (LoadCompletion) -> Void) throws(TransportError) {
        // Wake-ups within 1 µs of the deadline instead of Linux's default 50 µs slack; restored after.
        let savedSlack = gauntlet_timer_slack()
        if savedSlack >= 0 { _ = gauntlet_set_timer_slack(1_000) }
        defer {
            tearDown()
            if savedSlack > 0 { _ = gauntlet_set_timer_slack(UInt(savedSlack)) }
        }
        do throws(CurlError) {
            try multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
            try multi.set(CURLMOPT_MAXCONNECTS, maxConnections)
            try multi.installSocketCallbacks(
                context: Unmanaged.passUnretained(self).toOpaque(),
                socket: loadSocketCallback,
                timer: loadTimerCallback
            )
            try drive(next: next, completed: completed)
        } catch {
            throw TransportError(.other, description: "the load loop failed: \(error)", curlCode: error.code)
        }
    }

    // MARK: - The loop

    private func drive(next: (ContinuousClock.Instant) -> LoadRequest?, completed: (LoadCompletion) -> Void) throws(CurlError) {
        var pending: LoadRequest? = next(clock.now)
        var exhausted = pending == nil
        while true {
            // Start every request that is due, as long as a connection is free.
            var now = clock.now
            while let due = pending, due.scheduledStart <= now, inFlight.count < maxConnections {
                start(due, now: now, completed: completed)
                pending = exhausted ? nil : next(clock.now)
                exhausted = pending == nil
                now = clock.now
            }
            // libcurl's own timer (connects, timeouts, and the kick after adding a handle).
            if let timer = curlTimer, timer <= now {
                curlTimer = nil
                try multi.socketActionTimeout()
                deliverCompletions(completed)
                continue
            }
            if exhausted, inFlight.isEmpty { return }

            // Sleep until a socket is ready, libcurl's timer fires, or the next request is due.
            var deadline = curlTimer
            if let due = pending, inFlight.count < maxConnections {
                deadline = min(deadline ?? due.scheduledStart, due.scheduledStart)
            }
            let timeout = deadline.map { max(.zero, $0 - clock.now) }
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
            deliverCompletions(completed)
        }
    }

    /// Hands one request to libcurl; a request libcurl rejects completes at once as a failure.
    private func start(_ item: LoadRequest, now: ContinuousClock.Instant, completed: (LoadCompletion) -> Void) {
        var request = item.request
        request.options = options
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
            let end = clock.now
            completed(LoadCompletion(
                tag: item.tag, scheduledStart: item.scheduledStart, actualStart: now, end: end,
                outcome: .failure(TransportError(error, request: request))
            ))
        }
    }

    /// Reports every finished transfer and returns its handle to the pool.
    private func deliverCompletions(_ completed: (LoadCompletion) -> Void) {
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
                bodyBytes: easy.sink.bodyByteCount
            )
            multi.remove(raw)
            pool.append(easy)
            completed(completion)
        }
    }

    /// Removes every handle and closes the multi handle while the callbacks' context is alive.
    private func tearDown() {
        for raw in inFlight.keys { multi.remove(raw) }
        inFlight.removeAll()
        withExtendedLifetime(self) { multi.close() }
        pool.removeAll()
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
