import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into cancellation of the running task, so that
/// teardown steps run and reports are written; a second one exits at once.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching; `onInterrupt` runs once, on the first signal.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "gauntlet.interrupt")
        let state = InterruptCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if state.increment() == 1 {
                    FileHandle.standardError.write(Data("\ninterrupted: cleaning up and writing reports (Ctrl-C again to quit now)\n".utf8))
                    onInterrupt()
                } else {
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }

    /// Stops watching and restores the default signal handling.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// How many signals arrived; touched only on the handler's serial queue.
private final class InterruptCount: @unchecked Sendable {
    // Safe: only ever accessed from the InterruptHandler's serial dispatch queue.
    private var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}
