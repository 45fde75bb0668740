import ArgumentParser
import Foundation
import GauntletLoad
import GauntletUnits

/// `--start-at`: when a sharded load starts, the same instant for every shard. Either an
/// ISO 8601 UTC instant (`2026-12-03T05:00:00Z`, fractions allowed) or `+DURATION`, now plus a
/// delay (`+30s`), for a shard started by hand.
struct StartTimeArgument: Sendable {
    /// The instant, nanoseconds since 1970.
    var nanos: Int64

    /// The furthest ahead a start may be: a typo in a date must not leave a job waiting for days.
    static let furthestAhead: Duration = .seconds(24 * 3600)
    /// How late a shard may begin and still join: a start further in the past would send the
    /// open model's missed arrivals at once.
    static let latestJoin: Duration = .seconds(1)

    /// Parses a flag's value against the wall clock `now` (nanoseconds since 1970).
    /// - Throws: `ValidationError` saying what is wrong.
    static func parse(_ text: String, now: Int64 = LoadEngine.wallClockNanos()) throws -> StartTimeArgument {
        let nanos: Int64
        if text.hasPrefix("+") {
            guard let delay = DurationText.parse(String(text.dropFirst())) else {
                throw ValidationError("--start-at '\(text)': write +DURATION (e.g. +30s) or an ISO 8601 UTC time (2026-12-03T05:00:00Z)")
            }
            nanos = now + Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        } else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let plain = ISO8601DateFormatter()
            guard let date = formatter.date(from: text) ?? plain.date(from: text) else {
                throw ValidationError("--start-at '\(text)': not an ISO 8601 time with a zone such as 2026-12-03T05:00:00Z, nor +DURATION")
            }
            nanos = Int64((date.timeIntervalSince1970 * 1e9).rounded())
        }
        let ahead = Duration.nanoseconds(nanos - now)
        if ahead < .zero - latestJoin {
            throw ValidationError("--start-at '\(text)' was \(DurationText.format(.zero - ahead)) ago: every shard must begin before the common start")
        }
        if ahead > furthestAhead {
            throw ValidationError("--start-at '\(text)' is more than 24 hours away")
        }
        return StartTimeArgument(nanos: nanos)
    }
}
