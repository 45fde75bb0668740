/// Formats one progress line from a snapshot (pure, so tests check the text).
public enum ProgressLine {
    /// `12s/30s  rate 998/s  in flight 3  p50 1.204ms  p99 4.8ms  errors 0 (0%)`.
    /// - Parameters:
    ///   - snapshot: The run so far.
    ///   - elapsed: Time since the load started.
    ///   - total: The planned duration, if any.
    ///   - iterations: The planned iterations, if any, shown against the completed count.
    public static func format(
        _ snapshot: LoadProgressSnapshot, elapsed: Duration, total: Duration?, iterations: Int? = nil
    ) -> String {
        var time = Self.seconds(elapsed)
        if let total { time += "/" + Self.seconds(total) }
        var parts = [time]
        if let iterations { parts.append("\(snapshot.completed)/\(iterations) req") } else {
            parts.append("\(snapshot.completed) req")
        }
        parts.append("rate \(LoadFormat.number(snapshot.lastSecondRate, decimals: 0))/s")
        parts.append("in flight \(snapshot.inFlight)")
        parts.append("p50 \(LoadFormat.milliseconds(micros: snapshot.p50Micros))ms")
        parts.append("p99 \(LoadFormat.milliseconds(micros: snapshot.p99Micros))ms")
        let share = snapshot.completed == 0 ? 0 : Double(snapshot.errors) / Double(snapshot.completed) * 100
        parts.append("errors \(snapshot.errors) (\(LoadFormat.number(share, decimals: 2))%)")
        return parts.joined(separator: "  ")
    }

    private static func seconds(_ duration: Duration) -> String {
        let seconds = Int(duration.secondsDouble.rounded(.down))
        return seconds >= 60 ? "\(seconds / 60)m\(String(format2(seconds % 60)))s" : "\(seconds)s"
    }

    private static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
