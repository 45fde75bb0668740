import Testing

@testable import GauntletReports

/// The charts of `latency.html` at their edges.
@Suite struct SVGLineChartTests {
    @Test("A load shorter than a second (every point at second 0) gets an axis from 0 to 1, not six ticks labelled 0")
    func onePointInXHasAnAxisOfOneSecond() {
        let chart = SVGLineChart(
            title: "Requests per second", xLabel: "seconds", yLabel: "requests",
            series: [.init(name: "completed/s", color: "#1f77b4", points: [(0, 1)])])
        let svg = chart.render()
        let xTicks = svg.matches(of: /y="272" font-size="11" text-anchor="(?:middle|end)" fill="#555">([^<]*)<\/text>/).map { String($0.1) }
        #expect(xTicks.first == "0" && xTicks.last == "1", "\(xTicks)")
        #expect(Set(xTicks).count == xTicks.count, "\(xTicks)")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}
