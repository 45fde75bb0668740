import Foundation
public import GauntletJSON
import Yams

/// `--variables-file FILE` (Hurl's word): variables for every scenario, read from a file.
///
/// A `.yaml`/`.yml` file is a mapping of names to values, as a scenario file's `variables:`.
/// Any other file is read as `.env` lines, as python-dotenv reads them: `NAME=value` (an optional
/// `export ` before the name), blank lines and lines starting with `#` ignored, a ` # comment` after a
/// value dropped; a value in single or double quotes is that text (double quotes read `\n`, `\"`
/// and the other backslash escapes), any other value is typed as `--var` types it (`422` is a
/// number, `true` a boolean).
public enum VariablesFile {
    /// Reads one variables file.
    /// - Throws: ``ScenarioLoadError`` naming the file, line and column of every problem.
    public static func load(contentsOf path: String) throws(ScenarioLoadError) -> [String: JSONValue] {
        let text = try ScenarioLoader.text(of: path)
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") ? try yaml(text, path: path) : try dotenv(text, path: path)
    }

    /// Reads several files in order; a later file's value wins over an earlier one's.
    /// - Throws: ``ScenarioLoadError`` with every problem of every file.
    public static func load(contentsOf paths: [String]) throws(ScenarioLoadError) -> [String: JSONValue] {
        var merged: [String: JSONValue] = [:]
        var diagnostics: [ScenarioDiagnostic] = []
        for path in paths {
            do { merged.merge(try load(contentsOf: path)) { _, later in later } } catch { diagnostics += error.diagnostics }
        }
        if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
        return merged
    }

    /// `NAME=value` lines.
    /// - Throws: ``ScenarioLoadError`` for a line without `=`, a bad name or an unclosed quote.
    public static func dotenv(_ text: String, path: String) throws(ScenarioLoadError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        var diagnostics: [ScenarioDiagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            var rest = line.dropFirst(indent)
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            func at(_ column: Int) -> ScenarioLocation { ScenarioLocation(file: path, line: offset + 1, column: column) }
            var column = indent + 1
            if rest.hasPrefix("export ") {
                rest = rest.dropFirst(7)
                column += 7
            }
            guard let equals = rest.firstIndex(of: "=") else {
                diagnostics.append(ScenarioDiagnostic("expected NAME=value (a line of a .env file), found '\(rest)'", at: at(column)))
                continue
            }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isName(name) else {
                diagnostics.append(ScenarioDiagnostic(
                    "'\(name)' is not a variable name (letters, digits, '_' and '-', not starting with a digit)", at: at(column)))
                continue
            }
            let afterEquals = rest[rest.index(after: equals)...]
            let leading = afterEquals.prefix { $0 == " " || $0 == "\t" }.count
            let valueColumn = column + rest.distance(from: rest.startIndex, to: equals) + 1 + leading
            switch DotenvValue(afterEquals.dropFirst(leading)) {
            case .text(let text): result[name] = .string(text)
            case .unquoted(let text): result[name] = (try? JSONValue(parsing: Array(text.utf8))) ?? .string(text)
            case .problem(let message, let offset): diagnostics.append(ScenarioDiagnostic(message, at: at(valueColumn + offset)))
            }
        }
        if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
        return result
    }

    /// A YAML mapping of names to values.
    /// - Throws: ``ScenarioLoadError`` for a syntax error, or anything but a mapping of names.
    public static func yaml(_ text: String, path: String) throws(ScenarioLoadError) -> [String: JSONValue] {
        let root = try ScenarioLoader.compose(yaml: text, path: path)
        var reader = YAMLReader(file: path)
        guard case .mapping = root else {
            reader.error("a variables file is a mapping of names to values (name: value), found \(reader.kind(of: root))", at: root)
            throw ScenarioLoadError(reader.diagnostics)
        }
        var result: [String: JSONValue] = [:]
        for (name, value, keyNode) in reader.pairs(of: root, in: "a variables file") {
            guard Self.isName(name) else {
                reader.error("'\(name)' is not a variable name (letters, digits, '_' and '-', not starting with a digit)", at: keyNode)
                continue
            }
            result[name] = reader.json(value)
        }
        if !reader.diagnostics.isEmpty { throw ScenarioLoadError(reader.diagnostics) }
        return result
    }

    /// Letters, digits, `_` and `-`, not starting with a digit.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" }
    }
}
