/// Checks `YYYY-MM-DD` dates against the Gregorian calendar.
enum CalendarDate {
    /// Whether `text` is exactly four digits, a hyphen, two digits, a hyphen and two digits.
    static func hasDateShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        for (offset, byte) in bytes.enumerated() where offset != 4 && offset != 7 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
        }
        return true
    }

    /// Whether `text` is a date without zero padding or without hyphens: four digits, a hyphen,
    /// one or two digits, a hyphen and one or two digits (`2025-6-1`), or eight digits
    /// (`20250601`). Only the `unpadded-dates-accepted` defect accepts these.
    static func hasLooseDateShape(_ text: String) -> Bool {
        looseComponents(text) != nil
    }

    /// Whether a `YYYY-MM-DD` string (or, with `loose`, a ``hasLooseDateShape(_:)`` one) names a
    /// day that exists (no 2024-02-30, no month 13).
    static func isRealDate(_ text: String, loose: Bool = false) -> Bool {
        let components: (year: Int, month: Int, day: Int)?
        if hasDateShape(text) {
            let parts = text.split(separator: "-")
            components = Int(parts[0]).flatMap { year in
                Int(parts[1]).flatMap { month in Int(parts[2]).map { (year, month, $0) } }
            }
        } else {
            components = loose ? looseComponents(text) : nil
        }
        guard let (year, month, day) = components else { return false }
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// Whether `text` is one or more ASCII digits and nothing else.
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The year, month and day of `2025-6-1`-like or `20250601`-like text.
    private static func looseComponents(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy(isDigits(_:))
        {
            return (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!)
        }
        let whole = text[...]
        if whole.count == 8, isDigits(whole) {
            return (Int(whole.prefix(4))!, Int(whole.dropFirst(4).prefix(2))!, Int(whole.suffix(2))!)
        }
        return nil
    }

    /// The number of days in a month of a year.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Converts days since 1970-01-01 to a (year, month, day), after Howard Hinnant's
    /// `civil_from_days`.
    static func civil(fromDaysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
