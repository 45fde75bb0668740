#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HummingbirdCore

/// The access-log line format, written as bytes without building a `String`.
///
/// The same text swift-log's `StreamLogHandler` writes for
/// `logger.info("\(method) \(path) \(status) \(milliseconds)ms")` from this module:
/// `2026-12-03T08:42:57+0000 info events-api: [GauntletAPI] GET /events/abc 200 0.052ms`.
/// The timestamp has one-second resolution, so it is formatted (`localtime_r`, `strftime`)
/// once a second instead of once a line.
enum AccessLogLine {
    /// Pending lines and what each line repeats: the prefix after the timestamp and the
    /// timestamp of the current second.
    struct Buffer {
        /// The lines, each ending in a newline.
        var bytes: [UInt8] = []
        /// ` info LABEL: [SOURCE] `.
        private let prefix: [UInt8]
        /// The second `timestamp` was formatted for.
        private var second: time_t = -1
        /// `2026-12-03T08:42:57+0000`.
        private var timestamp: [UInt8] = []

        init(label: String, source: String, capacity: Int) {
            self.prefix = Array(" info \(label): [\(source)] ".utf8)
            self.bytes.reserveCapacity(capacity)
        }

        /// Appends one line.
        mutating func append(method: String, target: String, status: Int, microseconds: Int64) {
            let now = time(nil)
            if now != self.second { self.formatTimestamp(now) }
            self.bytes.append(contentsOf: self.timestamp)
            self.bytes.append(contentsOf: self.prefix)
            self.bytes.append(contentsOf: method.utf8)
            self.bytes.append(UInt8(ascii: " "))
            Self.appendPath(of: target, to: &self.bytes)
            self.bytes.append(UInt8(ascii: " "))
            Self.appendDecimal(Int64(status), to: &self.bytes)
            self.bytes.append(UInt8(ascii: " "))
            Self.appendMilliseconds(microseconds, to: &self.bytes)
            self.bytes.append(contentsOf: "ms\n".utf8)
        }

        private mutating func formatTimestamp(_ now: time_t) {
            var clock = now
            var local = tm()
            var text = [CChar](repeating: 0, count: 64)
            guard localtime_r(&clock, &local) != nil else { return }
            let count = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S%z", &local)
            self.timestamp = text[0..<count].map { UInt8(bitPattern: $0) }
            self.second = now
        }

        /// The path of a request target as Hummingbird's `URI.path` reads it: everything
        /// before `?`; the query (where API keys may travel) is never logged.
        private static func appendPath(of target: String, to bytes: inout [UInt8]) {
            guard target.utf8.first == UInt8(ascii: "/") else {
                bytes.append(contentsOf: URI(target).path.utf8)
                return
            }
            for byte in target.utf8 {
                if byte == UInt8(ascii: "?") { break }
                bytes.append(byte)
            }
        }

        private static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                appendDecimal(0 - value, to: &bytes)
                return
            }
            if value >= 10 { appendDecimal(value / 10, to: &bytes) }
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
        }

        /// Microseconds as `Double(microseconds) / 1000` prints: `0.052`, `1.0`, `12.5`.
        private static func appendMilliseconds(_ microseconds: Int64, to bytes: inout [UInt8]) {
            let value = max(0, microseconds)
            appendDecimal(value / 1000, to: &bytes)
            bytes.append(UInt8(ascii: "."))
            var fraction = value % 1000
            guard fraction != 0 else {
                bytes.append(UInt8(ascii: "0"))
                return
            }
            var divisor: Int64 = 100
            while fraction != 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
                fraction %= divisor
                divisor /= 10
            }
        }
    }
}
