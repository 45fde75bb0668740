public import GauntletLoad
import Foundation

/// Writes a load's latency reports into a directory: `latency.json`, `latency.html`,
/// `summary.md` and one `.hgrm` per request name plus `latency-total.hgrm`.
public enum LatencyReportWriter {
    /// The files every load writes, beside its `.hgrm` histograms.
    public static let fileNames = ["latency.json", "latency.html", "summary.md", "latency-total.hgrm"]

    /// Writes every report, creating the directory if needed.
    /// - Returns: The paths written, in a stable order.
    /// - Throws: When the directory or a file cannot be written.
    public static func write(_ result: LoadResult, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var base = directory
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var written: [String] = []
        func save(_ name: String, _ data: Data) throws {
            let path = base + "/" + name
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        try save(fileNames[0], try LatencyReportJSON(result).encoded())
        try save(fileNames[1], Data(LatencyReportHTML.render(result).utf8))
        try save(fileNames[2], Data(LatencyReportMarkdown.render(result).utf8))
        try save(fileNames[3], Data(HistogramText.percentileDistribution(result.total.latency).utf8))
        var used: Set<String> = [fileNames[3]]
        for stats in result.byName {
            var name = HistogramText.fileName(for: stats.name)
            while !used.insert(name).inserted { name = "_" + name }
            try save(name, Data(HistogramText.percentileDistribution(stats.latency).utf8))
        }
        // A folder used again keeps no histogram of a request this load did not make: it would
        // read as part of this load.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        // Histograms are named latency-NAME.hgrm, with a '_' before it for each clash of names.
        for name in names where name.drop(while: { $0 == "_" }).hasPrefix("latency-") && name.hasSuffix(".hgrm") && !used.contains(name) {
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
        return written
    }
}
