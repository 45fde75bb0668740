import Foundation
import GauntletJSON
import Testing

/// The public conformance suites (`shared/testsuites`), which CI copies beside the repository.
enum ConformanceSuite {
    /// `<package root>/../shared/testsuites`; the package root is three levels above this file.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testsuites").standardizedFileURL

    /// The suite file at `path` inside ``folder``, parsed; records an issue naming the expected location
    /// when the folder or the file is missing, so a missing suite fails rather than passes silently.
    static func load(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let url = folder.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("conformance suite file not found: \(url.path) (shared/testsuites must sit beside the package root)", sourceLocation: sourceLocation)
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONValue(parsing: [UInt8](data))
    }

    /// The `*.json` files directly inside `path`, sorted; records an issue when there are none.
    static func jsonFiles(in path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let url = folder.appendingPathComponent(path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        if files.isEmpty {
            Issue.record("no conformance suite files in \(url.path) (shared/testsuites must sit beside the package root)", sourceLocation: sourceLocation)
        }
        return files
    }
}
