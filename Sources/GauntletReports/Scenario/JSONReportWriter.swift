public import GauntletScenario
public import Foundation

/// Writes a run as JSON: the result values themselves, keys sorted, for tools and for diffing.
public enum JSONReportWriter {
    /// The JSON document for `run`.
    public static func data(for run: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(run)
    }
}
