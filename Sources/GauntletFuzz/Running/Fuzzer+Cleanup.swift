import GauntletJSON

extension Fuzzer {
    /// Deletes everything the run made, whatever ended the phases, and reports what is still
    /// there afterwards (a read that does not answer 404 or 410 within the settling bound, as a
    /// deployment whose reads lag its deletes shows them gone a moment later) as left behind.
    /// After a stop it goes on for the stop's grace only; what it then did not check is
    /// reported as unverified, never as gone.
    func cleanUp() async {
        // An item whose id alone does not show it the run's (``unprovenPaths``) is deleted only
        // when it holds what the run sent there: a deployment that answers another team's id (the
        // README's example `event-123`) must not have the run delete that team's item.
        var untouched: Set<String> = []
        for (path, sent) in unprovenPaths.sorted(by: { $0.key < $1.key }) {
            guard let kind = created.first(where: { $0.path == path })?.kind, kind.delete != nil else { continue }
            guard kind.read != nil else {
                // Nothing can show whose it is: never deleted on a create's word.
                untouched.insert(path)
                result.leftBehind.append("\(path) (not deleted: a create's answer named it, and the document has no read to show it is the run's)")
                continue
            }
            let read = await sendUnbounded(FuzzRequest(method: "GET", path: path))
            if let status = read.status, status / 100 == 2, let item = read.json, isTheRuns(item, sent: sent) { continue }
            untouched.insert(path)
            if let status = read.status, status == 404 || status == 410 { continue }  // nothing there
            let why: String
            if read.wasGivenUp {
                why = "unverified: \(cutShortReason)"
            } else if let status = read.status, status / 100 == 2 {
                why = "not deleted: a create's answer named it, but the item there does not hold what the run sent (another's, or the run's changed)"
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

    /// Whether `item` (read back) is the run's: holds one of the bodies it may hold if it is
    /// (``unprovenPaths``), as ``holds(_:sent:runTag:)`` judges.
    func isTheRuns(_ item: JSONValue, sent bodies: [JSONValue]) -> Bool {
        bodies.contains { Self.holds(item, sent: $0, runTag: runTag) }
    }

    /// Whether `item` holds what the run `sent`: at least two thirds of its values other than the
    /// run's ids, and two thirds of its strings, whatever the deployment named the fields (a
    /// FastAPI model renames `date` to `eventDate`) and though it drops what it does not know (an
    /// extra field a case sent). Another team's item holds next to none of a run's generated
    /// strings; a `true` or a `1` it may well hold, so a body with no string proves nothing.
    static func holds(_ item: JSONValue, sent: JSONValue, runTag: String) -> Bool {
        let sentValues = scalars(in: sent).filter { $0.stringValue.map { !$0.isEmpty && !$0.hasPrefix(runTag) } ?? ($0 != .null) }
        let strings = sentValues.filter { $0.stringValue != nil }
        guard !strings.isEmpty else { return false }
        let held = scalars(in: item)
        func heldCount(_ values: [JSONValue]) -> Int {
            values.filter { value in held.contains { $0.sameNumberOrValue(as: value) } }.count
        }
        return heldCount(sentValues) * 3 >= sentValues.count * 2 && heldCount(strings) * 3 >= strings.count * 2
    }

    /// Every string, number and boolean in `value`, at any depth.
    static func scalars(in value: JSONValue) -> [JSONValue] {
        switch value {
        case .object(let members): members.flatMap { scalars(in: $0.value) }
        case .array(let elements): elements.flatMap { scalars(in: $0) }
        default: [value]
        }
    }
}
