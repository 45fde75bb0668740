import Foundation
import GauntletJSON

/// The schema documents a run's scenarios name, loaded and checked once before any request.
public struct SchemaCatalog: Sendable {
    /// Validators by resolved file path.
    var validators: [String: JSONSchemaValidator]

    /// A catalog of no document, for steps that name none.
    public init() { self.validators = [:] }

    /// Loads every document the files' `schema:` expectations name and checks every pointer resolves.
    /// - Throws: ``ScenarioLoadError`` naming each expectation whose file or pointer is bad.
    public init(for files: [ScenarioFile]) throws(ScenarioLoadError) {
        var validators: [String: JSONSchemaValidator] = [:]
        var diagnostics: [ScenarioDiagnostic] = []
        for file in files {
            for (expectation, fileName, pointer) in Self.schemaExpectations(in: file) {
                let path = Self.resolve(fileName, relativeTo: file.path)
                if validators[path] == nil {
                    do {
                        guard let data = FileManager.default.contents(atPath: path) else {
                            diagnostics.append(ScenarioDiagnostic("cannot read schema file '\(path)'", at: expectation.location))
                            continue
                        }
                        validators[path] = JSONSchemaValidator(document: Self.asAnswersRead(try JSONValue(parsing: [UInt8](data))), assertsFormats: true)
                    } catch {
                        diagnostics.append(ScenarioDiagnostic("schema file '\(path)' is not JSON: \(error)", at: expectation.location))
                        continue
                    }
                }
                do {
                    _ = try validators[path]!.validate(.null, against: pointer)
                } catch {
                    diagnostics.append(ScenarioDiagnostic("schema '\(fileName)\(pointer)': \(error)", at: expectation.location))
                }
            }
        }
        if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
        self.validators = validators
    }

    /// `document` as a `schema:` check of an answer reads it: an OpenAPI document's `writeOnly`
    /// properties (a `password`) are required of requests only (``OpenAPIVisibility``).
    static func asAnswersRead(_ document: JSONValue) -> JSONValue {
        document["openapi"] == nil ? document : OpenAPIVisibility.document(document, for: .response)
    }

    func validate(_ instance: JSONValue, file: String, pointer: String, relativeTo scenarioFile: String) throws -> [SchemaViolation] {
        let path = Self.resolve(file, relativeTo: scenarioFile)
        guard let validator = validators[path] else { throw TemplateError("schema file '\(path)' was not loaded") }
        return try validator.validate(instance, against: pointer)
    }

    static func resolve(_ file: String, relativeTo scenarioFile: String) -> String {
        if file.hasPrefix("/") { return file }
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(file)
    }

    static func schemaExpectations(in file: ScenarioFile) -> [(Expectation, String, String)] {
        let steps = file.teardown + file.scenarios.flatMap { $0.steps + $0.teardown }
        return steps.flatMap { step in
            step.expectations.compactMap { expectation in
                if case .schema(let name, let pointer) = expectation.subject { return (expectation, name, pointer) }
                return nil
            }
        }
    }
}
