import Foundation
import GauntletJSON

/// What a finding file creates and how its teardown removes it: only what the replay itself made.
///
/// An id the run made (`fuzz-<run>-N`, or a value built on it) becomes the replay's own
/// (`fuzz-{{scenario_uid}}-N`) and is deleted whatever happened. A literal id the finding needs
/// as it is (the smallest id a schema allows, `H`) may be another team's item on a shared table:
/// the replay first checks that no item has it (another one fails the replay, which cannot then
/// tell a fixed deployment from a broken one, and is never touched), and deletes it only when its
/// own create answered 2xx.
extension FindingFile {
    /// An item a create step of the finding makes.
    struct CreatedItem {
        /// The item path as the replay addresses it: percent-encoded, its own ids templated.
        var path: String
        /// Whether the id is the replay's own (templated), not a literal another item may have.
        var isOwn: Bool
        /// The index of the first step that creates it.
        var firstCreate: Int
        /// Whether a read tells whether it is there.
        var readable: Bool
        /// The variable the first create's status is captured into (literal ids).
        var createdVariable: String
    }

    /// The statuses that say a create made its item.
    static let createdStatuses = "[200, 201, 202, 203, 204]"

    /// The items create steps in the finding make (their id fields' values), each once.
    var createdItems: [CreatedItem] {
        var items: [CreatedItem] = []
        for (index, step) in finding.steps.enumerated() {
            guard let kind = kind(creating: step), let field = kind.idField, case .json(let body)? = step.request.body,
                let id = body[field]?.stringValue, !id.isEmpty, !id.contains("/"), !id.contains("{{"), id.count <= 256
            else { continue }
            let name = kind.itemPath.split(separator: "{").last?.split(separator: "}").first.map(String.init) ?? field
            // Encoded as the run sent it: a space or a `#` in a raw path is no request at all.
            let literal = kind.itemPath.replacingOccurrences(of: "{\(name)}", with: FuzzRequest.encode(id))
            let path = templated(literal)
            guard !items.contains(where: { $0.path == path }) else { continue }
            items.append(CreatedItem(
                path: path, isOwn: path != literal, firstCreate: index, readable: kind.readable,
                createdVariable: "created_\(items.count + 1)"))
        }
        return items
    }

    /// `teardown:`: each item deleted, then read until it is gone; a literal one only when this
    /// replay's create made it.
    func teardownLines(_ items: [CreatedItem]) -> [String] {
        let answered = answeredItemLines
        guard !items.isEmpty || !answered.isEmpty else { return [] }
        var lines = ["teardown:"] + answered
        for item in items {
            let condition = item.isOwn ? nil : "    when: { \(item.createdVariable): { one_of: \(Self.createdStatuses) } }"
            lines.append("  - name: \(quoted("delete \(item.path)"))")
            lines.append("    request: { method: DELETE, path: \(quoted(item.path)) }")
            if let condition { lines.append(condition) }
            guard item.readable else { continue }
            lines.append("  - name: \(quoted("\(item.path) is gone"))")
            lines.append("    request: { path: \(quoted(item.path)) }")
            if let condition { lines.append(condition) }
            lines.append("    expect: { status: [404, 410] }")
            lines.append("    retry: { times: \(Fuzzer.settlingRetries), interval: 200ms }")
            lines.append("    left_behind: \(quoted(item.path))")
        }
        return lines
    }

    /// The step before a literal id's create: no item has the id yet.
    func freeCheckLines(_ item: CreatedItem) -> [String]? {
        guard item.readable else { return nil }
        let name = "no item has the id of \(item.path) yet (one this replay did not create cannot show the rule, and is never touched)"
        return [
            "      - name: \(quoted(name))",
            "        request: { path: \(quoted(item.path)) }",
            "        expect: { status: \"4xx\" }",
        ]
    }
}
