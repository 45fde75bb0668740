public import GauntletLoad

/// The protocol and connections line of a load's reports: which HTTP version the responses
/// actually came in, how many connections the load opened and how many requests libcurl sent
/// again after their connection closed unanswered, so that `--http2` falling back to HTTP/1.1, a
/// load that reconnects for every request, or a deployment that drops connections (its GETs
/// answered on a second try, so no error shows it) is plain to see.
public enum ConnectionSummary {
    /// `HTTP/2 (5000 responses), 1 connection opened`; versions by count, most first. Nil for
    /// statistics that counted neither (a load with no response, or results made in tests).
    public static func text(_ stats: RequestStats) -> String? {
        guard !stats.httpVersionCounts.isEmpty || stats.connectionsOpened > 0 else { return nil }
        let versions = stats.httpVersionCounts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
        var parts = versions.map { "\($0.key) (\($0.value) \($0.value == 1 ? "response" : "responses"))" }
        if parts.isEmpty { parts = ["no response"] }
        let connections = stats.connectionsOpened
        let line = parts.joined(separator: ", ") + ", \(connections) \(connections == 1 ? "connection" : "connections") opened"
        guard stats.resent > 0 else { return line }
        return line + "; \(stats.resent) \(stats.resent == 1 ? "request" : "requests") sent again on a new connection after the reused one "
            + "closed before any answer (by libcurl, unseen; each counted once, as its last try went)"
    }
}
