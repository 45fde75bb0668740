/// The `format` values the validator asserts; any other format is an annotation and always passes.
enum SchemaFormat {
    /// Whether `string` is valid for `format`, or `nil` when the format is not one we check.
    static func check(_ format: String, _ string: String) -> Bool? {
        switch format {
        case "date": isDate(Array(string.utf8)[...])
        case "date-time": isDateTime(string)
        case "email": isEmail(string)
        case "uuid": isUUID(string)
        default: nil
        }
    }

    /// How the format is described in violation messages.
    static func describe(_ format: String) -> String {
        switch format {
        case "date": "a date (YYYY-MM-DD)"
        case "date-time": "a date-time (YYYY-MM-DDTHH:MM:SS with an optional fraction and offset)"
        case "email": "an email address"
        case "uuid": "a UUID"
        default: "format \(format)"
        }
    }

    // MARK: - Dates and times

    /// `YYYY-MM-DD` naming a real calendar day (leap years included).
    static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(bytes)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// RFC 3339 `date-time`, except that the offset may be left out.
    ///
    /// RFC 3339 requires `Z` or `±HH:MM`. The Event API's `createdAt` is written `2024-11-07T10:30:00`, a local
    /// ISO 8601 time without offset, and the contract takes that example from the seed; a strict check would
    /// fail every conforming deployment, so an absent offset is accepted while a malformed one is not.
    static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count >= 19, isDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
            hour <= 23, minute <= 59, second <= 59 || (second == 60 && minute == 59)
        else { return false }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { isDigit($0) }
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        guard let first = rest.first else { return true }
        if first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") { return rest.count == 1 }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-"), rest.count == 6 else { return false }
        let offset = Array(rest)
        guard offset[3] == UInt8(ascii: ":"), let offsetHour = number(offset[1..<3]), let offsetMinute = number(offset[4..<6]) else {
            return false
        }
        return offsetHour <= 23 && offsetMinute <= 59
    }

    // MARK: - Identifiers

    /// A dot-atom local part, `@`, and a domain of letter-digit-hyphen labels (quoted local parts and
    /// address literals are not accepted).
    static func isEmail(_ string: String) -> Bool {
        let parts = string.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty, domain.utf8.count <= 253
        else { return false }
        let localSpecials = Set("!#$%&'*+/=?^_`{|}~-.".utf8)
        let localBytes = Array(local.utf8)
        guard localBytes.allSatisfy({ isAlphanumeric($0) || localSpecials.contains($0) }),
            localBytes.first != UInt8(ascii: "."), localBytes.last != UInt8(ascii: "."), !local.contains("..")
        else { return false }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            return !bytes.isEmpty && bytes.count <= 63
                && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
                && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
        }
    }

    /// `8-4-4-4-12` hexadecimal digits, either case.
    static func isUUID(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 36 else { return false }
        for (position, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(position) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) else { return false }
            }
        }
        return true
    }

    // MARK: - Helpers

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// The decimal value of an all-digit slice, else `nil`.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
