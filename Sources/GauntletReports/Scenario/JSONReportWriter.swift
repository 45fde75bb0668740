public import GauntletScenario
public import Foundation

/// Writes a run as `results.json` for programs: the shape is ``JSONReport``'s (durations in
/// milliseconds, a `summary` of outcomes, checks' values as JSON), keys sorted for diffing.
public enum JSONReportWriter {
    /// The JSON document for `run`.
    public static func data(for run: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(JSONReport(run))
    }
}
