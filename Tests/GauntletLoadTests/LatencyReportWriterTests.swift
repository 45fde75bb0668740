import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletReports
import Testing

@Suite struct LatencyReportWriterTests {
    /// A short open-model run on the simulated transport, with a stall and some 500s.
    static func result() async throws -> LoadResult {
        let ms: UInt64 = 1_000_000
        let transport = SimulatedTransport { transfer, sentAt in
            if sentAt >= 1_000 * ms && sentAt < 1_300 * ms { return (1_300 * ms - sentAt, SimulatedOutcome(status: 200)) }
            if transfer.url.hasSuffix("/missing") { return (2 * ms, SimulatedOutcome(status: 500)) }
            return (ms + sentAt % (3 * ms), SimulatedOutcome(status: 200, bytesReceived: 300))
        }
        let plan = LoadPlan(
            name: "report <demo>", model: .open(rate: 200, stages: []), duration: .seconds(3),
            mix: [
                LoadFlow(name: "list", weight: 5, steps: [LoadStep.request("list-events", path: "/events")]),
                LoadFlow(name: "missing", steps: [LoadStep.request("get/missing", path: "/missing")]),
            ],
            thresholds: [try Threshold(parsing: "p99<250ms"), try Threshold(parsing: "list-events:p50<10ms")])
        return try await LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1", transport: transport).run()
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "gauntlet-load-report-" + UUID().uuidString
        return path
    }

    @Test func writesEveryReport() async throws {
        let result = try await Self.result()
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try LatencyReportWriter.write(result, to: directory)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == [
            "latency.json", "latency.html", "summary.md", "latency-total.hgrm", "latency-list-events.hgrm",
            "latency-get_missing.hgrm",
        ])

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[0]))) as! [String: Any]
        #expect(json["requests"] as? Int == 600)
        #expect(json["targetRate"] as? Double == 200)
        #expect((json["timeSeries"] as? [Any])?.count == 3)
        #expect((json["byName"] as? [Any])?.count == 2)
        #expect(json["thresholdsPassed"] as? Bool == false)
        let total = (json["total"] as! [String: Any])["latency"] as! [String: Any]
        #expect((total["max"] as! Double) >= 290)

        let hgrm = try String(contentsOfFile: paths[3], encoding: .utf8)
        #expect(hgrm.contains("Percentile"))
        #expect(hgrm.contains("#[Max"))

        let markdown = try String(contentsOfFile: paths[2], encoding: .utf8)
        #expect(markdown.contains("**❌ FAILED**: 2 of 4 thresholds failed."))
        #expect(markdown.contains("| `dropped<=0% (default)` |"))
        #expect(markdown.contains("| `errors<=0% (default)` |"))
        #expect(markdown.contains("| `p99<250ms` |"))
        #expect(markdown.contains("| HTTP 500 |"))

        let html = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("report &lt;demo&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://127.0.0.1"))
    }

    /// Renders `latency.html` in headless Chromium and checks the screenshot is a full, non-blank page.
    @Test("A folder used again keeps no histogram of a request the new load did not make")
    func staleHistogramsAreRemoved() async throws {
        let result = try await Self.result()
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["latency-get-event.hgrm", "notes.txt"] {
            try "earlier".write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        _ = try LatencyReportWriter.write(result, to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == [
            "latency-get_missing.hgrm", "latency-list-events.hgrm", "latency-total.hgrm", "latency.html", "latency.json", "notes.txt",
            "summary.md",
        ])
    }

    @Test(.timeLimit(.minutes(1))) func theHTMLReportRendersInChromium() async throws {
        guard let chromium = ChromiumScreenshot.executable else {
            print("skipped: Chromium is not installed (apt-get install chromium)")
            return
        }
        let result = try await Self.result()
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try LatencyReportWriter.write(result, to: directory)
        let png = try ChromiumScreenshot.take(chromium: chromium, of: directory + "/latency.html", in: directory, width: 1000, height: 1800)
        // PNG signature, then IHDR: width and height as big-endian 32-bit integers at 16 and 20.
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1000)
        #expect(height == 1800)
        // A blank page compresses to a few kilobytes; three charts, text and tables do not.
        #expect(png.count > 40_000)
    }
}
