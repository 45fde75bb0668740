import Foundation
import GauntletJSON

/// Reads the reports in one folder into ``ReportIndex/Part``s: a contract run where there is
/// a `results.json`, a load where there is a `latency.json`, a fuzz run where there is a
/// `fuzz.json`. Only the fields the index shows are decoded, so a report with more fields (a
/// newer writer's) still reads.
struct ReportPartReader {
    /// The folder searched.
    let root: String
    /// This folder, relative to `root`.
    let folder: String

    private var path: String { folder == "." ? root : (root as NSString).appendingPathComponent(folder) }

    private func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    private func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// The parts in this folder.
    func parts() -> [ReportIndex.Part] {
        var parts: [ReportIndex.Part] = []
        if exists("results.json") { parts.append(contract()) }
        if exists("latency.json") { parts.append(load()) }
        if exists("fuzz.json") { parts.append(fuzz()) }
        return parts
    }

    /// The links among `candidates` (label, file name) that exist.
    private func links(_ candidates: [(String, String)]) -> [ReportIndex.Link] {
        candidates.filter { exists($0.1) }.map { ReportIndex.Link(label: $0.0, path: file($0.1)) }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ name: String) -> Result<T, ReadFailure> {
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: file(name)))))
        } catch let error as DecodingError {
            return .failure(ReadFailure(message: "\(name) is not a report this gauntlet reads: \(error.explanation)"))
        } catch {
            return .failure(ReadFailure(message: "cannot read \(name): \(error.localizedDescription)"))
        }
    }

    private struct ReadFailure: Error { var message: String }

    private func unreadable(_ kind: ReportIndex.Kind, _ title: String, _ failure: ReadFailure, links: [ReportIndex.Link]) -> ReportIndex.Part {
        ReportIndex.Part(
            kind: kind, title: title, folder: folder, verdict: .unreadable, facts: [ReportIndex.Fact("Problem", failure.message, failing: true)],
            links: links)
    }

    // MARK: - Contract run

    private struct ContractHeadline: Decodable {
        struct Summary: Decodable {
            var scenarios: Int
            var passed: Int
            var failed: Int
            var skipped: Int
            var errored: Int
            var interrupted: Int
            /// Absent in results of gauntlet before it told these apart.
            var notRun: Int?
            var leftBehind: Int
            /// Absent in results of gauntlet before it told these apart.
            var unverified: Int?
        }
        var runID: String
        var baseURL: String
        var durationMs: Double
        var interrupted: Bool
        var succeeded: Bool
        /// Absent in results of gauntlet before it told these apart.
        var notReached: Bool?
        var summary: Summary
    }

    func contract() -> ReportIndex.Part {
        let title = "Contract run"
        switch decode(ContractHeadline.self, "results.json") {
        case .failure(let failure):
            return unreadable(.contract, title, failure, links: links([("JSON", "results.json")]))
        case .success(let run):
            let verdict: ReportIndex.Verdict = run.interrupted ? .interrupted : run.succeeded ? .passed : .failed
            let s = run.summary
            var facts = [
                ReportIndex.Fact("Base URL", run.baseURL),
                ReportIndex.Fact(
                    "Scenarios", "\(s.scenarios): \(s.passed) passed, \(s.failed) failed, \(s.errored) errored, \(s.skipped) skipped"
                        + (s.interrupted > 0 ? ", \(s.interrupted) interrupted" : ""),
                    failing: s.failed + s.errored + s.interrupted > 0),
                ReportIndex.Fact("Duration", Self.seconds(run.durationMs / 1000)),
            ]
            if run.interrupted { facts.append(ReportIndex.Fact("Interrupted", "yes: stopped before every scenario ran", failing: true)) }
            if run.notReached == true {
                let notRun = s.notRun ?? 0
                facts.append(ReportIndex.Fact(
                    "Not reached", "no request was answered (exit 3)" + (notRun > 0 ? "; \(notRun) of \(s.scenarios) scenarios were not run" : ""),
                    failing: true))
            }
            if s.leftBehind > 0 { facts.append(ReportIndex.Fact("Left behind", "\(s.leftBehind)", failing: true)) }
            if let unverified = s.unverified, unverified > 0 {
                facts.append(ReportIndex.Fact("Not verified as deleted", "\(unverified)", failing: true))
            }
            var found = links([("HTML report", "report.html")])
            if let junit = contractJUnit(runID: run.runID) { found.append(ReportIndex.Link(label: "JUnit", path: file(junit))) }
            found += links([("JSON", "results.json")])
            // A load in the same folder writes its own summary.md over the run's.
            if !exists("latency.json") { found += links([("summary", "summary.md")]) }
            return ReportIndex.Part(kind: .contract, title: title, folder: folder, verdict: verdict, facts: facts, links: found)
        }
    }

    /// The run's JUnit file in this folder: `junit.xml`, or else the XML file that names the
    /// run's id (a `--junit` of another name).
    private func contractJUnit(runID: String) -> String? {
        if exists("junit.xml") { return "junit.xml" }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        return names.first { name in
            name.hasSuffix(".xml") && name != "load-junit.xml" && name != "fuzz-junit.xml"
                && ((try? String(contentsOfFile: file(name), encoding: .utf8))?.contains("value=\"\(runID)\"") ?? false)
        }
    }

    // MARK: - Load or merge

    private struct LoadHeadline: Decodable {
        struct Entry: Decodable {
            struct Latency: Decodable {
                /// The requests measured; absent from files written before it was kept.
                var count: Int?
                var p50: Double
                var p99: Double
            }
            var latency: Latency
        }
        struct Threshold: Decodable {
            var threshold: String
            var passed: Bool
            var actual: String
        }
        struct Baseline: Decodable {
            var source: String
            var rules: [Threshold]
        }
        var plan: String
        /// Absent from files written before loads had one verdict.
        var verdict: String?
        var elapsedSeconds: Double
        var cancelled: Bool
        var requests: Int
        var errors: Int
        var achievedRate: Double
        var leftBehind: Int?
        var unverified: Int?
        var total: Entry
        var thresholds: [Threshold]
        var thresholdsPassed: Bool
        var baseline: Baseline?
    }

    /// The `shards` of `load-result.json`, which tell a shard and a merge from a whole load.
    private struct ShardList: Decodable {
        struct Shard: Decodable {
            var index: Int
            var count: Int
        }
        var shards: [Shard]
    }

    func load() -> ReportIndex.Part {
        let files = links([
            ("HTML report", "latency.html"), ("JUnit", "load-junit.xml"), ("JSON", "latency.json"), ("summary", "summary.md"),
            ("load-result.json", "load-result.json"),
        ])
        switch decode(LoadHeadline.self, "latency.json") {
        case .failure(let failure):
            return unreadable(.load, "Load", failure, links: files)
        case .success(let load):
            let failedRules = (load.thresholds + (load.baseline?.rules ?? [])).filter { !$0.passed }
            let leftBehind = load.leftBehind ?? 0
            let verdict: ReportIndex.Verdict =
                switch load.verdict {
                case "passed": .passed
                case "interrupted": .interrupted
                case "incomplete": .incomplete
                case "partial": .partial
                case .some: .failed
                case nil:
                    load.cancelled ? .interrupted
                        : load.thresholdsPassed && failedRules.isEmpty && leftBehind == 0 ? .passed : .failed
                }
            var facts = [
                ReportIndex.Fact("Requests", "\(load.requests) (\(load.errors) failed)", failing: false),
                ReportIndex.Fact("Rate", String(format: "%.1f req/s", load.achievedRate)),
                // No request measured: the histogram's 0 ms would read as the fastest answers.
                ReportIndex.Fact(
                    "Latency", load.total.latency.count == 0 ? "none measured"
                        : String(format: "p50 %.3f ms, p99 %.3f ms", load.total.latency.p50, load.total.latency.p99)),
                ReportIndex.Fact("Elapsed", Self.seconds(load.elapsedSeconds) + (load.cancelled ? " (stopped early)" : ""), failing: load.cancelled),
            ]
            let rules = load.thresholds + (load.baseline?.rules ?? [])
            if !rules.isEmpty {
                var text = "\(rules.count - failedRules.count) of \(rules.count) held"
                if !failedRules.isEmpty { text += "; failed: " + failedRules.map { "\($0.threshold) (\($0.actual))" }.joined(separator: ", ") }
                facts.append(ReportIndex.Fact("Thresholds", text, failing: !failedRules.isEmpty))
            }
            if let baseline = load.baseline { facts.append(ReportIndex.Fact("Baseline", baseline.source)) }
            if leftBehind > 0 { facts.append(ReportIndex.Fact("Left behind", "\(leftBehind)", failing: true)) }
            if let unverified = load.unverified, unverified > 0 {
                facts.append(ReportIndex.Fact("Not verified as deleted", "\(unverified)", failing: true))
            }
            // load-result.json can hold megabytes of buckets and samples: read once.
            let shards: [ShardList.Shard]? =
                if exists("load-result.json"), case .success(let list) = decode(ShardList.self, "load-result.json") { list.shards } else { nil }
            var part = ReportIndex.Part(
                kind: .load, title: loadTitle(plan: load.plan, shards: shards), folder: folder, verdict: verdict, facts: facts, links: files)
            if let shards { part.shardsOfPlan = (load.plan, Set(shards.map { "\($0.index)/\($0.count)" })) }
            return part
        }
    }

    /// `Load: plan`, `Shard 2/4: plan` or `Merge of 4 shards: plan`, from the shards of `load-result.json`.
    private func loadTitle(plan: String, shards: [ShardList.Shard]?) -> String {
        guard let shards else { return "Load: \(plan)" }
        if shards.count > 1 { return "Merge of \(shards.count) shards: \(plan)" }
        if let shard = shards.first, shard.count > 1 { return "Shard \(shard.index)/\(shard.count): \(plan)" }
        return "Load: \(plan)"
    }

    // MARK: - Fuzz run

    private struct FuzzHeadline: Decodable {
        struct Failure: Decodable {
            var check: String
            var operation: String
        }
        var baseURL: String
        var passed: Bool
        var ending: String
        var error: String?
        var seconds: Double?
        var operations: Int?
        var cases: Int?
        var requests: Int?
        var unanswered: Int?
        var failures: [Failure]
        var leftBehind: [String]
    }

    func fuzz() -> ReportIndex.Part {
        var files = links([("JUnit", "fuzz-junit.xml"), ("JSON", "fuzz.json")])
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file("findings"), isDirectory: &isFolder), isFolder.boolValue {
            files.append(ReportIndex.Link(label: "findings", path: file("findings")))
        }
        switch decode(FuzzHeadline.self, "fuzz.json") {
        case .failure(let failure):
            return unreadable(.fuzz, "Fuzz run", failure, links: files)
        case .success(let fuzz):
            let verdict: ReportIndex.Verdict = fuzz.ending == "interrupted" ? .interrupted : fuzz.passed ? .passed : .failed
            var facts = [ReportIndex.Fact("Base URL", fuzz.baseURL)]
            if let error = fuzz.error { facts.append(ReportIndex.Fact("Document", error, failing: true)) }
            if let operations = fuzz.operations, let cases = fuzz.cases, let requests = fuzz.requests {
                facts.append(ReportIndex.Fact("Ran", "\(operations) operations, \(cases) cases, \(requests) requests"
                    + (fuzz.seconds.map { " in " + Self.seconds($0) } ?? "")))
            }
            let found = fuzz.failures.map { "\($0.check) on \($0.operation)" }
            facts.append(ReportIndex.Fact(
                "Unique failures", found.isEmpty ? "none" : "\(found.count): " + found.joined(separator: "; "), failing: !found.isEmpty))
            if fuzz.ending != "completed", fuzz.error == nil { facts.append(ReportIndex.Fact("Ending", fuzz.ending, failing: true)) }
            if let unanswered = fuzz.unanswered, unanswered > 0 { facts.append(ReportIndex.Fact("Unanswered", "\(unanswered)", failing: true)) }
            if !fuzz.leftBehind.isEmpty { facts.append(ReportIndex.Fact("Left behind", fuzz.leftBehind.joined(separator: ", "), failing: true)) }
            return ReportIndex.Part(kind: .fuzz, title: "Fuzz run", folder: folder, verdict: verdict, facts: facts, links: files)
        }
    }

    // MARK: - Text

    static func seconds(_ value: Double) -> String { String(format: value < 10 ? "%.2f s" : "%.1f s", value) }
}
