import GauntletJSON
import struct Foundation.Date

/// The `dates-as-pydantic-date` defect's reading of a date: what pydantic v2's `date` type accepts
/// in lax mode besides `YYYY-MM-DD`, turned into that form.
///
/// A FastAPI model that types the field `date: datetime.date` rather than a string with a pattern
/// takes a Unix timestamp at midnight UTC (a number, or a string of digits; seconds, or
/// milliseconds beyond 2·10¹⁰) and a datetime whose time is midnight (`2025-06-01T00:00:00`,
/// `…T00:00:00Z`) as that day. The seed asks for a string of exactly `YYYY-MM-DD`.
enum PydanticLaxDate {
    /// The day `value` names as `YYYY-MM-DD`, or nil when pydantic would not read it as one
    /// (left to the ordinary checks).
    static func day(of value: JSONValue) -> String? {
        switch value {
        case .integer(let number):
            return day(ofTimestamp: Double(number))
        case .double(let number) where number.isFinite:
            return day(ofTimestamp: number)
        case .string(let text) where CalendarDate.isDigits(text):
            return Double(text).flatMap(day(ofTimestamp:))
        case .string(let text):
            return day(ofMidnight: text)
        default:
            return nil
        }
    }

    /// A Unix timestamp at midnight UTC as its day.
    static func day(ofTimestamp number: Double) -> String? {
        let seconds = abs(number) > 2e10 ? number / 1000 : number
        // Days from 1970 to 9999 only: what Timestamp formats, and what a `YYYY` can hold.
        guard seconds >= 0, seconds < 253_402_300_800, seconds.truncatingRemainder(dividingBy: 86_400) == 0 else { return nil }
        return String(Timestamp.string(from: Date(timeIntervalSince1970: seconds)).prefix(10))
    }

    /// `YYYY-MM-DDT00:00[:00[.000…]][Z|±00:00]` as its day.
    static func day(ofMidnight text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count > 10, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
        let day = String(decoding: bytes[..<10], as: UTF8.self)
        guard CalendarDate.hasDateShape(day) else { return nil }
        var time = String(decoding: bytes[11...], as: UTF8.self)
        for zone in ["Z", "+00:00", "-00:00", "+0000"] where time.hasSuffix(zone) {
            time.removeLast(zone.count)
            break
        }
        let midnight = ["00:00", "00:00:00"]
        if midnight.contains(time) { return day }
        if time.hasPrefix("00:00:00."), time.dropFirst(9).allSatisfy({ $0 == "0" }) { return day }
        return nil
    }
}
