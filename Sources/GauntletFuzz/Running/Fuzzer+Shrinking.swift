import GauntletJSON
import GauntletHTTP

extension Fuzzer {
    /// Reduces a finding's last request to the fewest body properties that still break the
    /// same rule with the same status: each optional property (never a required one, nor the one
    /// a mutation changed) is dropped in turn and kept out when the failure stays, so the input
    /// stays what the finding says it is (valid, or invalid in that one way). At most ``FuzzSettings/shrinkBudget``
    /// requests; whatever a trial creates is cleaned up with the rest.
    func shrink(_ finding: Finding, operation: APIOperation) async throws(Stop) -> Finding {
        guard let last = finding.steps.last, case .json(.object(var members))? = last.request.body, members.count > 1,
            let status = finding.status
        else { return finding }
        let keep = Set(finding.resourceIDs.isEmpty ? [] : members.filter { finding.resourceIDs.contains($0.value.stringValue ?? "") }.map(\.key))
            .union(mutatedField(finding.input).map { [$0] } ?? [])
        let required = operation.requestBody.flatMap { document.schema(at: $0.schema) }.map { SchemaView($0, in: document.requestJSON).required } ?? []
        var budget = settings.shrinkBudget
        var removed = 0
        for key in members.keys where !keep.contains(key) && !required.contains(key) && budget > 0 {
            var trial = members
            _ = trial.removeValue(forKey: key)
            var request = last.request
            request.body = .json(.object(trial))
            budget -= 1
            let answer = try await send(request)
            noteCreated(operation, request: request, answer: answer)
            guard let response = answer.response, response.status == status, stillFails(finding.check, response, operation) else { continue }
            members = trial
            removed += 1
        }
        guard removed > 0 else { return finding }
        var shrunk = finding
        shrunk.steps[shrunk.steps.count - 1].request.body = .json(.object(members))
        shrunk.shrunkBy = removed
        return shrunk
    }

    /// Whether `check` still fails on this answer.
    private func stillFails(_ check: FuzzCheck, _ response: ReceivedResponse, _ operation: APIOperation) -> Bool {
        switch check {
        case .negativeDataRejection: return response.status < 400
        case .positiveDataAcceptance: return !FuzzCheck.accepts(response.status)
        default: return checker.failures(of: response, to: operation).contains { $0.check == check }
        }
    }

    /// The property a mutation's description starts with ("capacity 0, below …").
    private func mutatedField(_ input: String) -> String? {
        if input.hasPrefix("without the required ") { return String(input.dropFirst("without the required ".count)) }
        return input.split(separator: " ").first.map(String.init)
    }
}
