import Foundation
public import GauntletFuzz
import GauntletHTTP
public import GauntletJSON

/// Writes what `gauntlet fuzz` found: `fuzz.json`, a JUnit file with one test case per check
/// per operation, and under `findings/` one scenario file per unique finding with a copy of
/// the document its `schema:` checks name.
public enum FuzzReportWriter {
    /// The files written.
    public struct Written: Sendable {
        public var json: String
        public var junit: String
        /// Finding → its scenario file, in the order of ``FuzzResult/findings``.
        public var findingFiles: [String]
    }

    /// Writes every report; `secrets` are replaced by `***` in all of them.
    public static func write(
        _ result: FuzzResult, document: APIDocument, directory: String, junitPath: String, secrets: [String]
    ) throws -> Written {
        let findingsFolder = (directory as NSString).appendingPathComponent("findings")
        try? FileManager.default.removeItem(atPath: findingsFolder)
        var files: [String] = []
        if !result.findings.isEmpty {
            try FileManager.default.createDirectory(atPath: findingsFolder, withIntermediateDirectories: true)
            try write(document.json.serialized(pretty: true), to: (findingsFolder as NSString).appendingPathComponent("openapi.json"), secrets: [])
            var used: Set<String> = []
            for finding in result.findings {
                let file = FindingFile(finding, of: result, secrets: secrets)
                var name = file.baseName
                var suffix = 2
                while used.contains(name) { name = "\(file.baseName)-\(suffix)"; suffix += 1 }
                used.insert(name)
                let path = (findingsFolder as NSString).appendingPathComponent(name + ".yaml")
                try write(file.text, to: path, secrets: secrets)
                files.append(path)
            }
        }
        let jsonPath = (directory as NSString).appendingPathComponent("fuzz.json")
        try write(json(result, files: files).serialized(pretty: true, sortedKeys: false) + "\n", to: jsonPath, secrets: secrets)
        let junitFolder = (junitPath as NSString).deletingLastPathComponent
        try write(junit(result, findingFiles: files, junitFolder: junitFolder, secrets: secrets), to: junitPath, secrets: secrets)
        return Written(json: jsonPath, junit: junitPath, findingFiles: files)
    }

    /// The reports of a run that could not start because the deployment did not serve a usable
    /// document: `fuzz.json` and a JUnit file with that one failure, so CI shows why.
    public static func writeDocumentFailure(_ error: DocumentError, baseURL: String, directory: String, junitPath: String, secrets: [String]) throws -> Written {
        let jsonPath = (directory as NSString).appendingPathComponent("fuzz.json")
        let report: JSONValue = [
            "document": .string(error.source), "baseURL": .string(baseURL), "passed": false, "ending": "no document",
            "error": .string(error.description), "failures": [], "leftBehind": [], "transportErrors": [],
        ]
        try write(report.serialized(pretty: true, sortedKeys: false) + "\n", to: jsonPath, secrets: secrets)
        let suite = JUnitReportWriter.ExtraSuite(name: "fuzz run", cases: [
            JUnitReportWriter.ExtraCase(name: "the deployment serves its OpenAPI document", failureMessage: error.description, failureType: "document"),
        ])
        try write(JUnitReportWriter.xml(extraSuites: [suite], startedAt: Date(), durationSeconds: 0), to: junitPath, secrets: secrets)
        return Written(json: jsonPath, junit: junitPath, findingFiles: [])
    }

    static func write(_ text: String, to path: String, secrets: [String]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try Data(SecretRedaction.redact(text: text, secrets: secrets).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// `fuzz.json`: the run, its findings (each with its file and curl command) and its tallies.
    public static func json(_ result: FuzzResult, files: [String]) -> JSONValue {
        let ending: JSONValue = switch result.ending {
        case .completed: "completed"
        case .timeLimit: "time limit"
        case .interrupted: "interrupted"
        }
        let failures: [JSONValue] = result.findings.enumerated().map { index, finding in
            .object([
                "check": .string(finding.check.rawValue),
                "operation": .string(finding.operation),
                "status": finding.status.map { .integer(Int64($0)) } ?? .null,
                "message": .string(finding.message),
                "input": .string(finding.input),
                "steps": .integer(Int64(finding.steps.count)),
                "shrunkBy": .integer(Int64(finding.shrunkBy)),
                "file": index < files.count ? .string(files[index]) : .null,
                "curl": .string(finding.curlCommand(in: result)),
            ])
        }
        var checks = JSONObject()
        for check in result.tallies.keys.sorted() {
            var operations = JSONObject()
            for (operation, tally) in (result.tallies[check] ?? [:]).sorted(by: { $0.key < $1.key }) {
                _ = operations.updateValue(["passed": .integer(Int64(tally.passed)), "failed": .integer(Int64(tally.failed))], forKey: operation)
            }
            _ = checks.updateValue(.object(operations), forKey: check.rawValue)
        }
        return .object([
            "document": .string(result.documentSource),
            "baseURL": .string(result.baseURL),
            "seed": .integer(Int64(result.seed)),
            "runID": .string(result.runID),
            "seconds": .double((result.seconds * 1000).rounded() / 1000),
            "ending": ending,
            "passed": .bool(result.passed),
            "operations": .integer(Int64(result.operations)),
            "cases": .integer(Int64(result.cases)),
            "requests": .integer(Int64(result.requests)),
            "failures": .array(failures),
            "leftBehind": .array(result.leftBehind.map(JSONValue.string)),
            "unanswered": .integer(Int64(result.unanswered)),
            "transportErrors": .array(result.transportErrors.map(JSONValue.string)),
            "documentProblems": .array(result.documentProblems.map(JSONValue.string)),
            "checks": .object(checks),
        ])
    }

    /// One suite per check, one case per operation it judged; plus the run's own cases: it ran
    /// to the end, every request was answered, nothing was left behind. A failed case names,
    /// for each of its findings, the curl command that reproduces it (shrunk) and its scenario
    /// file, relative to `junitFolder` (what `gauntlet run` replays). `secrets` are replaced by
    /// `***` in every message before it is escaped for XML, where `"` in an echoed secret would
    /// become `&quot;` and no longer read as itself.
    public static func junit(_ result: FuzzResult, findingFiles: [String] = [], junitFolder: String = ".", secrets: [String] = []) -> String {
        var suites: [JUnitReportWriter.ExtraSuite] = []
        for check in result.tallies.keys.sorted() {
            let cases = (result.tallies[check] ?? [:]).sorted { $0.key < $1.key }.map { operation, tally in
                var output = "\(tally.passed) passed, \(tally.failed) failed; \(check.rule)"
                for (index, finding) in result.findings.enumerated() where finding.check == check && finding.operation == operation {
                    output += "\nreproduce: \(finding.curlCommand(in: result))"
                    if index < findingFiles.count {
                        output += "\nfinding: \(RelativePath.from(folder: junitFolder, to: findingFiles[index]))"
                    }
                }
                return JUnitReportWriter.ExtraCase(
                    name: "\(check.rawValue): \(operation)",
                    failureMessage: tally.firstFailure.map { tally.failed > 1 ? "\($0) (and \(tally.failed - 1) more)" : $0 },
                    output: output, failureType: check.rawValue)
            }
            suites.append(JUnitReportWriter.ExtraSuite(name: "fuzz \(check.rawValue)", cases: cases))
        }
        let ending: String? = switch result.ending {
        case .completed: nil
        case .timeLimit(let operation): "the time limit stopped the run during \(operation): later operations got fewer cases or none"
        case .interrupted: "the run was interrupted"
        }
        suites.append(JUnitReportWriter.ExtraSuite(name: "fuzz run", cases: [
            JUnitReportWriter.ExtraCase(name: "every operation got its cases", failureMessage: ending, failureType: "incomplete"),
            JUnitReportWriter.ExtraCase(
                name: "every request was answered",
                failureMessage: result.unanswered == 0 ? nil : "\(result.unanswered) request(s) got no answer; the first: \(result.transportErrors.first ?? "")",
                failureType: "transport"),
            JUnitReportWriter.ExtraCase(
                name: "the document could be used whole",
                failureMessage: result.documentProblems.isEmpty ? nil : result.documentProblems.joined(separator: "; "),
                failureType: "document"),
            JUnitReportWriter.ExtraCase(
                name: "nothing left behind",
                failureMessage: result.leftBehind.isEmpty ? nil : "left behind: " + result.leftBehind.joined(separator: ", "),
                failureType: "left_behind"),
        ]))
        let redacted = suites.map { suite in
            var suite = suite
            suite.cases = suite.cases.map { testCase in
                var testCase = testCase
                testCase.failureMessage = testCase.failureMessage.map { SecretRedaction.redact(text: $0, secrets: secrets) }
                testCase.output = SecretRedaction.redact(text: testCase.output, secrets: secrets)
                return testCase
            }
            return suite
        }
        return JUnitReportWriter.xml(extraSuites: redacted, startedAt: result.startedAt, durationSeconds: result.seconds)
    }
}
