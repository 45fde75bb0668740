import Foundation
import GauntletJSON
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat

/// Reads an OpenAPI document with OpenAPIKit: a 3.1 or 3.2 one is checked as it is; a 3.0 one is
/// converted to 3.1 and written back as JSON, so that the rest of fuzzing sees one dialect.
enum OpenAPIReader {
    /// The document in its 3.1 form and the version it declared.
    static func read(_ bytes: [UInt8], source: String) throws(DocumentError) -> (JSONValue, String) {
        let raw: JSONValue
        do {
            raw = try JSONValue(parsing: bytes)
        } catch {
            throw DocumentError(source: source, "not a JSON document: \(error)")
        }
        guard let version = raw["openapi"]?.stringValue else {
            if raw["swagger"] != nil {
                throw DocumentError(source: source, "a Swagger 2.0 document; OpenAPI 3.0, 3.1 or 3.2 is needed")
            }
            throw DocumentError(source: source, "not an OpenAPI document: it has no 'openapi' version")
        }
        // OpenAPIKit reads an integer schema's bounds as integers; the document may write any number.
        let data = Data(IntegerBounds.integral(raw).serialized(sortedKeys: false).utf8)
        do {
            if version.hasPrefix("3.0") {
                let old = try JSONDecoder().decode(OpenAPIKit30.OpenAPI.Document.self, from: data)
                let converted = old.convert(to: .v3_1_1)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return (NullableCompositions.mended(try JSONValue(parsing: Array(try encoder.encode(converted)))), version)
            }
            guard version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
                throw DocumentError(source: source, "OpenAPI \(version) is not supported; 3.0, 3.1 or 3.2 is")
            }
            _ = try JSONDecoder().decode(OpenAPIKit.OpenAPI.Document.self, from: data)
            return (raw, version)
        } catch let error as DocumentError {
            throw error
        } catch let error as JSONParseError {
            throw DocumentError(source: source, "could not convert the 3.0 document: \(error)")
        } catch {
            throw DocumentError(source: source, "not valid OpenAPI \(version): \(OpenAPIKit.OpenAPI.Error(from: error).localizedDescription)")
        }
    }
}
