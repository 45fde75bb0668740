import GauntletJSON

/// The `$ref`s of a document that point nowhere inside it (`#/components/schemas/ItemIn` when
/// there is no such schema). OpenAPIKit reads such a document without complaint, and the
/// operation that uses one would go untested in silence: no valid body can be made, no answer
/// can be judged against the schema. The run names each one as a document problem.
enum DanglingReferences {
    /// One line per reference that does not resolve: where it is and what it names.
    static func find(in document: JSONValue) -> [String] {
        var problems: [String] = []
        walk(document, at: "#", in: document, into: &problems)
        return problems
    }

    /// Values that are data, not schema: a `$ref` member inside them is no reference.
    private static let dataKeywords: Set<String> = ["example", "const", "enum"]

    private static func walk(_ value: JSONValue, at location: String, in document: JSONValue, into problems: inout [String]) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if key == "$ref", let reference = member.stringValue, reference.hasPrefix("#/") || reference == "#" {
                    let resolves = (try? JSONPointer(String(reference.dropFirst())))?.resolve(in: document) != nil
                    if !resolves { problems.append("the $ref \(reference) at \(location) does not resolve: nothing in the document has that pointer") }
                    continue
                }
                guard !dataKeywords.contains(key) else { continue }
                walk(member, at: location + "/" + escaped(key), in: document, into: &problems)
            }
        case .array(let items):
            for (index, item) in items.enumerated() { walk(item, at: location + "/\(index)", in: document, into: &problems) }
        default:
            break
        }
    }

    /// A JSON Pointer reference token: `~` as `~0`, `/` as `~1`.
    private static func escaped(_ key: String) -> String {
        key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
