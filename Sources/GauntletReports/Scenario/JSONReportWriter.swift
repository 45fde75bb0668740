public import GauntletScenario
public import Foundation
import GauntletJSON

/// Writes a run as `results.json` for programs: the shape is ``JSONReport``'s (durations in
/// milliseconds, a `summary` of outcomes, checks' values as JSON), keys sorted for diffing.
public enum JSONReportWriter {
    /// The JSON document for `run`.
    public static func data(for run: RunResult) throws -> Data {
        var text = ""
        try write(run, into: &text)
        return Data(text.utf8)
    }

    /// Writes the document ``data(for:)`` returns into `output` a scenario at a time (a
    /// ``ReportFileWriter``): the run's head and each suite's members as one document would
    /// have them, each scenario encoded on its own, so that a run of 100,000 testcases is never
    /// one document in memory.
    public static func write<Output: TextOutputStream>(_ run: RunResult, into output: inout Output) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        func value(_ encodable: some Encodable) throws -> JSONValue {
            restoringCheckValues(in: try JSONValue(parsing: Array(try encoder.encode(encodable))))
        }
        // The document with empty `scenarios` arrays, its text cut where each suite's scenarios
        // go: only a member reads `"scenarios": []` (a string's quotes are escaped, and the
        // summary's `scenarios` is a number), one per suite, in the suites' order.
        let skeleton = try value(JSONReport(run, withScenarios: false)).serialized(pretty: true, sortedKeys: true)
        var pieces = skeleton.components(separatedBy: "\"scenarios\": []")
        let suites = run.suites
        guard pieces.count == suites.count + 1 else {
            throw EncodingError.invalidValue(run, .init(
                codingPath: [], debugDescription: "results.json: \(pieces.count - 1) scenarios members for \(suites.count) suites"))
        }
        for (index, suite) in suites.enumerated() {
            output.write(pieces[index])
            pieces[index] = ""
            guard !suite.scenarios.isEmpty else {
                output.write("\"scenarios\": []")
                continue
            }
            output.write("\"scenarios\": [")
            for (position, scenario) in suite.scenarios.enumerated() {
                // Four levels deep: the document, `suites`, the suite, `scenarios`.
                output.write(position == 0 ? "\n        " : ",\n        ")
                output.write(try value(JSONReport.Scenario(scenario)).serialized(pretty: true, sortedKeys: true, indent: 4))
            }
            output.write("\n      ]")
        }
        output.write(pieces[suites.count])
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
