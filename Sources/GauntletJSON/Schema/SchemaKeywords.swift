/// A schema object's keywords, with typed readers that reject malformed values.
struct Keywords {
    /// The schema object.
    let keywords: JSONObject
    /// Where the schema object is.
    let path: SchemaLocation

    subscript(keyword: String) -> JSONValue? {
        keywords[keyword]
    }

    func malformed(_ keyword: String, _ problem: String) -> JSONSchemaError {
        JSONSchemaError("malformed schema: \(keyword) at \(path.appending(keyword)) \(problem)")
    }

    func string(_ keyword: String) throws(JSONSchemaError) -> String? {
        guard let value = keywords[keyword] else { return nil }
        guard case .string(let string) = value else { throw malformed(keyword, "must be a string") }
        return string
    }

    func bool(_ keyword: String) throws(JSONSchemaError) -> Bool? {
        guard let value = keywords[keyword] else { return nil }
        guard case .bool(let bool) = value else { throw malformed(keyword, "must be a boolean") }
        return bool
    }

    /// The Boolean when the keyword holds one; `nil` when it is absent or a number; an error otherwise.
    func boolIfBool(_ keyword: String) throws(JSONSchemaError) -> Bool? {
        switch keywords[keyword] {
        case .bool(let bool)?: return bool
        case nil, .integer?, .double?: return nil
        default: throw malformed(keyword, "must be a number")
        }
    }

    /// The Boolean when the keyword holds one, else `nil`.
    func boolIfBoolOrNil(_ keyword: String) -> Bool? {
        keywords[keyword]?.boolValue
    }

    func number(_ keyword: String) throws(JSONSchemaError) -> JSONValue? {
        guard let value = keywords[keyword] else { return nil }
        switch value {
        case .integer, .double: return value
        default: throw malformed(keyword, "must be a number")
        }
    }

    /// A non-negative integer (an integral `.double` such as `1.0` counts, as the spec allows).
    func count(_ keyword: String) throws(JSONSchemaError) -> Int? {
        guard let value = keywords[keyword] else { return nil }
        switch value {
        case .integer(let integer) where integer >= 0: return Int(integer)
        case .double(let double) where double >= 0 && double == double.rounded() && double < 9e15: return Int(double)
        default: throw malformed(keyword, "must be a non-negative integer")
        }
    }

    func schemaArray(_ keyword: String) throws(JSONSchemaError) -> [JSONValue]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .array(let schemas) = value, !schemas.isEmpty else { throw malformed(keyword, "must be a non-empty array of schemas") }
        return schemas
    }
}
