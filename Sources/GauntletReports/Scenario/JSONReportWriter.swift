public import GauntletScenario
public import Foundation
import GauntletJSON

/// Writes a run as `results.json` for programs: the shape is ``JSONReport``'s (durations in
/// milliseconds, a `summary` of outcomes, checks' values as JSON), keys sorted for diffing.
public enum JSONReportWriter {
    /// The JSON document for `run`.
    public static func data(for run: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let document = try JSONValue(parsing: Array(try encoder.encode(JSONReport(run))))
        return Data(restoringCheckValues(in: document).serialized(pretty: true, sortedKeys: true).utf8)
    }

    /// The document with every check's `operand`, `expected` and `actual` parsed back from the
    /// text ``JSONReport/ExactJSON`` carried them as, keys exactly as the deployment sent them.
    static func restoringCheckValues(in value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map(restoringCheckValues))
        case .object(let members):
            var out = JSONObject()
            for (key, member) in members {
                if key == "assertions" || key == "preconditions", let checks = member.arrayValue {
                    out[key] = .array(checks.map(restoringValues(ofCheck:)))
                } else {
                    out[key] = restoringCheckValues(in: member)
                }
            }
            return .object(out)
        default:
            return value
        }
    }

    static func restoringValues(ofCheck check: JSONValue) -> JSONValue {
        guard var members = check.objectValue else { return check }
        for key in ["operand", "expected", "actual"] {
            if let text = members[key]?.stringValue, let value = try? JSONValue(parsing: text) {
                members[key] = value
            }
        }
        return .object(members)
    }
}
