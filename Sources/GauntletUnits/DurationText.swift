import Foundation

/// Durations as people write them in scenario files, load files, thresholds and flags:
/// `250ms`, `1.5s`, `2m`, `500us`, `1h`, and compounds such as `1m30s`.
///
/// One parser for the whole package, so a duration means the same in every file and flag.
public enum DurationText {
    /// The longest duration any file or flag may name: a year. Longer ones are refused, not
    /// trapped on (`9999999999h` overflows a 64-bit count of nanoseconds) or waited for.
    public static let longest = Duration.seconds(366 * 24 * 3600)

    /// The duration `text` names, or nil when it is not of that form (negative values and bare
    /// numbers without a unit are not durations) or longer than ``longest``.
    public static func parse(_ text: String) -> Duration? {
        guard let seconds = seconds(in: text), seconds <= Double(longest.components.seconds) else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// How many seconds `text` names, however many; nil when it is not a duration.
    static func seconds(in text: String) -> Double? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let numberText = rest.prefix { $0.isNumber || $0 == "." }
            guard !numberText.isEmpty, let value = Double(numberText), value.isFinite else { return nil }
            rest = rest.dropFirst(numberText.count)
            let unit = rest.prefix { $0.isLetter || $0 == "µ" }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return nil
            }
            total += value * scale
        }
        return total.isFinite ? total : nil
    }

    /// A short human form: `850µs`, `12.3ms`, `2.50s`, and `0s` for nothing.
    public static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds == 0 { return "0s" }
        if seconds < 1e-3 { return "\(Int((seconds * 1e6).rounded()))µs" }
        if seconds < 1 { return String(format: "%.1fms", seconds * 1e3) }
        return String(format: "%.2fs", seconds)
    }
}
