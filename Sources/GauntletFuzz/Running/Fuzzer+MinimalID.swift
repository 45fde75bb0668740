import GauntletJSON

extension Fuzzer {
    /// Whether a create may send the id in `body` although it does not carry the run's id (case
    /// 0's smallest id, a boundary a deployment's store may refuse; an id whose schema leaves no
    /// room for the run's): only when a read shows nothing under it now (404 or 410).
    ///
    /// Such an id (`H`, `b`, `7`) is one another team on a shared staging table may hold. A
    /// correct deployment answers the create 409 and the item stays untouched, but one that
    /// takes a create of an existing id as an overwrite (DynamoDB's `put_item` without a
    /// condition, as the seed's code writes it) replaces the other team's item, and the cleanup,
    /// which deletes what answered 2xx, then deletes it. An id no read can address is not free:
    /// the kind has no read, a path parameter the body does not give, or a dot segment (`.`,
    /// `..`), which libcurl, as any URL parser, reads as another path. An empty, null or absent
    /// id addresses nothing (the deployment refuses it or makes its own), so it is.
    /// - Parameters:
    ///   - kind: The kind `body` creates.
    ///   - body: The create's body, the id in its id field.
    func mayCreateUntagged(_ kind: ResourceKind, body: JSONValue) async throws(Stop) -> Bool {
        if let field = kind.clientIDField {
            let id = ResourceKind.member(field, of: body)
            if id == nil || id == .null || id.flatMap(Mutator.parameterText)?.isEmpty == true { return true }
        }
        guard kind.read != nil, let values = kind.values(request: body, response: nil),
            !values.values.contains(where: { $0 == "." || $0 == ".." })
        else { return false }
        let status = try await send(FuzzRequest(method: "GET", path: kind.path(values))).status
        return status == 404 || status == 410
    }
}
