import Foundation
import GauntletLoad
import GauntletReports
import Testing

/// What a load prints when it ends: requests and rates, drops, errors by kind, percentiles per name.
struct LatencyReportConsoleTests {
    @Test func summarizesTheLoadLikeSummaryMarkdown() async throws {
        let result = try await LatencyReportWriterTests.result()
        let text = LatencyReportConsole.render(result)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("load report <demo>: \(result.total.count) requests in "))
        #expect(lines[1].contains("of 200/s planned, \(result.dropped) dropped, \(result.lateStarts) late"))
        #expect(lines[2].contains("errors: \(result.total.errors) (") && lines[2].contains("HTTP 500"))
        // Each kind's first occurrence in words: here a step with no expect answered 500.
        #expect(lines[3].hasPrefix("    first HTTP 500: expected a status below 400: the step has no expect ("))
        #expect(lines[4].split(separator: " ", omittingEmptySubsequences: true)
            == ["request", "count", "errors", "p50", "ms", "p90", "ms", "p99", "ms", "p99.9", "ms", "max", "ms"])
        #expect(lines[5].hasPrefix("  list-events "))
        #expect(lines[6].hasPrefix("  get/missing "))
        #expect(lines[7].hasPrefix("  total ") && lines[7].contains(" \(result.total.count) "))
        #expect(!text.contains("interrupted"))
        // An open-model load also shows the service time, from each actual send (wrk2's "uncorrected").
        #expect(lines[8] == "  uncorrected (service time, from each actual send):")
        let total = try #require(lines.last { $0.hasPrefix("  total ") })
        let serviceP50 = LatencySummary(result.total.serviceTime).p50
        #expect(total.contains(String(format: "%.3f", serviceP50)))
    }

    @Test func aClosedLoadHasOneLatencyOnly() async throws {
        var result = try await LatencyReportWriterTests.result()
        result.model = .closed(vus: 2, thinkTime: .zero)
        #expect(!LatencyReportConsole.render(result).contains("uncorrected"))
    }

    @Test("An open load whose last answers came long after its arrivals says its rate is per second of the arrivals")
    func openRatesNameTheirWindow() async throws {
        var result = try await LatencyReportWriterTests.result()
        result.arrivalWindow = .seconds(5)
        result.elapsed = .milliseconds(9_980)
        let first = try #require(LatencyReportConsole.render(result).split(separator: "\n").first)
        #expect(first.hasSuffix(" req/s over its 5 s of arrivals"), "\(first)")
        result.elapsed = .milliseconds(5_200)
        #expect(!LatencyReportConsole.render(result).contains("of arrivals"), "a wait under half a second is not worth a word")
        #expect(LoadModel.open(rate: 20, stages: []).description == "open, 20 iterations/s")
    }

    @Test func saysWhenTheLoadWasInterrupted() async throws {
        var result = try await LatencyReportWriterTests.result()
        result.cancelled = true
        #expect(LatencyReportConsole.render(result).contains("(interrupted before its end)"))
    }
}
