@testable import GauntletLoad
import GauntletReports
import Testing

/// A load's time series stays within ``TimeSeriesLimit/maxPoints`` points however long it runs:
/// past them, each point covers a span of seconds, with every count and latency kept.
@Suite struct TimeSeriesLimitTests {
    static func second(_ number: Int, completed: Int = 10, latencyMicros: UInt64? = nil) -> TimeSeriesPoint {
        var point = TimeSeriesPoint(second: number, completed: completed, errors: 1, started: completed, p50Micros: 0, p99Micros: 0, maxMicros: 0)
        if let latencyMicros {
            var recorder = LatencyRecorder()
            for _ in 0..<completed { recorder.record(micros: latencyMicros) }
            point.summarize(recorder)
        }
        return point
    }

    @Test("A day of seconds in the live stats keeps at most maxPoints points, every request counted")
    func aDayOfSecondsIsBounded() {
        let stats = LoadLiveStats(loops: 1) { _ in 100 }
        let seconds = 86_400
        for number in 0..<seconds {
            var slice = IntervalSlice(loop: 0, second: number)
            slice.completed = 10
            slice.errors = 1
            stats.submit(slice)
        }
        let series = stats.finish()
        #expect(series.count <= TimeSeriesLimit.maxPoints)
        #expect(series.count > TimeSeriesLimit.maxPoints / 2)
        #expect(series.map(\.completed).reduce(0, +) == 10 * seconds)
        #expect(series.map(\.errors).reduce(0, +) == seconds)
        // Spans of 64 s from multiples of 64, in order, the last one cut by the end.
        #expect(series.allSatisfy { $0.spanSeconds == 64 && $0.second % 64 == 0 })
        #expect(series.first?.second == 0)
        #expect(series.map(\.second) == series.map(\.second).sorted())
        #expect(series.first?.targetRate == 100)
    }

    @Test("A load within maxPoints seconds keeps every second, with no span")
    func shortLoadsKeepEverySecond() {
        var series: [TimeSeriesPoint] = []
        var span = 1
        for number in 0..<TimeSeriesLimit.maxPoints { TimeSeriesLimit.append(Self.second(number), to: &series, span: &span) }
        #expect(series.count == TimeSeriesLimit.maxPoints)
        #expect(span == 1 && series.allSatisfy { $0.span == nil })
    }

    @Test("Coarsened points merge their latencies: the span's percentiles and max are its seconds'")
    func latenciesMerge() {
        var series: [TimeSeriesPoint] = []
        var span = 1
        for number in 0..<8 {
            TimeSeriesLimit.append(Self.second(number, latencyMicros: number == 5 ? 9_000 : 1_000), to: &series, span: &span, limit: 2)
        }
        #expect(series.count == 2 && span == 4)
        #expect(series.map(\.second) == [0, 4])
        #expect(series[0].maxMicros < 1_010)
        #expect(series[1].maxMicros >= 8_990)
        #expect(series[1].latency.map { $0.counts.reduce(0, +) } == 40)
    }

    @Test("A coarsened point's target rate is the mean over its seconds, each weighing one")
    func targetRateIsTheMeanOfItsSeconds() {
        var series: [TimeSeriesPoint] = []
        var span = 1
        for number in 0..<8 {
            var point = Self.second(number)
            point.targetRate = Double(number)
            TimeSeriesLimit.append(point, to: &series, span: &span, limit: 2)
        }
        #expect(series.map(\.targetRate) == [1.5, 5.5])
    }

    @Test("The last point of a load holds the seconds it had, and its rate per second is over them")
    func lastPointHoldsItsOwnSeconds() async throws {
        var series: [TimeSeriesPoint] = []
        var span = 1
        for number in 0..<10 { TimeSeriesLimit.append(Self.second(number, completed: 40), to: &series, span: &span, limit: 2) }
        #expect(span == 8)
        #expect(series.map(\.second) == [0, 8])
        #expect(series.map(\.spanSeconds) == [8, 2])
        var result = try await LatencyReportWriterTests.result()
        result.timeSeries = series
        #expect(LatencyReportJSON(result).timeSeries.map(\.seconds) == [8, 2])
        // 40 a second in both points: none reads as a fall at the end.
        #expect(TimeSeriesLimit.bounded(series).map { Double($0.completed) / Double($0.spanSeconds) } == [40, 40])
    }

    @Test("Reports of a coarsened series: the span in latency.json, rates per second and the span in latency.html")
    func reportsSayTheSpan() async throws {
        var result = try await LatencyReportWriterTests.result()
        var series: [TimeSeriesPoint] = []
        var span = 1
        for number in 0..<8 { TimeSeriesLimit.append(Self.second(number, completed: 40, latencyMicros: 1_000), to: &series, span: &span, limit: 2) }
        result.timeSeries = series
        let json = LatencyReportJSON(result)
        #expect(json.timeSeries.map(\.seconds) == [4, 4])
        #expect(json.timeSeries.map(\.completed) == [160, 160])
        let html = LatencyReportHTML.render(result)
        #expect(html.contains("Latency per 4 seconds"))
    }

    @Test("A merge of coarsened series keeps their span and the bound")
    func mergedSeriesStayBounded() {
        let series = (0..<5_000).map { Self.second($0) }
        let bounded = TimeSeriesLimit.bounded(series)
        #expect(bounded.count <= TimeSeriesLimit.maxPoints)
        #expect(bounded.map(\.completed).reduce(0, +) == 50_000)
        let again = TimeSeriesLimit.bounded(bounded)
        #expect(again.count == bounded.count && again.map(\.completed) == bounded.map(\.completed))
    }
}
