internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// A load event loop's transfers, pushed one at a time and waited for with sub-millisecond
/// precision: a multi handle driven through `curl_multi_socket_action`, sockets watched with
/// epoll, and waits that end at the exact instant asked for (see ``EpollWaiter``).
///
/// Confined to the thread that creates it: it owns its `CURLM*`, a pool of easy handles and the
/// epoll set, and every call (`start`, ``poll(until:_:)``, ``cancelAll()``, ``close()``) must come
/// from that thread. Connections are kept alive and reused; with HTTP/2
/// (``TransferOptions/httpVersion``) transfers are multiplexed, up to
/// ``TransferOptions/streamsPerConnection`` on one connection, on at most ``connectionLimit``
/// connections, after a first transfer that went alone. At most `maxConnections` transfers are in
/// flight; requests started beyond that (or during the first HTTP/2 transfer) wait, in order, for a
/// transfer to end, and their wait shows in ``LoadCompletion/startLateness``. Bodies are counted,
/// not kept, unless a request asks for its response (``RenderedRequest/keepsResponse``,
/// ``LoadCompletion/response``).
///
/// The per-request path is kept short, since the load engine's throughput per CPU-second is
/// compared with a plain C loop's: a ``RenderedRequest`` reuses its pooled handle's options and
/// sets only what changed (see `EasyHandle.prepare(load:options:)`); transfers live in an array
/// indexed by their handle's slot, found from the `CURL*` through `CURLOPT_PRIVATE`; and idle
/// connections stay in the epoll set between requests (see ``WatchedSockets``).
///
///     let loop = try SocketTransferLoop(maxConnections: 8, options: options)
///     defer { loop.close() }
///     loop.start(RenderedRequest(url: url), tag: 1)
///     try loop.poll(until: .now + .seconds(1)) { completion in print(completion.tag, completion.status ?? 0) }
///
/// Its stored properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`, as
/// swift-collections does for its confined storage): the loop is confined to one thread and
/// never re-entered while one of them is being modified (callbacks from libcurl touch only
/// ``WatchedSockets`` and the timer, never during an access to them). With the checks, a load
/// request paid about 35 of them, some 6,000 instructions (`valgrind --tool=callgrind`), 8 % of
/// what libcurl itself spends on the request.
public final class SocketTransferLoop {
    /// A request waiting for a connection.
    private struct Queued {
        let tag: UInt64
        let scheduledStart: LoadInstant
        let request: RenderedRequest
    }

    /// A request handed to libcurl, kept at its easy handle's slot. The request itself stays with
    /// the handle (`EasyHandle.loadRequest`), so that handing a transfer over and back copies no
    /// strings or arrays.
    private struct InFlight {
        let tag: UInt64
        let scheduledStart: LoadInstant
        let actualStart: LoadInstant
    }

    private let multi: MultiHandle
    private let waiter: EpollWaiter
    /// Most transfers in flight at once, and the size of the connection cache.
    public let maxConnections: Int
    /// Most connections open at once (`CURLMOPT_MAX_TOTAL_CONNECTIONS`): `maxConnections`, or with
    /// HTTP/2 as many as carry that many transfers at ``TransferOptions/streamsPerConnection``
    /// each, until a response shows the server answers without HTTP/2.
    @exclusivity(unchecked)
    public private(set) var connectionLimit: Int
    /// Whether the loop is still learning, from its first transfer, whether the server multiplexes:
    /// with HTTP/2, one transfer goes alone until it ends, the rest wait in ``waiting``. libcurl
    /// 7.88 would otherwise park them in a queue of its own, which it wakes one transfer per
    /// ended transfer: they could stay behind one connection for the whole run.
    @exclusivity(unchecked)
    private var probing: Bool
    /// Transfer options applied to every request (replacing the requests' own).
    public let options: TransferOptions
    /// A response header whose value each ``LoadCompletion`` carries (such as `X-Cold-Start`);
    /// nil to read none, which costs nothing per request.
    public let capturedHeader: String?
    /// A second response header, the request id (such as `X-Lambda-Request-Id`), whose value
    /// each ``LoadCompletion/requestID`` carries; nil to read none, which costs nothing.
    public let requestIDHeader: String?
    /// The epoll set's sockets and what each is watched for.
    @exclusivity(unchecked)
    private var sockets = WatchedSockets()
    /// When libcurl next wants `socketActionTimeout()`.
    @exclusivity(unchecked)
    private var curlTimer: LoadInstant?
    /// A recent clock reading, never later than now: libcurl's timer callback counts from it,
    /// so that the callback (called once or twice per request) reads no clock. The timer thus
    /// fires at most a batch's processing time early, never late.
    @exclusivity(unchecked)
    private var recentNow: LoadInstant
    /// Every easy handle made, at its ``EasyHandle/slot``.
    @exclusivity(unchecked)
    private var handles: [EasyHandle] = []
    /// The transfer each slot's handle carries, `nil` while the handle is idle.
    @exclusivity(unchecked)
    private var transfers: [InFlight?] = []
    /// Slots whose handles are idle, the most recently used last.
    @exclusivity(unchecked)
    private var idleSlots: [Int] = []
    /// Transfers handed to libcurl and not yet reported.
    @exclusivity(unchecked)
    private var inFlightCount = 0
    /// Requests started while every connection was busy, oldest first.
    @exclusivity(unchecked)
    private var waiting: [Queued] = []
    @exclusivity(unchecked)
    private var waitingHead = 0
    /// Completions known before a poll (requests libcurl refused), reported by the next poll.
    @exclusivity(unchecked)
    private var ready: [LoadCompletion] = []
    /// The thread's timer slack before this loop lowered it (-1: unknown, left alone).
    private let savedSlack: Int
    @exclusivity(unchecked)
    private var isClosed = false

    /// Creates the multi handle and the epoll set, on the thread that will use the loop.
    ///
    /// Lowers the thread's timer slack to 1 µs (Linux's default is 50 µs) until ``close()``, so
    /// that waits end on time.
    /// - Parameters:
    ///   - maxConnections: Most transfers in flight and connections kept (at least 1).
    ///   - options: Transfer options for every request.
    ///   - capturedHeader: A response header to report in each completion, if any.
    ///   - requestIDHeader: A request-id response header to report in each completion, if any.
    /// - Throws: ``TransportError`` of kind ``TransportError/Kind/other`` when the kernel or
    ///   libcurl refuses the epoll set or the multi handle.
    public init(
        maxConnections: Int, options: TransferOptions = .init(), capturedHeader: String? = nil, requestIDHeader: String? = nil
    ) throws(TransportError) {
        CurlGlobal.ensureInitialized()
        self.maxConnections = max(1, maxConnections)
        self.options = options
        connectionLimit = Self.connectionLimit(maxConnections: self.maxConnections, options: options)
        probing = options.httpVersion == .http2
        self.capturedHeader = capturedHeader
        self.requestIDHeader = requestIDHeader
        recentNow = .now
        waiter = try EpollWaiter()
        do throws(CurlError) {
            multi = try MultiHandle()
        } catch {
            throw TransportError(.other, description: "could not create a curl multi handle: \(error)", curlCode: error.code)
        }
        savedSlack = gauntlet_timer_slack()
        do throws(CurlError) {
            try multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, connectionLimit)
            try multi.set(CURLMOPT_MAXCONNECTS, self.maxConnections)
            if options.httpVersion == .http2 {
                // Streams on as few connections as the stream limit allows: the first transfer
                // goes alone (`probing`), and libcurl opens another connection only when each
                // has `streamsPerConnection` transfers, up to `connectionLimit`.
                try multi.set(CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
                try multi.set(CURLMOPT_MAX_CONCURRENT_STREAMS, max(1, options.streamsPerConnection))
            }
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

    /// The connections a loop opens at most: with HTTP/2, `maxConnections` transfers at
    /// `streamsPerConnection` each. Without that cap, libcurl 7.88 wakes every transfer waiting
    /// for the first connection at once when it turns out to multiplex, and each one that finds
    /// it full opens a connection of its own (8 in flight at 2 streams each opened 7, not 4).
    static func connectionLimit(maxConnections: Int, options: TransferOptions) -> Int {
        guard options.httpVersion == .http2 else { return maxConnections }
        let streams = max(1, options.streamsPerConnection)
        return min(maxConnections, (maxConnections + streams - 1) / streams)
    }

    /// Transfers started and not yet reported (in flight, waiting for a connection, or refused).
    public var outstanding: Int { inFlightCount + waiting.count - waitingHead + ready.count }

    // MARK: - Pushing and waiting

    /// Starts a request now, or as soon as a connection is free; never calls back.
    ///
    /// The pooled handle keeps its options from its previous request and only what differs is set
    /// (usually nothing, or the URL). A request libcurl refuses is reported as a failure by the
    /// next ``poll(until:_:)``.
    /// - Parameters:
    ///   - request: What to send, with the loop's ``options``.
    ///   - tag: The caller's identifier, handed back in the ``LoadCompletion``.
    ///   - scheduledStart: When the request was due (for ``LoadCompletion/startLateness`` and
    ///     ``LoadCompletion/latency``); now by default.
    public func start(_ request: RenderedRequest, tag: UInt64, scheduledStart: LoadInstant? = nil) {
        precondition(!isClosed, "SocketTransferLoop used after close()")
        if inFlightCount < admissionLimit, waitingHead == waiting.count {
            let now = LoadInstant.now
            recentNow = now
            begin(Queued(tag: tag, scheduledStart: scheduledStart ?? now, request: request), now: now)
        } else {
            waiting.append(Queued(tag: tag, scheduledStart: scheduledStart ?? .now, request: request))
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
    public func poll(until deadline: LoadInstant, _ completed: (LoadCompletion) -> Void) throws(TransportError) {
        precondition(!isClosed, "SocketTransferLoop used after close()")
        do throws(CurlError) {
            while true {
                var reported = deliverReady(completed)
                let now = LoadInstant.now
                recentNow = now
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
                let until = min(curlTimer ?? deadline, deadline)
                var failure: CurlError?
                var woke = true
                waiter.wait(timeoutNanoseconds: until > now ? until.nanoseconds - now.nanoseconds : 0) { ready in
                    if woke {
                        recentNow = .now
                        woke = false
                    }
                    guard sockets.isWatched(ready.descriptor, waiter: waiter) else { return }
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
                if LoadInstant.now >= deadline { return }
            }
        } catch {
            throw TransportError(.other, description: "the load loop failed: \(error)", curlCode: error.code)
        }
    }

    /// Ends every transfer, in flight, waiting or already finished, reporting each once: those
    /// not finished as failed with `error`. For when the multi interface itself failed (``poll(until:_:)``
    /// threw), so that whoever waits for them is told rather than left waiting.
    public func failAll(with error: TransportError, _ completed: (LoadCompletion) -> Void) {
        let now = LoadInstant.now
        _ = deliverReady(completed)
        for transfer in transfers {
            guard let transfer else { continue }
            completed(LoadCompletion(
                tag: transfer.tag, scheduledStart: transfer.scheduledStart, actualStart: transfer.actualStart, end: now,
                outcome: .failure(error)))
        }
        for queued in waiting[waitingHead...] {
            completed(LoadCompletion(
                tag: queued.tag, scheduledStart: queued.scheduledStart, actualStart: now, end: now, outcome: .failure(error)))
        }
        cancelAll()
    }

    /// Aborts every transfer, in flight or waiting, without reporting it. Connections may be closed.
    public func cancelAll() {
        for slot in transfers.indices where transfers[slot] != nil {
            multi.remove(handles[slot])
            transfers[slot] = nil
            idleSlots.append(slot)
        }
        inFlightCount = 0
        waiting.removeAll()
        waitingHead = 0
        ready.removeAll()
    }

    /// Aborts the transfers whose tag `isAbandoned` picks, in flight or waiting for a connection,
    /// without reporting them, and starts the waiting ones the freed connections take. Requests
    /// libcurl refused are failures already known, and the next poll reports them. (Dropping the
    /// first transfer of an HTTP/2 probe makes the next one begun the probe.)
    /// For a stopped load: what it still waits for may never be answered (a hung deployment
    /// holds each transfer to its time limit), and its teardown must not wait behind it.
    /// - Parameter isAbandoned: Whether the transfer with this tag is to be dropped.
    /// - Returns: The tags dropped.
    public func abandon(where isAbandoned: (UInt64) -> Bool) -> [UInt64] {
        precondition(!isClosed, "SocketTransferLoop used after close()")
        var dropped: [UInt64] = []
        for slot in transfers.indices {
            guard let transfer = transfers[slot], isAbandoned(transfer.tag) else { continue }
            multi.remove(handles[slot])
            transfers[slot] = nil
            idleSlots.append(slot)
            inFlightCount -= 1
            dropped.append(transfer.tag)
        }
        var kept: [Queued] = []
        for queued in waiting[waitingHead...] {
            if isAbandoned(queued.tag) { dropped.append(queued.tag) } else { kept.append(queued) }
        }
        waiting = kept
        waitingHead = 0
        if waitingHead < waiting.count { startWaiting(now: .now) }
        return dropped
    }

    /// Aborts everything, closes the multi handle and every connection, and restores the thread's
    /// timer slack. Idempotent; the loop is not used afterwards.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        cancelAll()
        withExtendedLifetime(self) { multi.close() }
        handles.removeAll()
        transfers.removeAll()
        idleSlots.removeAll()
        if savedSlack > 0 { _ = gauntlet_set_timer_slack(UInt(savedSlack)) }
    }

    // MARK: - The loop

    /// Hands one request to libcurl; a request libcurl rejects is queued as a failure.
    /// - Parameters:
    ///   - item: The request.
    ///   - now: A clock reading taken just before, the request's actual start.
    private func begin(_ item: Queued, now: LoadInstant) {
        do throws(CurlError) {
            let easy = try idleHandle()
            do throws(CurlError) {
                try easy.prepare(load: item.request, options: options)
                try multi.add(easy)
            } catch {
                idleSlots.append(easy.slot)
                throw error
            }
            transfers[easy.slot] = InFlight(tag: item.tag, scheduledStart: item.scheduledStart, actualStart: now)
            inFlightCount += 1
        } catch {
            probing = false  // a refused first request ends the probe; the next ones are not held for it
            ready.append(LoadCompletion(
                tag: item.tag, scheduledStart: item.scheduledStart, actualStart: now, end: .now,
                outcome: .failure(TransportError(error, request: item.request.requestSpec(options: options)))
            ))
        }
    }

    /// The most recently used idle handle (its connection is the likeliest to be warm), or a new one.
    private func idleHandle() throws(CurlError) -> EasyHandle {
        if let slot = idleSlots.popLast() { return handles[slot] }
        let easy = try EasyHandle()
        easy.slot = handles.count
        easy.socketHooks = SocketHooks(context: Unmanaged.passUnretained(self).toOpaque(), open: loadOpenSocketCallback, close: loadCloseSocketCallback)
        handles.append(easy)
        transfers.append(nil)
        return easy
    }

    /// Starts waiting requests while connections are free.
    /// - Parameter now: A clock reading taken just before.
    private func startWaiting(now: LoadInstant) {
        while waitingHead < waiting.count, inFlightCount < admissionLimit {
            let item = waiting[waitingHead]
            waitingHead += 1
            begin(item, now: now)
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
            let end = LoadInstant.now
            recentNow = end
            guard let easy = multi.easy(for: raw), easy.slot >= 0, easy.slot < handles.count, handles[easy.slot] === easy,
                let transfer = transfers[easy.slot]
            else {
                multi.remove(raw)
                continue
            }
            let outcome: LoadCompletion.Outcome
            var response: ReceivedResponse?
            // A request that keeps its response also sees whether its headers ended; one that
            // keeps none has no header callback (its cost) and reads the status alone.
            if code == CURLE_OK, !easy.sink.headersCutShort {
                let status = easy.responseCode
                outcome = .response(status: status)
                if easy.loadRequest?.keepsResponse == true { response = easy.takeResponse(status: status) }
            } else {
                // A handle is added only after `prepare(load:options:)` set its request; the
                // fallback only keeps a broken invariant from hiding the failure itself.
                let request = easy.loadRequest.map { $0.requestSpec(options: options) } ?? RequestSpec(url: "(unknown request)")
                outcome = .failure(
                    code == CURLE_OK
                        ? .headersCutShort(request: request, status: easy.responseCode) : easy.transportError(code, request: request))
            }
            let completion = LoadCompletion(
                tag: transfer.tag,
                scheduledStart: transfer.scheduledStart,
                actualStart: transfer.actualStart,
                end: end,
                outcome: outcome,
                timings: easy.timings,
                bodyBytes: easy.sink.bodyByteCount,
                capturedHeader: code == CURLE_OK ? capturedHeader.flatMap(easy.responseHeader(named:)) : nil,
                requestID: code == CURLE_OK ? requestIDHeader.flatMap(easy.responseHeader(named:)) : nil,
                response: response,
                // Also for a failure after the status line (a body cut short): its status is
                // counted, so is the protocol it came in. Nil when nothing was answered.
                httpVersion: easy.negotiatedVersion,
                newConnections: easy.newConnections,
                resent: easy.resends
            )
            if probing {
                probing = false
                if let version = completion.httpVersion, version != .http2, version != .http3 {
                    // The server answered without HTTP/2 (or the URL is plain http://): one
                    // request per connection, so the cap for streams would cut those in flight.
                    liftConnectionLimit()
                }
            }
            multi.remove(easy)
            transfers[easy.slot] = nil
            idleSlots.append(easy.slot)
            inFlightCount -= 1
            if waitingHead < waiting.count { startWaiting(now: end) }
            completed(completion)
            count += 1
        }
        return count + deliverReady(completed)
    }

    /// Most transfers handed to libcurl at once: one while ``probing``, else `maxConnections`.
    private var admissionLimit: Int { probing ? 1 : maxConnections }

    /// Lets libcurl open a connection for every transfer in flight again.
    private func liftConnectionLimit() {
        connectionLimit = maxConnections
        // Setting a number fails only on a handle that is not a multi handle.
        try? multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
    }

    // MARK: - Callbacks from libcurl

    /// `CURLMOPT_SOCKETFUNCTION`: keeps the epoll set in step with what libcurl waits for.
    fileprivate func updateWatch(_ descriptor: Int32, what: Int32) {
        sockets.update(descriptor, what: what, waiter: waiter)
    }

    /// `CURLOPT_OPENSOCKETFUNCTION`: a connection socket was opened.
    fileprivate func socketOpened(_ descriptor: Int32) {
        sockets.opened(descriptor)
    }

    /// `CURLOPT_CLOSESOCKETFUNCTION`: a connection socket is about to be closed.
    fileprivate func socketClosing(_ descriptor: Int32) {
        sockets.closing(descriptor, waiter: waiter)
    }

    /// `CURLMOPT_TIMERFUNCTION`: records when libcurl wants its timeout action (-1: no timer).
    fileprivate func updateTimer(milliseconds: Int) {
        curlTimer = milliseconds < 0 ? nil : LoadInstant(nanoseconds: recentNow.nanoseconds &+ UInt64(milliseconds) &* 1_000_000)
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
    Unmanaged<SocketTransferLoop>.fromOpaque(userp)._withUnsafeGuaranteedRef { $0.updateWatch(socket, what: what) }
    return 0
}

/// Routes libcurl's timer callback to the ``SocketTransferLoop`` in `userp`.
private func loadTimerCallback(_ multi: UnsafeMutableRawPointer, _ timeoutMilliseconds: Int, _ userp: UnsafeMutableRawPointer?) -> Int32 {
    guard let userp else { return 0 }
    Unmanaged<SocketTransferLoop>.fromOpaque(userp)._withUnsafeGuaranteedRef { $0.updateTimer(milliseconds: timeoutMilliseconds) }
    return 0
}

/// Opens a connection socket for libcurl and tells the ``SocketTransferLoop`` in `clientp`.
private func loadOpenSocketCallback(
    _ clientp: UnsafeMutableRawPointer?, _ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>
) -> curl_socket_t {
    let descriptor = gauntlet_open_socket(address)
    if descriptor >= 0, let clientp {
        Unmanaged<SocketTransferLoop>.fromOpaque(clientp)._withUnsafeGuaranteedRef { $0.socketOpened(descriptor) }
    }
    return descriptor
}

/// Tells the ``SocketTransferLoop`` in `clientp` that a socket is being closed, then closes it.
private func loadCloseSocketCallback(_ clientp: UnsafeMutableRawPointer?, _ socket: curl_socket_t) -> Int32 {
    if let clientp {
        Unmanaged<SocketTransferLoop>.fromOpaque(clientp)._withUnsafeGuaranteedRef { $0.socketClosing(socket) }
    }
    return close(socket)
}
