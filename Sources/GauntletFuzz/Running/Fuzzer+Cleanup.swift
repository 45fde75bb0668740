extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410) as left behind.
    func cleanUp() async {
        for (path, kind) in created {
            if kind.delete != nil {
                _ = await sendUnbounded(FuzzRequest(method: "DELETE", path: path))
            }
            guard kind.read != nil else {
                if kind.delete == nil { result.leftBehind.append(path) }
                continue
            }
            let answer = await sendUnbounded(FuzzRequest(method: "GET", path: path))
            if let status = answer.status, status == 404 || status == 410 { continue }
            result.leftBehind.append(path)
        }
    }
}
