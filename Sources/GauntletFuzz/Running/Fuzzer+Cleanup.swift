extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410) as left behind.
    func cleanUp() async {
        for (path, kind) in created {
            var deleted: Int?
            if kind.delete != nil {
                deleted = await sendUnbounded(FuzzRequest(method: "DELETE", path: path)).status
            }
            guard kind.read != nil else {
                if kind.delete == nil { result.leftBehind.append(path) }
                continue
            }
            let answer = await sendUnbounded(FuzzRequest(method: "GET", path: path))
            if let status = answer.status, status == 404 || status == 410 { continue }
            // Still counted (nothing shows it gone), but a read that failed says "unverified",
            // not "still there": a deployment that answers 500 for what it does not hold.
            if kind.delete != nil, answer.status.map({ $0 >= 500 }) ?? true {
                let delete = deleted.map(String.init) ?? "nothing"
                result.leftBehind.append("\(path) (unverified: the delete answered \(delete), the read that checks it \(answer.status.map(String.init) ?? "nothing"))")
            } else {
                result.leftBehind.append(path)
            }
        }
    }
}
