import Foundation
import GauntletJSON

/// What a finding's creates store under ids a deployment named itself, and how the replay's
/// teardown removes it: the item at the captured ids is deleted only when it holds every string
/// the replay sent it, as the run's cleanup proves an item its own before deleting it; read right
/// after its create when a later step may change it, else by the teardown. A deployment with ids
/// of its own keeps nothing a replay made; one that answers another team's id (`event-123`) keeps
/// that team's item, listed as not deleted.
extension FindingFile {
    /// An item a create step made under ids its answer named, as the replay addresses it.
    struct AnsweredItem {
        /// The item path, naming the captured ids (`/events/{{answered_eventId | urlencode}}`).
        var path: String
        /// The variable set once the item is proved the replay's.
        var owned: String
        /// The `when:` clauses that hold where the answer named ids other than those sent.
        var answered: [String]
    }

    /// The item the create step at `index` made under ids its answer named (``FindingStep/madeItem``);
    /// nil for any other step, and for a kind without a read: nothing then shows the item the
    /// replay's, and it is left, as the run's cleanup leaves it.
    func answeredItem(at index: Int) -> AnsweredItem? {
        let step = finding.steps[index]
        guard let made = step.madeItem, let first = step.answeredIDs.values.sorted().first, kind(creating: step)?.readable ?? false
        else { return nil }
        var answered = step.answeredIDs.values.sorted().map { "\($0): { exists: true }" }
        if step.answeredIDs.count == 1, let sent = sentID(of: step) {
            answered[0] = "\(first): { exists: true, not_equals: \(quoted(templated(sent))) }"
        }
        let path = templated(naming(step.answeredIDs, in: FuzzRequest(method: "GET", path: made).target))
        return AnsweredItem(path: path, owned: "owned_" + first, answered: answered)
    }

    /// The step right after a create that named other ids (not the failing request, whose item
    /// the teardown proves): a read that sets the owned variable when the item holds every string
    /// the create sent. Proved then, before a later write changes it (a PUT that replaces it with
    /// a one-letter title shows nothing), the teardown deletes it whatever it is written since.
    /// Its status is captured so that no answer fails the replay (a read that lags the create
    /// proves nothing, and the teardown tries again). None where a later step deletes the item:
    /// a deployment may then hand its id to another team's next create, and only what the
    /// teardown reads there shows whose it is.
    func proofReadLines(after index: Int) -> [String] {
        let create = finding.steps[index]
        guard index < finding.steps.count - 1, let item = answeredItem(at: index),
            !finding.steps[(index + 1)...].contains(where: { $0.request.method == "DELETE" && $0.request.path == create.madeItem }),
            case let strings = proofStrings(in: create.readBack, of: create), !strings.isEmpty
        else { return [] }
        // Every child of the item when it holds each string anywhere, else nothing: one capture for all.
        let proof = "$[?" + strings.map(Self.holdingQuery).joined(separator: " && ") + "]"
        return [
            "      - name: \(quoted("read \(item.path), which the create named: the replay's if it holds what the create sent"))",
            "        when: { \(item.answered.joined(separator: ", ")) }",
            "        request: { path: \(quoted(item.path)) }",
            "        capture: { \(item.owned): { jsonpath: \(quoted(proof)), optional: true }, \(item.owned)_status: { status: true } }",
        ]
    }

    /// `teardown:` steps for each create step that captured ids its answer named
    /// (``FindingStep/madeItem``): unless the read after the create proved it the replay's, read
    /// there and proved by what it holds now; deleted when proved, then read until it is gone.
    /// Skipped where the deployment answered the id the replay sent (the teardown of
    /// ``createdItems`` deletes that one) and where the create was not answered 2xx. Where what
    /// was sent is too little to prove anything, the item is read and listed as not deleted.
    var answeredItemLines: [String] {
        var lines: [String] = []
        for index in finding.steps.indices {
            guard let item = answeredItem(at: index), let made = finding.steps[index].madeItem else { continue }
            let candidates = proofStrings(for: index, at: made)
            let path = item.path
            guard !candidates.isEmpty else {
                // Too little was sent to show whose it is: never deleted, but listed when it is there.
                let label = "\(path) (not deleted: what the replay sent there is too little to show the item is the replay's)"
                lines.append("  - name: \(quoted("read \(path), which a create named: what the replay sent cannot show it the replay's"))")
                lines.append("    when: { \(item.answered.joined(separator: ", ")) }")
                lines.append("    request: { path: \(quoted(path)) }")
                lines.append("    expect: { status: [404, 410] }")
                lines.append("    left_behind: { label: \(quoted(label)), present: { status: 200 } }")
                continue
            }
            for (number, strings) in candidates.enumerated() {
                let isLast = number == candidates.count - 1
                let held = strings.map { "\(quoted(Self.holdingQuery($0))): { exists: true }" }
                lines.append("  - name: \(quoted("read \(path), which a create named: deleted only if it holds what the replay sent"))")
                lines.append("    when: { \((item.answered + ["\(item.owned): { exists: false }"]).joined(separator: ", ")) }")
                lines.append("    request: { path: \(quoted(path)) }")
                lines.append("    given: { status: 200 }")
                lines.append("    expect: { jsonpath: { \(held.joined(separator: ", ")) } }")
                lines.append("    retry: { times: \(Fuzzer.settlingRetries), interval: 200ms }")
                lines.append("    capture: { \(item.owned): { status: true } }")
                if isLast {
                    let label = "\(path) (not deleted: it does not hold what the replay sent)"
                    lines.append("    left_behind: { label: \(quoted(label)), present: { status: 200 } }")
                }
            }
            lines.append("  - name: \(quoted("delete \(path)"))")
            lines.append("    when: { \(item.owned): { exists: true } }")
            lines.append("    request: { method: DELETE, path: \(quoted(path)) }")
            lines.append("  - name: \(quoted("\(path) is gone"))")
            lines.append("    when: { \(item.owned): { exists: true } }")
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
        guard case .object(var merged)? = steps[index].readBack else { return [] }
        var bodies: [JSONValue] = []
        for (later, step) in steps.enumerated().dropFirst(index + 1) where step.request.path == made && ["PUT", "PATCH"].contains(step.request.method) {
            guard case .object(let written)? = step.readBack else { continue }
            if later == steps.count - 1 { bodies.append(.object(merged)) }
            for (key, value) in written { merged[key] = value }
        }
        bodies.insert(.object(merged), at: 0)
        var candidates: [[String]] = []
        for body in bodies {
            let strings = proofStrings(in: body, of: steps[index])
            guard !strings.isEmpty, !candidates.contains(strings) else { continue }
            candidates.append(strings)
        }
        return candidates
    }

    /// The strings of `body` that show an item the replay's, as the run's cleanup counts them:
    /// neither ids (the run's, `create`'s answered ones) nor date-times (written back other ways)
    /// nor templated values; empty when they add up to fewer than ``Fuzzer/minimumProofCharacters``.
    /// `body` is what a read can give back of a write (``FindingStep/readBack``).
    func proofStrings(in body: JSONValue?, of create: FindingStep) -> [String] {
        guard let body else { return [] }
        let strings = Fuzzer.distinctValues(in: body, runTag: runTag, excluding: Set(create.answeredIDs.keys)).compactMap(\.stringValue)
            .filter { !$0.contains("{{") && Fuzzer.instant($0) == nil && !placeholders.contains(where: $0.contains) }
        return strings.reduce(0, { $0 + $1.count }) >= Fuzzer.minimumProofCharacters ? strings : []
    }

    /// The kind of resource `step` creates, if it is a create.
    func kind(creating step: FindingStep) -> Resource? {
        step.request.method == "POST" ? kinds.first { $0.createPath == step.request.path } : nil
    }

    /// The id a create step sent, where its kind's id is the client's.
    func sentID(of step: FindingStep) -> String? {
        guard let field = kind(creating: step)?.idField else { return nil }
        return step.request.jsonBody?[field]?.stringValue
    }

    /// The query that selects every node of an item equal to `text`: the item holds it when it selects any.
    static func holdingQuery(_ text: String) -> String {
        "$..[?@ == \(JSONPath.stringLiteral(text))]"
    }
}
