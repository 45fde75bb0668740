import Foundation
import GauntletLoad
import GauntletReports
import Testing

/// The cold-start sections of `latency.json`, `summary.md` and `latency.html`.
@Suite struct ColdStartReportTests {
    static let stageNames = ["burst of 10 from idle", "6 VUs for 2s", "idle probes every 1s"]

    /// A known run of 213 requests over three stages: a burst of 10 cold starts, 200 steady
    /// requests with 4 cold starts, 4 throttles, a timeout and a transport failure among them, and
    /// 3 probes after idle gaps, all cold. Cold starts take 300–500 ms, warm requests 2–5 ms.
    /// - Parameter header: Whether served responses carry `X-Cold-Start` (else the statistical
    ///   method decides).
    /// Every cold request opened a new connection, which is where the statistical method looks
    /// for cold starts besides a concurrency rise (a request at steady concurrency 1 could
    /// otherwise never need a new instance).
    static func samples(header: Bool) -> [ColdStartSample] {
        func sample(_ seconds: Double, _ milliseconds: Double, _ status: Int?, cold: Bool?, stage: Int) -> ColdStartSample {
            ColdStartSample(
                offset: .microseconds(Int64(seconds * 1e6)), latency: .microseconds(Int64(milliseconds * 1e3)), status: status,
                coldStartHeader: header ? cold.map { $0 ? "true" : "false" } : nil, stage: stage, newConnection: cold == true)
        }
        var samples = (0..<10).map { sample(Double($0) * 0.001, 300 + Double($0) * 20, 200, cold: true, stage: 0) }
        for i in 0..<200 {
            let at = 0.5 + Double(i) * 0.01
            if i == 100 {
                samples.append(sample(at, 3_000, 504, cold: nil, stage: 1))
            } else if i == 150 {
                samples.append(sample(at, 5, nil, cold: nil, stage: 1))
            } else if i % 60 == 7 {
                samples.append(sample(at, 1, 429, cold: nil, stage: 1))
            } else if i % 50 == 25 {
                samples.append(sample(at, 420 + Double(i) * 0.1, 200, cold: true, stage: 1))
            } else {
                samples.append(sample(at, 2 + Double(i % 7) * 0.5, 200, cold: false, stage: 1))
            }
        }
        samples += [3.0, 4.0, 5.0].enumerated().map { sample($1, 350 + Double($0) * 30, 200, cold: true, stage: 2) }
        return samples
    }

    static func analysis(header: Bool = true, unanalysed: Int = 0) -> ColdStartAnalysis {
        ColdStartAnalysis(samples: samples(header: header), classifier: ColdStartClassifier(), stageNames: stageNames, unanalysed: unanalysed)
    }

    /// The writer tests' run, with or without a cold-start analysis.
    static func result(_ analysis: ColdStartAnalysis?) async throws -> LoadResult {
        var result = try await LatencyReportWriterTests.result()
        result.coldStarts = analysis
        return result
    }

    static func ms(_ value: Double) -> String { LoadFormat.number(value, decimals: 3) }

    @Test func theKnownRunIsClassifiedAsBuilt() throws {
        let summary = Self.analysis().summary
        #expect(summary.method == .header)
        #expect((summary.total, summary.coldCount, summary.warmCount) == (213, 17, 190))
        #expect((summary.throttledCount, summary.timedOutCount, summary.failedCount) == (4, 1, 1))
        let statistical = Self.analysis(header: false).summary
        #expect(statistical.method == .statistical)
        #expect(statistical.coldCount == 17)
    }

    // MARK: - latency.json

    @Test func latencyJSONHasNoColdStartsKeyWithoutTheAnalysis() async throws {
        let json = try Self.json(try await Self.result(nil))
        #expect(json["coldStarts"] == nil)
        #expect(json["requests"] as? Int == 600)
    }

    @Test func latencyJSONCarriesTheAnalysisNumbers() async throws {
        let analysis = Self.analysis()
        let summary = analysis.summary
        let cold = try #require(summary.cold), warm = try #require(summary.warm)
        let object = try #require(try Self.json(try await Self.result(analysis))["coldStarts"] as? [String: Any])

        #expect(object["method"] as? String == "header")
        #expect(object["header"] as? String == "X-Cold-Start")
        #expect(object["statisticalThreshold"] == nil)
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts == ["total": 213, "cold": 17, "warm": 190, "throttled": 4, "timedOut": 1, "serverErrors": 0, "failed": 1])

        let coldJSON = try #require(object["cold"] as? [String: Any]), warmJSON = try #require(object["warm"] as? [String: Any])
        #expect(coldJSON["count"] as? Int == 17)
        #expect(coldJSON["p50"] as? Double == cold.p50)
        #expect(coldJSON["p90"] as? Double == cold.p90)
        #expect(coldJSON["p99"] as? Double == cold.p99)
        #expect(coldJSON["max"] as? Double == cold.max)
        #expect(warmJSON["count"] as? Int == 190)
        #expect(warmJSON["p50"] as? Double == warm.p50)
        let penalty = try #require(object["penalty"] as? Double)
        #expect(abs(penalty - (cold.p50 - warm.p50)) < 0.001)
        #expect(penalty > 300)

        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["name"] as? String } == Self.stageNames)
        #expect(stages.map { $0["cold"] as? Int } == [10, 4, 3])
        #expect(stages.map { $0["warm"] as? Int } == [0, 190, 0])
        #expect(stages.map { $0["throttled"] as? Int } == [0, 4, 0])
        #expect(stages.map { $0["timedOut"] as? Int } == [0, 1, 0])
        #expect(object["coldPerSecond"] as? [Int] == summary.coldPerSecond)
        #expect(summary.coldPerSecond == [11, 2, 1, 1, 1, 1])
        #expect(object["throttledRate"] as? Double == 4.0 / 213)
        #expect(object["timedOutRate"] as? Double == 1.0 / 213)
        #expect(object["unanalysed"] as? Int == 0)

        let agreement = try #require(object["statisticalAgreement"] as? [String: Any])
        #expect(agreement["precision"] as? Double == 1)
        #expect(agreement["recall"] as? Double == 1)
        #expect(agreement["truePositives"] as? Int == 17)

        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline.count == analysis.timeline.count)
        #expect(timeline.count == 213)
        #expect(timeline.filter { $0["verdict"] as? String == "cold" }.count == 17)
        #expect(timeline.filter { $0["verdict"] as? String == "timedOut" }.count == 1)
        let first = try #require(timeline.first)
        #expect(first["offsetSeconds"] as? Double == 0)
        #expect(first["latency"] as? Double == 300)
        #expect(first["stage"] as? Int == 0)
    }

    @Test func latencyJSONGivesTheStatisticalThresholdAndNoAgreementWhenTheMethodIsStatistical() async throws {
        let analysis = Self.analysis(header: false)
        let threshold = try #require(analysis.summary.thresholdMilliseconds)
        let object = try #require(try Self.json(try await Self.result(analysis))["coldStarts"] as? [String: Any])
        #expect(object["method"] as? String == "statistical")
        let written = try #require(object["statisticalThreshold"] as? Double)
        #expect(abs(written - threshold) < 0.001)
        #expect(written > 5 && written < 300)
        #expect(object["statisticalAgreement"] == nil)
    }

    // MARK: - summary.md

    @Test func summaryMarkdownHasNoColdStartSectionWithoutTheAnalysis() async throws {
        let markdown = LatencyReportMarkdown.render(try await Self.result(nil))
        #expect(!markdown.contains("Cold starts"))
    }

    @Test func summaryMarkdownShowsTheColdStartSection() async throws {
        let analysis = Self.analysis()
        let cold = try #require(analysis.summary.cold), warm = try #require(analysis.summary.warm)
        let penalty = try #require(analysis.summary.penaltyMilliseconds)
        let markdown = LatencyReportMarkdown.render(try await Self.result(analysis))

        #expect(markdown.contains("### Cold starts\n"))
        #expect(markdown.contains("| Detected by | the X-Cold-Start response header |"))
        #expect(markdown.contains("| Requests | 213: 17 cold, 190 warm, 4 throttled, 1 timed out, 0 server errors, 1 failed |"))
        #expect(markdown.contains("| Requests | Count | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n"))
        #expect(markdown.contains("| Cold | 17 | \(Self.ms(cold.p50)) | \(Self.ms(cold.p90)) | \(Self.ms(cold.p99)) | \(Self.ms(cold.max)) |"))
        #expect(markdown.contains("| Warm | 190 | \(Self.ms(warm.p50)) | \(Self.ms(warm.p90)) | \(Self.ms(warm.p99)) | \(Self.ms(warm.max)) |"))
        #expect(markdown.contains("| Cold-start penalty | \(Self.ms(penalty)) ms (cold p50 − warm p50) |"))
        #expect(markdown.contains("| Throttled (429) | 4 (1.878%) |"))
        #expect(markdown.contains("| Timed out (504 or client timeout) | 1 (0.469%) |"))
        #expect(markdown.contains("| Most cold starts in a second | 11 (second 0) |"))
        #expect(markdown.contains("| Stage | Cold | Warm | Throttled | Timed out |"))
        #expect(markdown.contains("| burst of 10 from idle | 10 | 0 | 0 | 0 |"))
        #expect(markdown.contains("| 6 VUs for 2s | 4 | 190 | 4 | 1 |"))
        #expect(markdown.contains("| idle probes every 1s | 3 | 0 | 0 | 0 |"))
        #expect(markdown.contains("| Statistical method vs the header | precision 100%, recall 100% (17 cold found, 0 warm called cold, 0 cold missed) |"))
        // The section sits before the total's percentile distribution.
        let section = try #require(markdown.range(of: "### Cold starts"))
        let distribution = try #require(markdown.range(of: "<details>"))
        #expect(section.lowerBound < distribution.lowerBound)
    }

    @Test func nothingServedIsSaidSoNotASplitOfZero() async throws {
        let refused = (0..<40).map { index -> ColdStartSample in
            ColdStartSample(offset: .milliseconds(index * 100), latency: .microseconds(300), status: nil, wasSent: false)
        }
        let analysis = ColdStartAnalysis(samples: refused, classifier: ColdStartClassifier(), stageNames: [])
        let result = try await Self.result(analysis)
        let markdown = LatencyReportMarkdown.render(result)
        #expect(markdown.contains("| Detected by | nothing served: no request to tell cold or warm |"))
        #expect(!markdown.contains("0 ms or slower is cold"))
        let html = LatencyReportHTML.render(result)
        #expect(html.contains("40 never sent, without a latency"))
    }

    @Test func latencyJSONNamesTheClientMethodWhenTheLogLabelledFew() throws {
        let samples = (0..<20).map { index in
            ColdStartSample(
                offset: .milliseconds(index * 100), latency: .milliseconds(index == 0 ? 300 : 5), status: 200,
                coldStartHeader: index == 0 ? "true" : "false", requestID: "r\(index)")
        }
        func json(labelled: Int) -> LatencyReportJSON.ColdStarts {
            let log = LambdaReportLog(
                invocations: (0..<labelled).map { index in
                    LambdaInvocation(
                        requestID: "r\(index)", endNanos: nil, durationMilliseconds: 2, initDurationMilliseconds: index == 0 ? 250 : nil)
                })
            return LatencyReportJSON.ColdStarts(ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log))
        }
        #expect(json(labelled: 3).method == "header")
        #expect(json(labelled: 3).log?.byRequestID == 3)
        #expect(json(labelled: 15).method == "log")
    }

    @Test func summaryMarkdownNamesTheStatisticalThreshold() async throws {
        let analysis = Self.analysis(header: false)
        let threshold = try #require(analysis.summary.thresholdMilliseconds)
        let markdown = LatencyReportMarkdown.render(try await Self.result(analysis))
        #expect(markdown.contains("| Detected by | latency (statistical): \(Self.ms(threshold)) ms or slower is cold; separation D = "))
        #expect(markdown.contains(", confidence "))
        #expect(!markdown.contains("Statistical method vs the header"))
        #expect(!markdown.contains("not analysed"))
    }

    @Test func bothReportsSayHowManyRequestsWereLeftOutOfTheAnalysis() async throws {
        let result = try await Self.result(Self.analysis(unanalysed: 42))
        #expect(LatencyReportMarkdown.render(result).contains("| Requests not analysed | 42 (beyond the samples the load engine keeps) |"))
        #expect(LatencyReportHTML.render(result).contains("<tr><th>Requests not analysed</th><td>42 (beyond the samples the load engine keeps)</td></tr>"))
        let object = try #require(try Self.json(result)["coldStarts"] as? [String: Any])
        #expect(object["unanalysed"] as? Int == 42)
    }

    // MARK: - latency.html

    @Test func latencyHTMLHasNoColdStartSectionWithoutTheAnalysis() async throws {
        let html = LatencyReportHTML.render(try await Self.result(nil))
        #expect(!html.contains("Cold starts"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
    }

    @Test func latencyHTMLShowsTheTimelineTheDistributionsAndTheTables() async throws {
        let analysis = Self.analysis()
        let cold = try #require(analysis.summary.cold), warm = try #require(analysis.summary.warm)
        let html = LatencyReportHTML.render(try await Self.result(analysis))

        #expect(html.contains("<h2 id=\"cold-starts\">Cold starts</h2>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://127.0.0.1"))
        // The timeline: one red disc per cold request, orange throttles, a black timeout, and the
        // stages shaded and named.
        #expect(Self.markers(in: html, group: "<g fill=\"#e41a1c\">") == 17)
        #expect(Self.markers(in: html, group: "<g fill=\"#ff7f0e\">") == 4)
        #expect(Self.markers(in: html, group: "<g fill=\"#000000\">") == 1)
        #expect(Self.markers(in: html, group: "<g fill=\"#7f93ad\" opacity=\"0.7\">") == 190)
        #expect(html.contains(">cold (17)</text>"))
        #expect(html.contains(">6 VUs for 2s</text>"))
        #expect(html.contains("milliseconds (log scale)"))
        // Cold vs warm percentile curves.
        #expect(html.contains("aria-label=\"Cold vs warm latency by percentile\""))
        #expect(html.contains(">99.999%</text>"))
        // The tables of summary.md.
        #expect(html.contains("<tr><td>Cold</td><td>17</td><td>\(Self.ms(cold.p50))</td><td>\(Self.ms(cold.p90))</td><td>\(Self.ms(cold.p99))</td><td>\(Self.ms(cold.max))</td></tr>"))
        #expect(html.contains("<tr><td>Warm</td><td>190</td><td>\(Self.ms(warm.p50))</td>"))
        #expect(html.contains("<tr><td>6 VUs for 2s</td><td>4</td><td>190</td><td>4</td><td>1</td></tr>"))
        #expect(html.contains("<tr><th>Statistical method vs the header</th><td>precision 100%, recall 100%"))
    }

    /// Renders `latency.html` with and without cold starts in headless Chromium and counts the
    /// pixels of the cold markers' red: none without the analysis, hundreds with it.
    @Test(.timeLimit(.minutes(1))) func coldMarkersShowRedInChromium() async throws {
        guard let chromium = ChromiumScreenshot.executable else {
            print("skipped: Chromium is not installed (apt-get install chromium)")
            return
        }
        let directory = LatencyReportWriterTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func redPixels(_ analysis: ColdStartAnalysis?, _ name: String) async throws -> Int {
            let page = directory + "/\(name)"
            _ = try LatencyReportWriter.write(try await Self.result(analysis), to: page)
            let png = try ChromiumScreenshot.take(chromium: chromium, of: page + "/latency.html", in: directory, width: 1000, height: 3200)
            let image = try PNGImage(png)
            #expect((image.width, image.height) == (1000, 3200))
            return image.count(red: 0xE4, green: 0x1A, blue: 0x1C, tolerance: 6)
        }
        let without = try await redPixels(nil, "plain")
        let with = try await redPixels(Self.analysis(), "cold")
        print("cold-marker red pixels: \(without) without cold starts, \(with) with")
        #expect(without == 0)
        #expect(with > 400)
    }

    // MARK: - Helpers

    static func json(_ result: LoadResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try LatencyReportJSON(result).encoded()) as? [String: Any])
    }

    /// How many circles the SVG group that opens with `group` holds.
    static func markers(in html: String, group: String) -> Int {
        guard let start = html.range(of: group), let end = html.range(of: "</g>", range: start.upperBound..<html.endIndex) else { return 0 }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "<circle").count - 1
    }
}
