public import GauntletLoad

/// The line of a load's reports that says which requests the latency figures cover, when some
/// have none: a request never sent (no connection, name not resolved, TLS handshake failed) is
/// an error and a request of the count, but in no percentile (``RequestStats/unsent``), so a
/// report that counts N requests says how many of them its percentiles hold.
public enum UnsentSummary {
    /// `1804 of 14245 requests (12441 never sent: no connection, or the TLS handshake failed;
    /// errors without a latency)`; nil when every request was sent.
    public static func text(_ stats: RequestStats) -> String? {
        guard stats.unsent > 0 else { return nil }
        return "\(stats.count - stats.unsent) of \(stats.count) requests (\(stats.unsent) never sent: "
            + "no connection, or the TLS handshake failed; errors without a latency)"
    }
}
