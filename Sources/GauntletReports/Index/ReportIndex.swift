import Foundation

/// The reports of one pipeline found under a folder: each contract run, load (or merge, or
/// shard) and fuzz run, with its verdict, headline figures and the files to open. What
/// `gauntlet report DIR` renders as `index.html` (``ReportIndexHTML``).
public struct ReportIndex: Sendable {
    /// What a part is.
    public enum Kind: String, Sendable, CaseIterable {
        /// `gauntlet run`: `results.json`, `report.html`, a JUnit file, `summary.md`.
        case contract
        /// `gauntlet load` or `gauntlet merge`: `latency.json`, `latency.html`, `summary.md`, `load-junit.xml`.
        case load
        /// `gauntlet fuzz`: `fuzz.json`, `fuzz-junit.xml`, `findings/`.
        case fuzz
    }

    /// A part's verdict.
    public enum Verdict: String, Sendable {
        case passed = "PASSED"
        case failed = "FAILED"
        case interrupted = "INTERRUPTED"
        /// A merge that lacks a shard of its plan: it judged part of the load.
        case incomplete = "INCOMPLETE"
        /// A shard's own load or a partial merge: it judged nothing, a merge of every shard does.
        case partial = "PARTIAL"
        /// Its JSON could not be read: the part cannot be said to have passed.
        case unreadable = "UNREADABLE"
    }

    /// One figure of a part: `Requests` → `1200 (0 failed)`.
    public struct Fact: Sendable, Equatable {
        public var name: String
        public var value: String
        /// Whether the figure is why the part failed (shown in red).
        public var failing: Bool
        public init(_ name: String, _ value: String, failing: Bool = false) {
            self.name = name
            self.value = value
            self.failing = failing
        }
    }

    /// A file (or folder) of a part that exists.
    public struct Link: Sendable, Equatable {
        /// What it is: `HTML report`, `JUnit`, `JSON`, `summary`, `findings`.
        public var label: String
        /// Its path: the root's path joined with the path under the root.
        public var path: String
        public init(label: String, path: String) {
            self.label = label
            self.path = path
        }
    }

    /// One run found under the root.
    public struct Part: Sendable {
        public var kind: Kind
        /// `Contract run`, `Load: read-heavy`, `Merge of 4 shards: read-heavy`, `Fuzz run`.
        public var title: String
        /// The folder it is in, relative to the root (`.` for the root itself).
        public var folder: String
        public var verdict: Verdict
        public var facts: [Fact]
        public var links: [Link]
        /// A load's plan and the shards its result covers (`0/4`), to tell a shard or a partial
        /// merge from the merge of every shard; nil for contract and fuzz runs.
        public var shardsOfPlan: (plan: String, shards: Set<String>)?
        /// The folder of a merge of every shard, among the parts, that this partial part is in.
        public var mergedIn: String?

        /// Whether it passed: neither failed nor interrupted nor unreadable, or a partial part of
        /// a load whose merge of every shard is there too (that merge speaks for it).
        public var passed: Bool { verdict == .passed || (verdict == .partial && mergedIn != nil) }
    }

    /// The folder searched.
    public var root: String
    /// Every part found: contract runs, then loads, then fuzz runs, each by folder.
    public var parts: [Part]

    /// Whether the pipeline passed: every part did (and there is at least one).
    public var passed: Bool { !parts.isEmpty && parts.allSatisfy(\.passed) }

    /// The overall verdict: failed when any part failed or could not be read, interrupted
    /// when none failed but one was interrupted, incomplete when a merge lacks a shard, and
    /// partial when the only parts that did not pass are shards (or partial merges) whose merge
    /// of every shard is not among them.
    public var verdict: Verdict {
        if passed { return .passed }
        if parts.contains(where: { $0.verdict == .failed || $0.verdict == .unreadable }) || parts.isEmpty { return .failed }
        if parts.contains(where: { $0.verdict == .interrupted }) { return .interrupted }
        return parts.contains { $0.verdict == .incomplete } ? .incomplete : .partial
    }

    /// Searches `root` and its folders down to `maxDepth` levels (hidden folders and
    /// `findings/` left out) for reports, and reads each one's headline figures.
    /// - Throws: ``ReportIndexError`` when `root` is not a folder or holds no report.
    public static func find(in root: String, maxDepth: Int = 4) throws(ReportIndexError) -> ReportIndex {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportIndexError.notAFolder(root)
        }
        var parts: [Part] = []
        for folder in folders(under: root, maxDepth: maxDepth) {
            let reader = ReportPartReader(root: root, folder: folder)
            parts += reader.parts()
        }
        guard !parts.isEmpty else { throw ReportIndexError.noReports(root) }
        // A shard's own folder or a partial merge beside the merge of every shard it is part of.
        for index in parts.indices where parts[index].verdict == .partial {
            guard let part = parts[index].shardsOfPlan else { continue }
            parts[index].mergedIn = parts.first { other in
                guard [.passed, .failed, .interrupted].contains(other.verdict), let whole = other.shardsOfPlan else { return false }
                return whole.plan == part.plan && part.shards.isSubset(of: whole.shards)
            }?.folder
            if let merge = parts[index].mergedIn { parts[index].facts.append(Fact("Merged in", merge)) }
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        parts.sort { (order[$0.kind] ?? 0, $0.folder) < (order[$1.kind] ?? 0, $1.folder) }
        return ReportIndex(root: root, parts: parts)
    }

    /// `.` and every folder under `root` down to `maxDepth`, as paths relative to `root`, sorted.
    /// A folder reached twice (a symbolic link back up the tree, or to a folder already found) is
    /// listed once, where it is first found, so that no report is indexed twice.
    static func folders(under root: String, maxDepth: Int) -> [String] {
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        var seen: Set<String> = [resolved(root)]
        var found = ["."]
        var level = ["."]
        for _ in 0..<maxDepth {
            var next: [String] = []
            for folder in level {
                let path = folder == "." ? root : (root as NSString).appendingPathComponent(folder)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                for name in names.sorted() where !name.hasPrefix(".") && name != "findings" {
                    var isFolder: ObjCBool = false
                    let child = (path as NSString).appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue,
                       seen.insert(resolved(child)).inserted {
                        next.append(folder == "." ? name : folder + "/" + name)
                    }
                }
            }
            found += next
            level = next
        }
        return found
    }
}

/// Why no index could be made.
public enum ReportIndexError: Error, Equatable, CustomStringConvertible {
    /// The path is missing or a file.
    case notAFolder(String)
    /// Nothing under the folder is a report of gauntlet's.
    case noReports(String)

    public var description: String {
        switch self {
        case .notAFolder(let path):
            "\(path) is not a folder"
        case .noReports(let path):
            "no report under \(path): looked for results.json (gauntlet run), latency.json (gauntlet load or merge) and fuzz.json (gauntlet fuzz)"
        }
    }
}
