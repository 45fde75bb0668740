import Foundation

/// A busy neighbour: processes that spin on the CPU while a test measures, so that the
/// measurement sees the scheduling noise of a shared machine (stalled timers, late wake-ups).
///
/// Started with `posix_spawn` and reaped with `waitpid`: Foundation's `Process.waitUntilExit`
/// can wait forever on Linux when called from a Swift concurrency thread.
final class CPUHog {
    private var pids: [pid_t] = []

    /// Starts `count` spinning shell processes; they end with ``stop()`` (each also gives up
    /// after `limit`, so none outlives a crashed test for long).
    init(count: Int, limit: Duration = .seconds(600)) throws {
        let seconds = limit.components.seconds
        let script = "end=$(($(date +%s) + \(seconds))); while [ $(date +%s) -lt $end ]; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; done"
        for _ in 0..<count {
            var pid: pid_t = 0
            let words: [String] = ["/bin/sh", "-c", script]
            var arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
            arguments.append(nil)
            defer { arguments.forEach { free($0) } }
            let status = posix_spawn(&pid, "/bin/sh", nil, nil, arguments, environ)
            guard status == 0 else {
                self.stop()
                throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
            }
            self.pids.append(pid)
        }
    }

    /// Stops the processes and reaps them.
    func stop() {
        for pid in self.pids {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        self.pids = []
    }

    deinit { self.stop() }
}
