import GauntletJSON

extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410 within the settling bound, as a
    /// deployment whose reads lag its deletes shows them gone a moment later) as left behind.
    /// After a stop it goes on for the stop's grace only; what it then did not check is
    /// reported as unverified, never as gone. A 404 shows an item gone only for a kind whose
    /// reads answered 2xx for an item the run made (``readableKinds``).
    func cleanUp() async {
        // An item whose id alone does not show it the run's (``unprovenPaths``) is deleted only
        // when it holds what the run sent there: a deployment that answers another team's id (the
        // README's example `event-123`) must not have the run delete that team's item.
        await learnReadableKinds()
        var untouched: Set<String> = []
        for path in unprovenPaths.keys.sorted() where !provedPaths.contains(path) {
            guard let kind = created.first(where: { $0.path == path })?.kind, kind.delete != nil else { continue }
            guard kind.read != nil else {
                // Nothing can show whose it is: never deleted on a create's word.
                untouched.insert(path)
                result.leftBehind.append("\(path) (not deleted: a create's answer named it, and the document has no read to show it is the run's)")
                continue
            }
            let read = await sendUnbounded(FuzzRequest(method: "GET", path: path))
            let proof = read.json.map { ownership(of: $0, at: path) }
            if let status = read.status, status / 100 == 2, proof == .held { continue }
            untouched.insert(path)
            if let status = read.status, status == 404 || status == 410, readableKinds.contains(kind.itemPath) { continue }  // nothing there
            let why: String
            if read.wasGivenUp {
                why = "unverified: \(cutShortReason)"
            } else if let status = read.status, status / 100 == 2, proof == .cannotTell {
                why = "not deleted: a create's answer named it, and what the run sent there is too little to show the item is the run's"
            } else if let status = read.status, status / 100 == 2 {
                why = "not deleted: a create's answer named it, but the item there does not hold what the run sent (another's, or the run's changed)"
            } else if let status = read.status, status == 404 || status == 410 {
                why = "unverified: \(Self.unreadKind(status))"
            } else {
                why = "unverified: a create's answer named it, and the read that would show it is the run's answered \(read.status.map(String.init) ?? "nothing")"
            }
            result.leftBehind.append("\(path) (\(why))")
        }
        let created = self.created.filter { !untouched.contains($0.path) }
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
            if let status = answer.status, status == 404 || status == 410 {
                if !readableKinds.contains(kind.itemPath) { result.leftBehind.append("\(path) (unverified: \(Self.unreadKind(status)))") }
                continue
            }
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

    /// Reads, for each kind no read has yet shown readable, the items the run made of it until
    /// one answers 2xx: a run stopped before its reads, or whose creates only its stateless
    /// cases made, still has its deletes' 404s taken as "gone" on a deployment that reads.
    func learnReadableKinds() async {
        for (path, kind) in created where kind.read != nil && !readableKinds.contains(kind.itemPath) {
            let read = await sendUnbounded(FuzzRequest(method: "GET", path: path))
            if let status = read.status, status / 100 == 2 { readableKinds.insert(kind.itemPath) }
        }
    }

    /// Why a read's 404 (or 410) does not show an item gone: no read this run made of an item it
    /// created answered 2xx (``readableKinds``).
    static func unreadKind(_ status: Int) -> String {
        "the read answered \(status), but no read of an item the run created there answered 2xx, so it does not show it gone"
    }
}
