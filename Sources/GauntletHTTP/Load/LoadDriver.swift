#if canImport(Glibc)
import Glibc
#endif

/// Drives an open-model load: starts each request at its scheduled instant, thousands per second,
/// on one thread, without an async continuation or a task per request.
///
/// Each ``run(next:completed:)`` owns a fresh multi handle driven by `curl_multi_socket_action`,
/// epoll and sub-millisecond waits (`epoll_pwait2`, or a `timerfd` on older kernels), so a request
/// starts within a fraction of a millisecond of its schedule (`curl_multi_poll` rounds to whole
/// milliseconds). Connections are kept alive and reused within a run. At most `maxConnections`
/// transfers are in flight; a request due while all are busy waits, and its lateness shows in
/// ``LoadCompletion/startLateness``. Bodies are counted, not kept.
///
/// Use one driver run per thread: `run` blocks its caller; ``runOnDedicatedThread(next:completed:)``
/// starts a thread for it and awaits the end. A run is a pull loop over a ``SocketTransferLoop``;
/// use that loop directly to push requests and wait for completions instead.
///
///     let driver = LoadDriver(maxConnections: 64, options: TransferOptions(timeouts: .init(connect: .seconds(2), total: .seconds(5))))
///     let start = ContinuousClock.now
///     var index: UInt64 = 0
///     try driver.run(next: { _ in
///         guard index < 1000 else { return nil }
///         defer { index += 1 }
///         return LoadRequest(tag: index, scheduledStart: start + .milliseconds(Int(index)), request: RequestSpec(url: url))
///     }, completed: { completion in recorder.record(completion.latency) })
public final class LoadDriver: Sendable {
    /// Most transfers in flight at once, and the size of the connection cache.
    public let maxConnections: Int
    /// Transfer options applied to every request (replacing the requests' own).
    public let options: TransferOptions

    /// Creates a driver.
    /// - Parameters:
    ///   - maxConnections: Most transfers in flight and connections kept (at least 1).
    ///   - options: Transfer options for every request.
    public init(maxConnections: Int, options: TransferOptions = .init()) {
        self.maxConnections = max(1, maxConnections)
        self.options = options
    }

    /// Runs on the calling thread until `next` returns `nil` and every started request has completed.
    ///
    /// - Parameters:
    ///   - next: Asked for the next request once the previous one has started, with the current
    ///     instant; returns it with its scheduled start (past instants start at once), or `nil` to finish.
    ///     Called on this thread.
    ///   - completed: Called on this thread as each request ends, with its tag, the scheduled, actual
    ///     start and end instants, the status or transport error, timings and body size. Keep it short:
    ///     the loop waits for it.
    /// - Throws: ``TransportError`` of kind ``TransportError/Kind/other`` when the loop itself fails
    ///   (no epoll, no multi handle); failures of single requests arrive through `completed`.
    public func run(
        next: (ContinuousClock.Instant) -> LoadRequest?,
        completed: (LoadCompletion) -> Void
    ) throws(TransportError) {
        let loop = try SocketTransferLoop(maxConnections: maxConnections, options: options)
        defer { loop.close() }
        try loop.run(next: next, completed: completed)
    }

    /// Starts a thread, runs ``run(next:completed:)`` on it, and returns when it ends.
    ///
    /// The closures move to that thread and are called only there.
    public func runOnDedicatedThread(
        next: sending @escaping (ContinuousClock.Instant) -> LoadRequest?,
        completed: sending @escaping (LoadCompletion) -> Void
    ) async throws(TransportError) {
        let result: Result<Void, TransportError> = await withCheckedContinuation { continuation in
            let job = DedicatedRun(driver: self, next: next, completed: completed, continuation: continuation)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            let created = pthread_create(&thread, nil, { context in
                let job = Unmanaged<DedicatedRun>.fromOpaque(context!).takeRetainedValue()
                job.execute()
                return nil
            }, context)
            if created == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<DedicatedRun>.fromOpaque(context).release()
                continuation.resume(returning: .failure(TransportError(.other, description: "pthread_create failed: \(created)")))
            }
        }
        try result.get()
    }
}

/// A load run handed to a new thread: the closures and the continuation to resume at the end.
private final class DedicatedRun {
    let driver: LoadDriver
    let next: (ContinuousClock.Instant) -> LoadRequest?
    let completed: (LoadCompletion) -> Void
    let continuation: CheckedContinuation<Result<Void, TransportError>, Never>

    init(
        driver: LoadDriver,
        next: @escaping (ContinuousClock.Instant) -> LoadRequest?,
        completed: @escaping (LoadCompletion) -> Void,
        continuation: CheckedContinuation<Result<Void, TransportError>, Never>
    ) {
        self.driver = driver
        self.next = next
        self.completed = completed
        self.continuation = continuation
    }

    func execute() {
        do throws(TransportError) {
            try driver.run(next: next, completed: completed)
            continuation.resume(returning: .success(()))
        } catch {
            continuation.resume(returning: .failure(error))
        }
    }
}
