extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410 within the settling bound, as a
    /// deployment whose reads lag its deletes shows them gone a moment later) as left behind.
    /// After a stop it goes on for the stop's grace only; what it then did not check is
    /// reported as unverified, never as gone.
    func cleanUp() async {
        var deletes: [String: Answer] = [:]
        for (path, kind) in created where kind.delete != nil {
            deletes[path] = await sendUnbounded(FuzzRequest(method: "DELETE", path: path))
        }
        let answers = await settledGone(created.filter { $0.kind.read != nil }.map(\.path))
        for (path, kind) in created {
            guard kind.read != nil, let answer = answers[path] else {
                if kind.delete == nil {
                    result.leftBehind.append(path)
                } else if let delete = deletes[path], delete.status.map({ $0 >= 500 }) ?? true {
                    // Nothing reads it back: only the delete's answer tells, and it did not.
                    let why = delete.wasGivenUp ? cutShortReason : "the delete answered \(delete.status.map(String.init) ?? "nothing")"
                    result.leftBehind.append("\(path) (unverified: \(why))")
                }
                continue
            }
            if let status = answer.status, status == 404 || status == 410 { continue }
            // Still counted (nothing shows it gone), but a read that failed says "unverified",
            // not "still there": a deployment that answers 500 for what it does not hold.
            if answer.wasGivenUp {
                result.leftBehind.append("\(path) (unverified: \(cutShortReason))")
            } else if kind.delete != nil, answer.status.map({ $0 >= 500 }) ?? true {
                let delete = deletes[path]?.status.map(String.init) ?? "nothing"
                result.leftBehind.append("\(path) (unverified: the delete answered \(delete), the read that checks it \(answer.status.map(String.init) ?? "nothing"))")
            } else {
                result.leftBehind.append(path)
            }
        }
    }
}
