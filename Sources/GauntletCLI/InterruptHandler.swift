import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Routes SIGINT and SIGTERM to the run or load in progress.
///
/// A signal handler writes one byte to a pipe, and one thread reads the pipe and acts, so that
/// whichever thread the kernel picks, no signal is lost and nothing but an async-signal-safe
/// `write` runs in the handler. (A signal set to `SIG_IGN` and watched by a dispatch source, as
/// before, is discarded when it lands on a thread that does not block it: one Ctrl-C in five was
/// lost during a load.) ``route()`` runs first in `main`.
public enum InterruptSignals {
    /// The handler of the session in progress, how many signals it has seen, and when the
    /// first came (`CLOCK_MONOTONIC` nanoseconds).
    static let state = Mutex<(handler: (@Sendable () -> Void)?, count: Int, firstAt: UInt64)>((nil, 0, 0))
    /// How long after the first signal another one is taken for the same: `timeout(1)` forwards
    /// a signal to its child and to the child's process group, so the child gets it twice at once,
    /// and a CI runner may send SIGINT and SIGTERM together; neither is a second Ctrl-C.
    static let sameSignalWindowNanos: UInt64 = 500_000_000
    /// Whether ``route()`` ran; without it (tests in-process) signals keep their defaults.
    static let routed = Atomic<Bool>(false)

    /// Installs the handler for SIGINT and SIGTERM (also when the shell left SIGINT ignored, as
    /// for a background job: a CI runner's `kill -INT` must stop the run) and starts the thread
    /// that acts on them: the first while a session runs cancels it (its teardown runs and its
    /// reports are written), any other from half a second later on exits at once with status 130.
    /// SIGPIPE is ignored.
    public static func route() {
        guard !routed.exchange(true, ordering: .relaxed) else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let reader = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 { deliver() } else if count < 0 && errno != EINTR { return }
            }
        }
        reader.name = "gauntlet-signals"
        reader.start()
        signal(SIGINT, writeToSignalPipe)
        signal(SIGTERM, writeToSignalPipe)
        // A reader that closed the pipe (`| head -1`) ends the printing, not the run: its
        // teardown and reports still happen (``Console`` drops writes that fail).
        signal(SIGPIPE, SIG_IGN)
    }

    /// What one signal does.
    enum Action {
        /// The session's first: cancel it (its teardown runs, its reports are written).
        case cancel(@Sendable () -> Void)
        /// The same signal again within ``sameSignalWindowNanos``: nothing.
        case ignore
        /// No session in progress: exit at once, as by default.
        case exit
        /// A second Ctrl-C during a session's cleanup: say what may be unfinished, then exit.
        case quit
    }

    /// Printed before a second Ctrl-C exits: the first one's cleanup is cut short, so the user
    /// is told what that may leave, rather than seeing the prompt come back silently.
    static let quittingNowText =
        "quitting now: reports may still say the run did not finish, and teardown may not have run (what was created may be left behind)"

    /// One signal: the session's first cancels it, anything else exits.
    static func deliver(at now: UInt64 = monotonicNanos()) {
        let handler: @Sendable () -> Void
        switch action(at: now) {
        case .cancel(let cancel): handler = cancel
        case .ignore: return
        case .exit: exit(130)
        case .quit:
            Console.printError("\n\(quittingNowText)\n")
            exit(130)
        }
        Console.printError("\ninterrupted: cleaning up and writing reports (Ctrl-C again to quit now)\n")
        handler()
    }

    /// What a signal at `now` does, counted against the session's earlier ones.
    static func action(at now: UInt64) -> Action {
        state.withLock { state -> Action in
            guard let handler = state.handler else { return .exit }
            state.count += 1
            if state.count == 1 {
                state.firstAt = now
                return .cancel(handler)
            }
            return now &- state.firstAt < sameSignalWindowNanos ? .ignore : .quit
        }
    }
}

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into cancellation of the running session, so that
/// teardown steps run and reports are written; a second one exits at once.
final class InterruptHandler: Sendable {
    /// Starts watching; `onInterrupt` runs once, on the first signal.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        InterruptSignals.state.withLock { $0 = (onInterrupt, 0, 0) }
    }

    /// Stops watching: a signal from now on exits at once, as by default.
    func cancel() {
        InterruptSignals.state.withLock { $0 = (nil, 0, 0) }
    }
}

/// The monotonic clock, nanoseconds.
func monotonicNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// The pipe's write end, set once by ``InterruptSignals/route()`` before the handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// The signal handler: one byte down the pipe, which is all a handler may safely do.
private func writeToSignalPipe(_ signal: Int32) {
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
