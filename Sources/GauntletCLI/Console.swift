#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Unbuffered console output, so lines keep their order with the reporters' direct writes.
///
/// A closed pipe (`gauntlet run … | head -1`) ends the printing, not the run: the process
/// ignores SIGPIPE (``ignoreBrokenPipes()``) and a write that fails is dropped, so that the run
/// still tears down what it created and writes its reports. (`FileHandle.write` would stop the
/// process on the failed write.)
enum Console {
    static func out(_ text: String) { write(text + "\n", to: 1) }
    static func error(_ text: String) { write(text + "\n", to: 2) }

    /// Writes `text` as it is (no newline added) to standard output.
    static func print(_ text: String) { write(text, to: 1) }
    /// Writes `text` as it is (no newline added) to standard error.
    static func printError(_ text: String) { write(text, to: 2) }

    /// Writes every byte of `text` to `descriptor`, giving up silently when the reader is gone.
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
