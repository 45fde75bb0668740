internal import CCurl
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One dedicated thread driving a `CURLM*` with `curl_multi_poll`: the only place curl handles live.
///
/// Other threads never touch a handle. They hand in `Sendable` ``RequestSpec`` values through a
/// `Mutex`-guarded command queue and nudge the loop with `curl_multi_wakeup` (the one multi call
/// libcurl allows from another thread); results go back through continuations, resumed on the loop.
/// The thread starts with the first submission and ends at ``shutdown()``.
final class TransferLoop: Sendable {
    /// A request waiting to run and the continuation that gets its outcome.
    struct Submission: Sendable {
        let id: UInt64
        let request: RequestSpec
        let continuation: CheckedContinuation<Result<HTTPExchange, TransportError>, Never>
    }

    /// What other threads ask of the loop.
    enum Command: Sendable {
        case submit(Submission)
        case cancel(UInt64)
    }

    /// The loop's life cycle.
    private enum Phase {
        case idle
        case running(pthread_t)
        case stopping
        case stopped
    }

    /// State shared between the loop thread and its callers.
    private struct Shared {
        var phase: Phase = .idle
        var commands: [Command] = []
        var stopRequested = false
        /// The running loop's `CURLM*`, only for `curl_multi_wakeup`; `nil` before it exists and
        /// from the moment the loop starts tearing down, so no wakeup reaches a freed handle.
        /// Kept as an address (`Sendable`); it is turned back into a pointer only under the lock.
        var wakeupTarget: UInt?
        var nextID: UInt64 = 1
    }

    private let shared = Mutex(Shared())
    /// Most idle easy handles kept for reuse.
    private let poolLimit: Int

    /// Creates a loop; its thread starts with the first submission.
    /// - Parameter poolLimit: How many finished easy handles to keep for reuse.
    init(poolLimit: Int = 64) {
        self.poolLimit = poolLimit
    }

    /// A fresh request id.
    func makeID() -> UInt64 {
        shared.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Queues a command and wakes the loop, starting its thread if needed.
    /// - Returns: `false` when the loop has been shut down and will not run it.
    func enqueue(_ command: Command) -> Bool {
        shared.withLock { state in
            switch state.phase {
            case .stopping, .stopped:
                return false
            case .idle:
                state.commands.append(command)
                state.phase = .running(startThread())
                return true
            case .running:
                state.commands.append(command)
                Self.wake(state.wakeupTarget)
                return true
            }
        }
    }

    /// Stops the loop: in-flight and queued transfers end with ``TransportError/aborted``, the thread
    /// is joined. Idempotent; a loop that never started just becomes stopped.
    func shutdown() {
        let thread: pthread_t? = shared.withLock { state in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return nil
            case .running(let thread):
                state.phase = .stopping
                state.stopRequested = true
                Self.wake(state.wakeupTarget)
                return thread
            case .stopping, .stopped:
                return nil
            }
        }
        if let thread {
            pthread_join(thread, nil)
            shared.withLock { $0.phase = .stopped }
        }
    }

    /// Interrupts the loop's `curl_multi_poll`. Called with the lock held, so the handle is alive.
    private static func wake(_ address: UInt?) {
        if let address, let multi = UnsafeMutableRawPointer(bitPattern: address) {
            curl_multi_wakeup(multi)
        }
    }

    // MARK: - Loop thread

    /// Starts the loop thread. Called with the lock held, so the thread's first lock waits for it.
    private func startThread() -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            let loop = Unmanaged<TransferLoop>.fromOpaque(context!).takeRetainedValue()
            loop.runOnLoopThread()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        return thread
    }

    /// The loop thread's body: creates the multi handle, runs until asked to stop, tears down.
    private func runOnLoopThread() {
        do throws(CurlError) {
            try MultiHandle.withMultiHandle { multi throws(CurlError) in
                let worker = TransferWorker(multi: multi, poolLimit: poolLimit)
                let address = UInt(bitPattern: multi.raw)
                shared.withLock { $0.wakeupTarget = address }
                while true {
                    let (commands, stop) = shared.withLock { state in
                        let commands = state.commands
                        state.commands = []
                        if state.stopRequested { state.wakeupTarget = nil }
                        return (commands, state.stopRequested)
                    }
                    if stop {
                        worker.abortAll(pending: commands, reason: "the client was shut down")
                        return
                    }
                    worker.handle(commands)
                    do throws(CurlError) {
                        try multi.perform()
                        worker.deliverCompletions()
                        try multi.poll(timeoutMilliseconds: 1000)
                    } catch {
                        worker.abortAll(pending: [], reason: "the transfer loop failed: \(error)")
                        throw error
                    }
                }
            }
        } catch {
            // The multi handle failed (out of memory, bad state): fail whatever is left, never crash.
            let commands = shared.withLock { state in
                state.wakeupTarget = nil
                if case .running = state.phase {
                    pthread_detach(pthread_self())  // nobody will join a loop that is no longer running
                }
                state.phase = .stopping
                let commands = state.commands
                state.commands = []
                return commands
            }
            TransferWorker.fail(commands, with: TransportError(.other, description: "the transfer loop failed: \(error)", curlCode: error.code))
        }
    }
}
