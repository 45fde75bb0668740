import GauntletJSON

extension SchemaView {
    /// The values an `enum` lists for `schema`, null left out, found where a framework puts it:
    /// at the top, behind `$ref`, or in a branch of `anyOf`/`oneOf`/`allOf`. FastAPI renders
    /// `Optional[Status]` as `{"anyOf": [{"enum": [...]}, {"type": "null"}]}` (the branch often a
    /// `$ref` to a components schema); a check that read only a top-level `enum` would skip it.
    /// `nil` when no branch has one.
    static func choices(of schema: JSONValue, in document: JSONValue, depth: Int = 0) -> [JSONValue]? {
        guard depth < 8, case .object(let object) = APIDocument.followingReferences(schema, in: document).value else { return nil }
        if let values = object["enum"]?.arrayValue {
            let choices = values.filter { $0 != .null }
            if !choices.isEmpty { return choices }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for branch in object[key]?.arrayValue ?? [] {
                if let choices = choices(of: branch, in: document, depth: depth + 1) { return choices }
            }
        }
        return nil
    }
}
