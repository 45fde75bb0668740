import GauntletLoad
import GauntletReports
import Testing

/// The protocol line of a load's reports.
struct ConnectionSummaryTests {
    @Test("The protocol line counts the requests libcurl sent again: a deployment that drops connections shows though every GET was answered")
    func resentRequestsAreCounted() throws {
        var stats = RequestStats(name: "total")
        stats.httpVersionCounts = ["HTTP/1.1": 150]
        stats.connectionsOpened = 36
        #expect(ConnectionSummary.text(stats) == "HTTP/1.1 (150 responses), 36 connections opened")
        stats.resent = 30
        let line = try #require(ConnectionSummary.text(stats))
        #expect(line.hasPrefix("HTTP/1.1 (150 responses), 36 connections opened; 30 requests sent again on a new connection"), "\(line)")
        var merged = RequestStats(name: "total")
        merged.add(stats)
        merged.add(stats)
        #expect(merged.resent == 60, "shards and request names add up")
    }
}
