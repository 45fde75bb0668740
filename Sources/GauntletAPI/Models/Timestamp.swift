public import struct Foundation.Date

/// Formats instants as the API's ISO-8601 timestamps: UTC, to the second, no zone suffix
/// (`2024-11-07T10:30:00`, as the seed shows).
public enum Timestamp {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SS` in UTC.
    public static func string(from date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CalendarDate.civil(fromDaysSinceEpoch: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
    }

    /// The current time, formatted.
    public static func now() -> String { string(from: Date()) }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
