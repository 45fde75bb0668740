extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410 within the settling bound, as a
    /// deployment whose reads lag its deletes shows them gone a moment later) as left behind.
    func cleanUp() async {
        var deletes: [String: Int] = [:]
        for (path, kind) in created where kind.delete != nil {
            deletes[path] = await sendUnbounded(FuzzRequest(method: "DELETE", path: path)).status
        }
        let answers = await settledGone(created.filter { $0.kind.read != nil }.map(\.path))
        for (path, kind) in created {
            guard kind.read != nil, let answer = answers[path] else {
                if kind.delete == nil { result.leftBehind.append(path) }
                continue
            }
            if let status = answer.status, status == 404 || status == 410 { continue }
            // Still counted (nothing shows it gone), but a read that failed says "unverified",
            // not "still there": a deployment that answers 500 for what it does not hold.
            if kind.delete != nil, answer.status.map({ $0 >= 500 }) ?? true {
                let delete = deletes[path].map(String.init) ?? "nothing"
                result.leftBehind.append("\(path) (unverified: the delete answered \(delete), the read that checks it \(answer.status.map(String.init) ?? "nothing"))")
            } else {
                result.leftBehind.append(path)
            }
        }
    }
}
