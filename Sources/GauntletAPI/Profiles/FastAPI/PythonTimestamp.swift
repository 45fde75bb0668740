import struct Foundation.Date

/// Timestamps as Python's `datetime.utcnow().isoformat()` writes them: UTC, no zone suffix, with
/// microseconds (`2024-11-07T10:30:00.123456`), and without them when they are zero.
enum PythonTimestamp {
    /// Formats `date` as `isoformat()` does.
    static func string(from date: Date) -> String {
        let base = Timestamp.string(from: date)
        let seconds = date.timeIntervalSince1970
        let microseconds = Int((seconds - seconds.rounded(.down)) * 1_000_000)
        guard microseconds > 0 else { return base }
        let digits = String(microseconds)
        return base + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// The current time, formatted.
    static func now() -> String { string(from: Date()) }
}
