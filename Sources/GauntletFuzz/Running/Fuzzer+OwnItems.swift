import GauntletHTTP
import GauntletJSON

/// Checks of a list judge only the run's own items: on a shared staging table another team's
/// data never changes a verdict (CONTRACT.md, "Staging hygiene"), and a finding about an item
/// the run did not write would fail its replay for as long as that item is there.
extension Fuzzer {
    /// `response` with a list answer's items cut to those the run made (and those whose id it
    /// cannot tell); the envelope and the run's items are judged as they came. Any other
    /// operation's answer, or a list that holds no other item, as it is.
    func ownItemsOnly(_ response: ReceivedResponse, of operation: APIOperation) -> ReceivedResponse {
        guard let kind = kinds.first(where: { $0.list == operation }), let listed = try? JSONValue(parsing: response.body) else { return response }
        let items = Self.items(in: listed)
        let own = items.filter { isOwn($0, of: kind) }
        guard own.count < items.count else { return response }
        let judged: JSONValue
        if listed.arrayValue != nil {
            judged = .array(own)
        } else if let member = Self.arrayMember(in: listed) {
            judged = listed.setting(member, to: .array(own))
        } else {
            return response
        }
        var cut = response
        cut.body = Array(judged.serialized(sortedKeys: false).utf8)
        return cut
    }

    /// Whether a listed item is the run's: one it created (or a deployment made for it), or
    /// one whose id it cannot read (then it cannot tell, and judges it).
    func isOwn(_ item: JSONValue, of kind: ResourceKind) -> Bool {
        var values: [String: String] = [:]
        for (name, _) in kind.parameters {
            guard let id = ResourceKind.member(name, of: item).flatMap(Mutator.parameterText) else { return true }
            if id.hasPrefix(runTag) { return true }
            values[name] = id
        }
        let path = kind.path(values)
        return created.contains { $0.path == path }
    }
}
