import Foundation
import GauntletLoad
import Testing

@testable import GauntletReports

/// A request name none of whose requests was measured (every one refused before it was sent, or
/// a load whose setup failed) has no latency: the reports say so with `–`, never with the 0 ms
/// an empty histogram answers for every percentile, which reads as the fastest answers of all.
@Suite struct UnmeasuredLatencyTests {
    /// One name measured at 2 ms, one whose 5 requests were all refused.
    static func result() -> LoadResult {
        var measured = RequestStats(name: "get-event")
        for _ in 0..<5 { measured.latency.record(micros: 2_000) }
        measured.count = 5
        measured.statusCounts = [200: 5]
        var refused = RequestStats(name: "list-events")
        refused.count = 5
        refused.errors = 5
        refused.errorCounts = ["refused": 5]
        var total = measured
        total.name = "total"
        total.add(refused)
        return LoadResult(
            planName: "unmeasured", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(1), total: total,
            byName: [measured, refused], sent: 10)
    }

    @Test func tablesShowNoFiguresForANameWithoutLatency() {
        let result = Self.result()
        let markdown = LatencyReportMarkdown.render(result)
        #expect(markdown.contains("| list-events | 5 | 5 | – | – | – | – | – |"), "\(markdown)")
        #expect(markdown.contains("| get-event | 5 | 0 | 2 | 2 | 2 | 2 | 2 |"), "\(markdown)")
        let html = LatencyReportHTML.render(result)
        #expect(html.contains("<tr><td>list-events</td><td>5</td><td><span class=\"fail\">5</span></td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td>"))
        let console = LatencyReportConsole.render(result)
        #expect(console.split(separator: "\n").contains { $0.contains("list-events") && $0.hasSuffix("–") && !$0.contains("0.000") })
    }

    @Test("index.html does not give a load that measured nothing a latency of 0 ms")
    func indexSaysNothingWasMeasured() throws {
        let root = NSTemporaryDirectory() + "gauntlet-unmeasured-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var result = Self.result()
        result.byName = [result.byName[1]]
        result.total = result.byName[0]
        result.total.name = "total"
        try FileManager.default.createDirectory(atPath: root + "/refused", withIntermediateDirectories: true)
        _ = try LatencyReportWriter.write(result, to: root + "/refused")
        _ = try LatencyReportWriter.write(Self.result(), to: root + "/measured")
        let index = try ReportIndex.find(in: root)
        #expect(index.parts.map { $0.facts.first { $0.name == "Latency" }?.value } == ["p50 2.000 ms, p99 2.000 ms", "none measured"])
    }
}
