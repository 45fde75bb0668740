import Foundation
import GauntletJSON

/// The `$ref`s of a document that point nowhere inside it (`#/components/schemas/ItemIn` when
/// there is no such schema). OpenAPIKit reads such a document without complaint, and the
/// operation that uses one would go untested in silence: no valid body can be made, no answer
/// can be judged against the schema. The run names each one as a document problem.
///
/// Only what the operations use is looked at: the `paths`, and what their references lead to,
/// followed once each. A broken reference in a component no operation uses, or inside an `x-`
/// extension, leaves nothing untested.
enum DanglingReferences {
    /// One line per reference that does not resolve: where it is and what it names.
    static func find(in document: JSONValue) -> [String] {
        var walk = Walk(document: document)
        if let paths = document.objectValue?["paths"] { walk.visit(paths, at: "#/paths") }
        return walk.problems
    }

    /// Values that are data, not schema: a `$ref` member inside them is no reference.
    private static let dataKeywords: Set<String> = ["example", "examples", "const", "enum", "default"]

    private struct Walk {
        let document: JSONValue
        var problems: [String] = []
        /// The pointers already followed, so that a recursive schema is walked once.
        var followed: Set<String> = []

        mutating func visit(_ value: JSONValue, at location: String) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key == "$ref", let reference = member.stringValue, reference.hasPrefix("#/") || reference == "#" {
                        follow(reference, at: location)
                        continue
                    }
                    guard !dataKeywords.contains(key), !key.hasPrefix("x-") else { continue }
                    visit(member, at: location + "/" + DanglingReferences.escaped(key))
                }
            case .array(let items):
                for (index, item) in items.enumerated() { visit(item, at: location + "/\(index)") }
            default:
                break
            }
        }

        /// Resolves a reference (its fragment percent-decoded, as a URI fragment is) and walks
        /// what it names the first time; records it when it names nothing.
        mutating func follow(_ reference: String, at location: String) {
            let fragment = String(reference.dropFirst())
            let pointer = fragment.removingPercentEncoding ?? fragment
            guard let target = (try? JSONPointer(pointer))?.resolve(in: document) else {
                problems.append("the $ref \(reference) at \(location) does not resolve: nothing in the document has that pointer")
                return
            }
            guard followed.insert(pointer).inserted else { return }
            visit(target, at: "#" + pointer)
        }
    }

    /// A JSON Pointer reference token: `~` as `~0`, `/` as `~1`.
    private static func escaped(_ key: String) -> String {
        key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
