import Foundation

/// Why a text is not a duration, in words a user can act on.
public enum DurationTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A number with no unit, such as `5`: a bare number could mean seconds or milliseconds.
    case missingUnit(String)
    /// Anything else: an unknown unit, a sign, no number.
    case notADuration(String)
    /// A duration longer than ``DurationText/longest`` (a year).
    case tooLong(String)
    /// A duration with a minus sign, such as `-1s`: no wait, timeout or run lasts less than nothing.
    case negative(String)

    /// The hint for the text, naming the units: `a duration needs a unit: 5s, 250ms, 2m`.
    public var description: String {
        switch self {
        case .missingUnit:
            "a duration needs a unit: 5s, 250ms, 2m"
        case let .notADuration(text):
            "'\(text)' is not a duration: write a number and a unit (ns, us, ms, s, m, h), e.g. 5s, 250ms, 2m"
        case let .tooLong(text):
            "'\(text)' is longer than any duration may be: a year (8784h) at most"
        case let .negative(text):
            "'\(text)' is negative: a duration is 0s or more"
        }
    }
}

extension DurationText {
    /// The duration `text` names.
    /// - Throws: ``DurationTextError`` saying what is missing, a unit above all (`5` for `5s`).
    public static func parseExplained(_ text: String) throws(DurationTextError) -> Duration {
        if let duration = parse(text) { return duration }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if seconds(in: trimmed) != nil { throw .tooLong(trimmed) }
        if trimmed.hasPrefix("-"), trimmed.count > 1, (try? parseExplained(String(trimmed.dropFirst()))) != nil || seconds(in: String(trimmed.dropFirst())) != nil {
            throw .negative(trimmed)
        }
        if let number = Double(trimmed), number.isFinite, number >= 0 { throw .missingUnit(trimmed) }
        throw .notADuration(trimmed)
    }
}
