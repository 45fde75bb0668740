import GauntletJSON
import Foundation
import GauntletHTTP

/// A finding as a scenario file in the runner's own format: `gauntlet run FILE --base-url URL`
/// replays it, fails while the deployment is broken and passes once it is fixed.
///
/// The ids the run made become `fuzz-{{scenario_uid}}-N`, so a replay makes its own; a
/// teardown deletes whatever the steps may have created (and says what it could not).
public struct FindingFile: Sendable {
    /// A kind of resource the run created: where it is created and addressed, and the create
    /// body field that holds its id when the client chooses it.
    public struct Resource: Sendable, Hashable {
        public var itemPath: String
        public var createPath: String
        public var idField: String?
        /// Whether a read (`GET` on the item path) tells whether an item is there.
        public var readable = true
    }

    public let finding: Finding
    /// The name of the document copy beside the file, for `schema:` checks.
    public let documentFile: String
    let kinds: [Resource]
    let baseURL: String
    let seed: UInt64
    /// What marks the run's ids (`fuzz-<run id>`): never a value that shows an item the replay's.
    let runTag: String
    /// Values no file may show (`--header` values in every form they may take): replaced by
    /// `***` in every text taken from a request or an answer before it is laid out, since a
    /// secret that wrapping splits over two lines (`Bearer` / `TOKEN`) no longer reads as itself.
    let secrets: [String]

    /// The file for one of `result`'s findings.
    /// - Parameters:
    ///   - finding: The finding.
    ///   - result: The run it came from (its base URL, seed and resource kinds).
    ///   - documentFile: The document copy beside the file, for `schema:` checks.
    ///   - secrets: Values replaced by `***` before the description is wrapped.
    public init(_ finding: Finding, of result: FuzzResult, documentFile: String = "openapi.json", secrets: [String] = []) {
        self.finding = Self.capturingEachCreateApart(finding)
        self.documentFile = documentFile
        self.secrets = secrets
        self.kinds = result.resources
        self.baseURL = result.baseURL
        self.seed = result.seed
        self.runTag = "fuzz-\(result.runID)"
    }

    /// `negative_data_rejection-POST-events-201`: a name that sorts by check.
    public var baseName: String {
        let operation = finding.operation.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let collapsed = String(operation).split(separator: "-").joined(separator: "-")
        return "\(finding.check.rawValue)-\(collapsed)-\(finding.status.map(String.init) ?? "x")"
    }

    /// The YAML text.
    public var text: String {
        var lines: [String] = []
        // Named as the finding is keyed (check, operation, status): two findings' files replayed
        // together are testcases of their own (one suite and scenario name in two files is refused).
        let answered = finding.status.map { " answered \($0)" } ?? ""
        lines.append("suite: \(quoted("gauntlet fuzz: \(finding.check.rawValue) on \(finding.operation)\(answered)"))")
        lines.append("description: >")
        let found = "Found by gauntlet fuzz (seed \(seed)) against \(baseURL): \(finding.check.rule). Input: \(finding.input). What came back: \(finding.message)"
        for line in wrap(printable(SecretRedaction.redact(text: found, secrets: secrets))) {
            lines.append("  " + line)
        }
        lines.append("  Replay: gauntlet run THIS-FILE --base-url URL")
        let ids = placeholders
        if !ids.isEmpty {
            lines.append("variables:")
            for (index, _) in ids.enumerated() { lines.append("  id_\(index + 1): \(quoted("fuzz-{{scenario_uid}}-\(index + 1)"))") }
        }
        let items = createdItems
        lines += teardownLines(items)
        lines.append("scenarios:")
        lines.append("  - name: \(quoted("\(finding.operation): \(finding.check.rule) (\(finding.input))"))")
        lines.append("    steps:")
        var answeredIDs: [String: String] = [:]
        for (index, step) in finding.steps.enumerated() {
            // A literal id is checked free before it is created, and its create's status kept:
            // the teardown deletes it only when this replay made it.
            var captures: [String: String] = [:]
            for item in items where !item.isOwn && item.firstCreate == index {
                if let check = freeCheckLines(item) { lines += check }
                captures[item.createdVariable] = "{ status: true, optional: true }"
            }
            lines += stepLines(step, statusCaptures: captures, answered: answeredIDs)
            lines += proofReadLines(after: index)
            answeredIDs.merge(step.answeredIDs) { _, later in later }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `finding` with the ids each create's answer named captured into variables of its own: of
    /// three creates of one kind, the second's go into `answered_eventId_2`, so that every later
    /// step, and the teardown, addresses the item its own create made, not the last one's.
    static func capturingEachCreateApart(_ finding: Finding) -> Finding {
        var finding = finding
        var used: Set<String> = []
        for index in finding.steps.indices {
            var step = finding.steps[index]
            for variable in Set(step.answeredIDs.values).sorted() where used.contains(variable) {
                var number = 2
                while used.contains("\(variable)_\(number)") { number += 1 }
                let distinct = "\(variable)_\(number)"
                step.captures[distinct] = step.captures.removeValue(forKey: variable)
                step.answeredIDs = step.answeredIDs.mapValues { $0 == variable ? distinct : $0 }
            }
            used.formUnion(step.answeredIDs.values)
            finding.steps[index] = step
        }
        return finding
    }

    /// The ids in the steps, longest first so that `fuzz-x-12` is replaced before `fuzz-x-1`.
    var placeholders: [String] { finding.resourceIDs }

    func templated(_ text: String) -> String {
        var result = text
        let ordered = placeholders.enumerated().sorted { $0.element.count > $1.element.count }
        for (index, id) in ordered { result = result.replacingOccurrences(of: id, with: "{{id_\(index + 1)}}") }
        return result
    }

    /// `target` with each path segment that is one of `answered`'s ids (as the run sent it,
    /// encoded) naming the variable an earlier step captured it into.
    func naming(_ answered: [String: String], in target: String) -> String {
        guard !answered.isEmpty else { return target }
        let path = target.prefix { $0 != "?" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            answered.first { FuzzRequest.encode($0.key) == segment }.map { "{{\($0.value) | urlencode}}" } ?? String(segment)
        }
        return segments.joined(separator: "/") + target.dropFirst(path.count)
    }

    /// The lines of one step; `statusCaptures` (variable → capture) join its own captures, and
    /// its path names the captures of `answered` (id → variable).
    private func stepLines(_ step: FindingStep, statusCaptures: [String: String] = [:], answered: [String: String] = [:]) -> [String] {
        var lines = ["      - name: \(quoted(step.name))"]
        var request = ["method: \(step.request.method)", "path: \(quoted(templated(naming(answered, in: step.request.target))))"]
        if let body = step.request.body {
            let (text, contentType): (String?, String) = switch body {
            case .json(let value): (value.serialized(sortedKeys: false), "application/json")
            case .raw(let bytes, let type): (String(validating: bytes, as: UTF8.self), type)
            }
            var headers = step.request.headers.map { "\(quoted($0.name)): \(quoted($0.value))" }
            headers.append("Content-Type: \(quoted(contentType))")
            request.append("headers: { \(headers.joined(separator: ", ")) }")
            // Text when it is UTF-8 without placeholders of its own; else the exact bytes.
            if let text, !text.contains("{{") {
                request.append("body: \(quoted(templated(text)))")
            } else {
                request.append("body_base64: \(quoted(Data(body.bytes).base64EncodedString()))")
            }
        }
        lines.append("        request: { \(request.joined(separator: ", ")) }")
        var expect: [String] = []
        for expectation in step.expectations {
            switch expectation {
            case .given(let status): lines.append("        given: { status: \(status.serialized()) }")
            case .status(let status): expect.append("status: \(status.serialized())")
            case .schema(let pointer): expect.append("schema: \(quoted(documentFile + pointer.description))")
            case .contentType(let types):
                let pattern = "^(" + types.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + ")\\s*(;|$)"
                expect.append("headers: { Content-Type: { matches: \(quoted(pattern)) } }")
            case .headers(let names):
                expect.append("headers: { " + names.map { "\(quoted($0)): { exists: true }" }.joined(separator: ", ") + " }")
            case .allowListing(let methods):
                let pattern = "(?i)^" + methods.map { "(?=.*\\b\($0)\\b)" }.joined()
                expect.append("headers: { Allow: { matches: \(quoted(pattern)) } }")
            case .body(let value): expect.append("body: \(templated(value.serialized(sortedKeys: false)))")
            case .everyItem(let array, let field, let value):
                let literal = value.stringValue.map(JSONPath.stringLiteral) ?? value.serialized()
                expect.append("jsonpath: { \(quoted("\(array)[?@.\(field) != \(literal)]")): { count: 0 } }")
            }
        }
        if !expect.isEmpty { lines.append("        expect: { \(expect.joined(separator: ", ")) }") }
        if step.waitsForWrites { lines.append("        retry: { times: \(Fuzzer.settlingRetries), interval: 200ms }") }
        let captures = step.captures.mapValues { step.capturesAreOptional ? "{ jsonpath: \(quoted($0)), optional: true }" : quoted($0) }
            .merging(statusCaptures) { own, _ in own }
        if !captures.isEmpty {
            lines.append("        capture: { " + captures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + " }")
        }
        return lines
    }

    /// A YAML double-quoted scalar (JSON's string syntax, which YAML reads the same way), with
    /// every character YAML does not allow in a file escaped as `\uXXXX` too: JSON leaves DEL,
    /// the C1 controls and U+FFFE/U+FFFF as they are, and a YAML reader refuses the whole file.
    func quoted(_ text: String) -> String {
        Self.escapingUnprintable(JSONValue.string(text).serialized())
    }

    /// `text` with every scalar YAML does not allow as `\uXXXX` (line breaks kept when asked).
    static func escapingUnprintable(_ text: String, keepingLineBreaks: Bool = false) -> String {
        String(text.unicodeScalars.map { scalar in
            isPrintableInYAML(scalar) || (keepingLineBreaks && (scalar == "\n" || scalar == "\r"))
                ? String(scalar) : String(format: "\\u%04X", scalar.value)
        }.joined())
    }

    /// Whether YAML allows the character in a file as it is (its `c-printable`, less the line
    /// breaks a one-line value must not hold).
    static func isPrintableInYAML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Text for the folded description: what YAML does not allow shown as `\uXXXX`, so that an
    /// answer of raw bytes (a NUL, a stray 0xFF read as U+FFFD, DEL) cannot make the file unreadable.
    private func printable(_ text: String) -> String {
        Self.escapingUnprintable(text, keepingLineBreaks: true)
    }

    private func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        let flat = text.map { $0.isNewline ? " " : $0 }
        for word in String(flat).split(separator: " ", omittingEmptySubsequences: false) {
            if line.count + word.count > 96, !line.isEmpty {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
