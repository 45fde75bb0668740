#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints progress lines to standard error while a load runs.
struct ProgressReporter: Sendable {
    let mode: ProgressMode
    let stats: LoadLiveStats
    let total: Duration?
    let iterations: Int?

    /// Whether standard error is a terminal.
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Prints until the task is cancelled; a live line is ended with a newline.
    func run() async {
        let live: Bool
        let interval: Duration
        switch mode {
        case .off: return
        case .live: (live, interval) = (true, .milliseconds(250))
        case let .plain(every): (live, interval) = (false, every)
        case .automatic:
            (live, interval) = Self.standardErrorIsTerminal ? (true, .milliseconds(250)) : (false, .seconds(5))
        }
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { break }
            let line = self.line()
            Self.write(live ? "\r\u{1B}[2K" + line : line + "\n")
        }
        if live { Self.write("\r\u{1B}[2K" + line() + "\n") }
    }

    /// The line for what every loop has reported: the time and the rate are those of the whole
    /// seconds all loops have handed in (a second still in progress, or cut short by the end,
    /// never makes the rate read low), the count every request so far.
    private func line() -> String {
        let snapshot = stats.snapshot()
        return ProgressLine.format(snapshot, elapsed: .seconds(snapshot.measuredSeconds), total: total, iterations: iterations)
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in _ = fputs_unlocked_compat(buffer) }
    }

    private static func fputs_unlocked_compat(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        return Glibc.write(2, base, buffer.count)
    }
}
