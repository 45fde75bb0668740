public import Foundation

/// The `REPORT` line the Lambda platform logs after each invocation, in Lambda's text log
/// format, for a runtime that is not on real Lambda (a Runtime API emulator, the tests) to write
/// itself, so that `gauntlet load --cold-start-log` can be tested end to end:
///
/// `2026-12-03T03:04:05.678Z REPORT RequestId: ID⇥Duration: 1.23 ms⇥Billed Duration: 2 ms⇥Memory
/// Size: 128 MB⇥Max Memory Used: 40 MB⇥Init Duration: 12.34 ms`
///
/// The line starts with its time, as `aws logs tail` prints a record, since an emulator's
/// stdout has no CloudWatch timestamp; `Init Duration` is on the process's first invocation only.
/// Real Lambda writes its own: `EVENTS_API_REPORT_LINES=1` there would log each record twice.
public struct LambdaReportLine: Sendable, Hashable {
    /// The invocation's request id.
    public var requestID: String
    /// From receiving the invocation to posting its response.
    public var duration: Duration
    /// The init phase, for the process's first invocation.
    public var initDuration: Duration?
    /// The function's memory (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, 128 when unset).
    public var memorySizeMB: Int
    /// The process's peak resident memory.
    public var maxMemoryUsedMB: Int
    /// When the invocation ended.
    public var end: Date

    /// The line, without a newline.
    public var text: String {
        let milliseconds = Self.milliseconds(duration)
        var line = "\(Self.timestamp(end)) REPORT RequestId: \(requestID)\tDuration: \(Self.format(milliseconds)) ms"
            + "\tBilled Duration: \(Int(milliseconds.rounded(.up))) ms\tMemory Size: \(memorySizeMB) MB"
            + "\tMax Memory Used: \(maxMemoryUsedMB) MB"
        if let initDuration { line += "\tInit Duration: \(Self.format(Self.milliseconds(initDuration))) ms" }
        return line
    }

    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, or 128.
    static var memorySizeMB: Int {
        ProcessInfo.processInfo.environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].flatMap(Int.init) ?? 128
    }

    /// The process's peak resident set (`VmHWM` in `/proc/self/status`), 0 when unknown.
    static var peakMemoryMB: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return (kilobytes + 1023) / 1024
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ milliseconds: Double) -> String { String(format: "%.2f", milliseconds) }

    /// ISO 8601 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis / 1000
        let days = Int(seconds / 86_400), secondOfDay = Int(seconds % 86_400)
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60,
            secondOfDay % 60, Int(millis % 1000))
    }
}
