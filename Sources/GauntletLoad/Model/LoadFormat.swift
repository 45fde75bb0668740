import GauntletUnits
/// Number and duration formatting shared by progress lines and reports, without Foundation formatters.
public enum LoadFormat {
    /// A percentile's name as a threshold writes it, `p99`, `p99.9`, `p99.99999`: never rounded
    /// to a neighbour (`p100` is the maximum, which HdrHistogram's value at p99.99999 is not).
    public static func percentileName(_ percentile: Double) -> String {
        "p" + number(percentile, decimals: 9)
    }

    /// Formats a number with at most `decimals` decimals and no trailing zeros.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "nan" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Formats microseconds as milliseconds with up to three decimals (`12.345`).
    public static func milliseconds(micros: UInt64) -> String {
        number(Double(micros) / 1_000, decimals: 3)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var secondsDouble: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The duration in whole nanoseconds (clamped at zero).
    ///
    /// One 128-bit division of the attoseconds, not `components` (two): the load engine converts
    /// every request's end instant with it.
    public var nanosecondsUInt64: UInt64 {
        let nanoseconds = attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return 0 }
        return nanoseconds > Int128(UInt64.max) ? .max : UInt64(nanoseconds)
    }

    /// The shortest readable form: `250ms`, `30s`, `2m`, `1m30s`.
    public var formattedForLoad: String {
        let nanos = nanosecondsUInt64
        if nanos == 0 { return "0s" }
        if nanos % 1_000_000_000 == 0 {
            let seconds = nanos / 1_000_000_000
            if seconds >= 60 {
                let minutes = seconds / 60, rest = seconds % 60
                return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
            }
            return "\(seconds)s"
        }
        if nanos % 1_000_000 == 0 { return "\(nanos / 1_000_000)ms" }
        if nanos % 1_000 == 0 { return "\(nanos / 1_000)us" }
        return "\(nanos)ns"
    }

    /// Parses `250ms`, `30s`, `2m`, `1h`, `500us`, `1.5s` or `1m30s`; nil when malformed.
    public static func parseLoad(_ text: String) -> Duration? {
        DurationText.parse(text)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, signed (for result files).
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
