import Foundation
import GauntletJSON

/// What a finding's creates store under ids a deployment named itself, and how the replay's
/// teardown removes it: the item at the captured ids is deleted only when it holds every string
/// the replay sent it, as the run's cleanup proves an item its own before deleting it. A
/// deployment with ids of its own keeps nothing a replay made; one that answers another team's
/// id (`event-123`) keeps that team's item, listed as not deleted.
extension FindingFile {
    /// `teardown:` steps for each create step that captured ids its answer named
    /// (``FindingStep/madeItem``): read there, deleted when it holds what was sent, then read
    /// until it is gone. Skipped where the deployment answered the id the replay sent (the
    /// teardown of ``createdItems`` deletes that one) and where the create was not answered 2xx.
    var answeredItemLines: [String] {
        var lines: [String] = []
        for (index, step) in finding.steps.enumerated() {
            // Without a read nothing shows the item the replay's: it is left, as the run's cleanup leaves it.
            guard let made = step.madeItem, let first = step.answeredIDs.values.sorted().first,
                kinds.first(where: { $0.createPath == step.request.path })?.readable ?? false
            else { continue }
            let candidates = proofStrings(for: index, at: made)
            guard !candidates.isEmpty else { continue }
            let path = templated(naming(step.answeredIDs, in: FuzzRequest(method: "GET", path: made).target))
            let owned = "owned_" + first
            var answered = step.answeredIDs.values.sorted().map { "\($0): { exists: true }" }
            if step.answeredIDs.count == 1, let sent = sentID(of: step) {
                answered[0] = "\(first): { exists: true, not_equals: \(quoted(templated(sent))) }"
            }
            for (number, strings) in candidates.enumerated() {
                let isLast = number == candidates.count - 1
                let held = strings.map { "\(quoted("$..[?@ == \(Self.jsonPathString($0))]")): { exists: true }" }
                lines.append("  - name: \(quoted("read \(path), which a create named: deleted only if it holds what the replay sent"))")
                lines.append("    when: { \((answered + (number > 0 ? ["\(owned): { exists: false }"] : [])).joined(separator: ", ")) }")
                lines.append("    request: { path: \(quoted(path)) }")
                lines.append("    given: { status: 200 }")
                lines.append("    expect: { jsonpath: { \(held.joined(separator: ", ")) } }")
                lines.append("    retry: { times: \(Fuzzer.settlingRetries), interval: 200ms }")
                lines.append("    capture: { \(owned): { status: true } }")
                if isLast {
                    let label = "\(path) (not deleted: it does not hold what the replay sent)"
                    lines.append("    left_behind: { label: \(quoted(label)), present: { status: 200 } }")
                }
            }
            lines.append("  - name: \(quoted("delete \(path)"))")
            lines.append("    when: { \(owned): { exists: true } }")
            lines.append("    request: { method: DELETE, path: \(quoted(path)) }")
            lines.append("  - name: \(quoted("\(path) is gone"))")
            lines.append("    when: { \(owned): { exists: true } }")
            lines.append("    request: { path: \(quoted(path)) }")
            lines.append("    expect: { status: [404, 410] }")
            lines.append("    retry: { times: \(Fuzzer.settlingRetries), interval: 200ms }")
            lines.append("    left_behind: \(quoted(path))")
        }
        return lines
    }

    /// The strings the item the create at `index` made holds if it is the replay's, one list per
    /// body it may hold: with every write on it after the create (the failing request's too,
    /// which a fixed deployment may have accepted), then with the writes before the failing
    /// request only. A body whose strings add up to fewer than
    /// ``Fuzzer/minimumProofCharacters`` shows nothing and is left out.
    func proofStrings(for index: Int, at made: String) -> [[String]] {
        let steps = finding.steps
        guard case .object(var merged)? = steps[index].request.jsonBody else { return [] }
        var bodies: [JSONValue] = []
        for (later, step) in steps.enumerated().dropFirst(index + 1) where step.request.path == made && ["PUT", "PATCH"].contains(step.request.method) {
            guard case .object(let written)? = step.request.jsonBody else { continue }
            if later == steps.count - 1 { bodies.append(.object(merged)) }
            for (key, value) in written { merged[key] = value }
        }
        bodies.insert(.object(merged), at: 0)
        var candidates: [[String]] = []
        let ids = Set(steps[index].answeredIDs.keys)
        for body in bodies {
            let strings = Fuzzer.distinctValues(in: body, runTag: runTag, excluding: ids).compactMap(\.stringValue)
                .filter { !$0.contains("{{") && Fuzzer.instant($0) == nil && !placeholders.contains(where: $0.contains) }
            guard strings.reduce(0, { $0 + $1.count }) >= Fuzzer.minimumProofCharacters, !candidates.contains(strings) else { continue }
            candidates.append(strings)
        }
        return candidates
    }

    /// The id a create step sent, where its kind's id is the client's.
    func sentID(of step: FindingStep) -> String? {
        guard let kind = kinds.first(where: { $0.createPath == step.request.path }), let field = kind.idField else { return nil }
        return step.request.jsonBody?[field]?.stringValue
    }

    /// `text` as an RFC 9535 string literal: single-quoted, `'`, `\` and control characters escaped.
    static func jsonPathString(_ text: String) -> String {
        var literal = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": literal += "\\'"
            case "\\": literal += "\\\\"
            case _ where scalar.value < 0x20: literal += "\\u" + String(format: "%04x", scalar.value)
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "'"
    }
}
