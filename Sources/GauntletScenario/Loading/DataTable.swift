import Foundation
package import GauntletJSON
import Yams

/// The rows of a data file, one scenario instance each: `cases_from: FILE` in a scenario,
/// `--data FILE` on the command line.
///
/// A `.csv` file has a header row naming the variables and one record per row (RFC 4180: fields
/// with commas, quotes or line breaks are quoted, quotes doubled); a cell reads as a number,
/// `true`, `false` or `null` only when it is exactly how JSON writes that value (`42`, `-1.5`),
/// so `007` or `1e3` stay text. A `.json` file is an array of objects, values typed as JSON
/// types them. Values may hold templates (`"user-{{scenario_uid}}"`), checked like the file's.
package struct DataTable: Sendable {
    /// The rows, in file order.
    package var rows: [[String: JSONValue]]
    /// The templates written in the cells, for the check of their names.
    package var templates: [TemplateUse]

    /// The first row's values of the names every row has: what a scenario's templates may name
    /// from the table wherever they run.
    package var rowOfCommonNames: [String: JSONValue] {
        guard var common = rows.first else { return [:] }
        for row in rows.dropFirst() where common.keys.contains(where: { row[$0] == nil }) {
            common = common.filter { row[$0.key] != nil }
        }
        return common
    }

    /// Reads a data file by its extension (`.csv`, or `.json`).
    /// - Throws: ``ScenarioLoadError`` naming the file, line and column of every problem.
    package static func load(contentsOf path: String) throws(ScenarioLoadError) -> DataTable {
        let origin = ScenarioLocation(file: path, line: 1, column: 1)
        let lowered = path.lowercased()
        guard lowered.hasSuffix(".csv") || lowered.hasSuffix(".json") else {
            throw ScenarioLoadError([ScenarioDiagnostic("a data file is .csv (with a header row) or .json (an array of objects)", at: origin)])
        }
        let text = try ScenarioLoader.text(of: path)
        return lowered.hasSuffix(".csv") ? try csv(text, path: path) : try json(text, path: path)
    }

    /// The rows of CSV text with a header row.
    /// - Throws: ``ScenarioLoadError`` for malformed CSV, a bad header or a record of the wrong length.
    package static func csv(_ text: String, path: String) throws(ScenarioLoadError) -> DataTable {
        func at(_ line: Int, _ column: Int) -> ScenarioLocation { ScenarioLocation(file: path, line: line, column: column) }
        let records: [[CSVReader.Field]]
        do { records = try CSVReader.records(of: text) } catch {
            throw ScenarioLoadError([ScenarioDiagnostic(error.message, at: at(error.line, error.column))])
        }
        guard let header = records.first else {
            throw ScenarioLoadError([ScenarioDiagnostic("the CSV file is empty; it needs a header row naming the variables", at: at(1, 1))])
        }
        var diagnostics: [ScenarioDiagnostic] = []
        var seen: Set<String> = []
        for field in header {
            let name = field.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                diagnostics.append(ScenarioDiagnostic("a column of the header row has no name", at: at(field.line, field.column)))
            } else if !seen.insert(name).inserted {
                diagnostics.append(ScenarioDiagnostic("the header row names '\(name)' twice", at: at(field.line, field.column)))
            }
        }
        var table = DataTable(rows: [], templates: [])
        for record in records.dropFirst() {
            guard record.count == header.count else {
                diagnostics.append(ScenarioDiagnostic(
                    "this row has \(record.count) field(s), the header row \(header.count)", at: at(record[0].line, record[0].column)))
                continue
            }
            var row: [String: JSONValue] = [:]
            for (name, field) in zip(header, record) {
                row[name.text.trimmingCharacters(in: .whitespaces)] = typedCell(field.text)
                if field.text.contains("{{") || field.text.contains("}}") {
                    do {
                        let template = try Template(field.text)
                        if !template.isLiteral {
                            table.templates.append(TemplateUse(placeholders: template.placeholders, location: at(field.line, field.column)))
                        }
                    } catch {
                        diagnostics.append(ScenarioDiagnostic(error.message, at: at(field.line, field.column)))
                    }
                }
            }
            table.rows.append(row)
        }
        if diagnostics.isEmpty && table.rows.isEmpty {
            diagnostics.append(ScenarioDiagnostic("the CSV file has a header row but no rows", at: at(header[0].line, header[0].column)))
        }
        if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
        return table
    }

    /// A cell's value: a number, boolean or null when the text is exactly JSON's spelling of
    /// it, else the text.
    static func typedCell(_ text: String) -> JSONValue {
        guard let value = try? JSONValue(parsing: Array(text.utf8)) else { return .string(text) }
        switch value {
        case .integer, .double, .bool, .null: return value.serialized() == text ? value : .string(text)
        default: return .string(text)
        }
    }

    /// The rows of a JSON array of objects.
    /// - Throws: ``ScenarioLoadError`` for a syntax error or anything but an array of objects.
    package static func json(_ text: String, path: String) throws(ScenarioLoadError) -> DataTable {
        // JSON's own syntax error, where it is, rather than what a YAML reader makes of it.
        do { _ = try JSONValue(parsing: Array(text.utf8)) } catch {
            throw ScenarioLoadError([ScenarioDiagnostic(
                "not valid JSON: \(error.message)", at: ScenarioLocation(file: path, line: error.line, column: error.column))])
        }
        let root = try ScenarioLoader.compose(yaml: text, path: path)
        var reader = YAMLReader(file: path)
        var table = DataTable(rows: [], templates: [])
        guard case .sequence(let items) = root else {
            reader.error("a JSON data file is an array of objects, one per row, found \(reader.kind(of: root))", at: root)
            throw ScenarioLoadError(reader.diagnostics)
        }
        for item in items {
            guard case .mapping = item else {
                reader.error("each row of a JSON data file is an object, found \(reader.kind(of: item))", at: item)
                continue
            }
            table.rows.append(reader.variables(item))
        }
        if items.isEmpty { reader.error("the JSON data file has no rows", at: root) }
        if !reader.diagnostics.isEmpty { throw ScenarioLoadError(reader.diagnostics) }
        table.templates = reader.templateUses
        return table
    }
}
