import GauntletJSON

extension Fuzzer {
    /// Whether case 0 of a create may send the smallest id its schema allows as it is, without
    /// the run's id (a boundary a deployment's store may refuse): only when a read shows nothing
    /// under that id now (404 or 410).
    ///
    /// Such an id (`H`, `b`) is one another team on a shared staging table may hold. A correct
    /// deployment answers the create 409 and the item stays untouched, but one that takes a
    /// create of an existing id as an overwrite (DynamoDB's `put_item` without a condition, as
    /// the seed's code writes it) replaces the other team's item, and the cleanup, which deletes
    /// what answered 2xx, then deletes it. An id held already, or one no read can address (the
    /// kind has no read), is sent with the run's id instead. An empty id addresses nothing, so
    /// it stays as it is.
    /// - Parameters:
    ///   - kind: The kind `body` creates.
    ///   - body: Case 0's body, the smallest id in its id field.
    func mayKeepMinimalID(_ kind: ResourceKind, body: JSONValue) async throws(Stop) -> Bool {
        guard let values = kind.values(request: body, response: nil) else { return true }
        guard kind.read != nil else { return false }
        let status = try await send(FuzzRequest(method: "GET", path: kind.path(values))).status
        return status == 404 || status == 410
    }
}
