import Foundation
import GauntletAPI
import Testing

@testable import GauntletCLI

/// `gauntlet report DIR` over folders that real `run`, `load` and `fuzz` commands wrote.
@Suite(.timeLimit(.minutes(2))) struct ReportCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-report-\(UUID().uuidString)").path

    /// Every `href` of `html` that leads to a file, resolved from `folder`.
    static func fileLinks(in html: String, from folder: String) -> [String] {
        html.matches(of: /href="([^"#][^"]*)"/).map { folder + "/" + (String($0.1).removingPercentEncoding ?? String($0.1)) }
    }

    @Test func anEmptyOrMissingFolderExits2() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(await Gauntlet.run(arguments: ["report", root]) == ExitStatus.invalidInput)
        try FileManager.default.createDirectory(atPath: root + "/empty/sub", withIntermediateDirectories: true)
        #expect(await Gauntlet.run(arguments: ["report", root + "/empty"]) == ExitStatus.invalidInput)
        #expect(!FileManager.default.fileExists(atPath: root + "/empty/index.html"))
    }

    @Test func indexesAContractRunALoadAndAFuzzRun() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let statuses = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            [
                await Gauntlet.run(arguments: ["run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", root + "/contract"]),
                // A threshold no loopback load meets: the load's part fails.
                await Gauntlet.run(arguments: [
                    "load", ContractPaths.root + "/Scenarios/load/selftest.yaml", "--base-url", baseURL, "--duration", "1s",
                    "--threshold", "rate>=1000000", "--report-dir", root + "/load", "--plain-progress",
                ]),
            ]
        }
        #expect(statuses == [ExitStatus.passed, ExitStatus.checkFailed])

        // The contract run alone passes.
        #expect(await Gauntlet.run(arguments: ["report", root + "/contract"]) == ExitStatus.passed)
        let alone = try String(contentsOfFile: root + "/contract/index.html", encoding: .utf8)
        #expect(alone.contains("Gauntlet reports: <span class=\"pass\" id=\"verdict\">PASSED</span>"))

        // Port 1 refuses: the fuzz run reports that it got no document, a failed part.
        #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", "http://127.0.0.1:1", "--report-dir", root + "/fuzz"]) == ExitStatus.checkFailed)
        try? FileManager.default.removeItem(atPath: root + "/contract/index.html")

        // The index reports verdicts and does not gate: exit 0 though parts failed.
        #expect(await Gauntlet.run(arguments: ["report", root]) == ExitStatus.passed)
        let html = try String(contentsOfFile: root + "/index.html", encoding: .utf8)
        #expect(html.contains("Gauntlet reports: <span class=\"fail\" id=\"verdict\">FAILED</span>"))
        #expect(html.contains("3 parts under \(root): 1 passed, 2 failed."))
        for expected in ["contract/report.html", "contract/junit.xml", "contract/summary.md", "load/latency.html", "load/load-junit.xml",
                         "load/summary.md", "fuzz/fuzz-junit.xml", "fuzz/fuzz.json"] {
            #expect(html.contains("href=\"\(expected)\""), "index.html does not link \(expected)")
        }
        #expect(html.contains("Load: selftest"))
        #expect(html.contains("rate&gt;=1000000"))
        let links = Self.fileLinks(in: html, from: root)
        #expect(links.count == 4 + 5 + 2)
        for link in links { #expect(FileManager.default.fileExists(atPath: link), "\(link) does not exist") }

        // --output elsewhere: links relative to that file's folder.
        #expect(await Gauntlet.run(arguments: ["report", root, "--output", root + "/site/pipeline.html"]) == ExitStatus.passed)
        let moved = try String(contentsOfFile: root + "/site/pipeline.html", encoding: .utf8)
        #expect(moved.contains("href=\"../contract/report.html\""))
        for link in Self.fileLinks(in: moved, from: root + "/site") { #expect(FileManager.default.fileExists(atPath: link), "\(link)") }
    }
}
