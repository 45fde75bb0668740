/// Time limits for one transfer, mapped to `CURLOPT_CONNECTTIMEOUT_MS` and `CURLOPT_TIMEOUT_MS`.
///
/// A `nil` limit means libcurl's own default: 300 s to connect, no limit on the whole transfer.
/// A zero limit means the same, as it does to curl (`--max-time 0`, `--connect-timeout 0`): it is
/// stored as `nil`, so that the transfer and its curl reproduction agree.
/// A transfer that runs past either limit fails with ``TransportError/timeout``.
public struct Timeouts: Sendable, Hashable {
    /// The longest time to resolve the name and establish the connection (TCP and TLS); `nil`
    /// (or zero, which becomes `nil`) for libcurl's default.
    public var connect: Duration? {
        didSet { connect = Self.limit(connect) }
    }
    /// The longest time for the whole transfer, connection included; `nil` (or zero, which
    /// becomes `nil`) for no limit.
    public var total: Duration? {
        didSet { total = Self.limit(total) }
    }

    /// Creates time limits.
    /// - Parameters:
    ///   - connect: The connection limit; `nil` or zero keeps libcurl's default.
    ///   - total: The limit on the whole transfer; `nil` or zero means no limit.
    public init(connect: Duration? = .seconds(10), total: Duration? = .seconds(30)) {
        self.connect = Self.limit(connect)
        self.total = Self.limit(total)
    }

    /// 10 seconds to connect, 30 seconds in all.
    public static let standard = Timeouts()

    /// A limit as libcurl and curl read it: zero or less is no limit.
    static func limit(_ duration: Duration?) -> Duration? {
        guard let duration, duration > .zero else { return nil }
        return duration
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a sub-millisecond limit never becomes libcurl's 0 ("no limit").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let partial = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(seconds) * 1000 + Int(partial))
    }

    /// Seconds as curl's command line writes them: `10`, or `0.25` for a fraction.
    var curlSecondsArgument: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return String(seconds) }
        let millis = curlMilliseconds
        var text = String(millis / 1000) + "."
        let fraction = millis % 1000
        let padded = String(fraction)
        text += String(repeating: "0", count: 3 - padded.count) + padded
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
