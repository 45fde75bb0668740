import GauntletJSON

/// Whether an item under an id a create's answer named (not the one the run sent) is the run's,
/// before the run writes to it or deletes it: a deployment that answers another team's id (the
/// README's example `event-123`) must not have the run change that team's item.
extension Fuzzer {
    /// What an item read back shows about whether it is the run's.
    enum Ownership {
        /// It holds one of the bodies it may hold if it is the run's.
        case held
        /// What the run sent there could show it, and the item does not hold it.
        case notHeld
        /// What the run sent there is too little to show whose any item is (no string, or only a
        /// letter or two, which another team's item may well hold too).
        case cannotTell
    }

    /// Whether `item`, read back at `path` (one of ``unprovenPaths``), is the run's: holds one of
    /// the bodies it may hold if it is, as ``ownership(of:sent:runTag:)`` judges each. Where none
    /// of them can tell (a body of numbers and booleans), an id one create alone named, as a
    /// deployment that makes its ids names each, is the run's when the item holds every value
    /// one of them sent; one a deployment answers every create with (an example id) is not.
    func ownership(of item: JSONValue, at path: String) -> Ownership {
        let bodies = unprovenPaths[path] ?? []
        let proof = ownership(of: item, sent: bodies)
        guard proof == .cannotTell, unprovenCreates[path] == 1 else { return proof }
        return bodies.contains { Self.holdsEveryValue(item, sent: $0, runTag: runTag) } ? .held : .cannotTell
    }

    /// Whether `item` holds one of `bodies`, as ``ownership(of:sent:runTag:)`` judges each.
    func ownership(of item: JSONValue, sent bodies: [JSONValue]) -> Ownership {
        let each = bodies.map { Self.ownership(of: item, sent: $0, runTag: runTag) }
        if each.contains(.held) { return .held }
        return each.contains(.notHeld) ? .notHeld : .cannotTell
    }

    /// Whether `item` holds every value `sent` holds but the run's ids (at least one).
    static func holdsEveryValue(_ item: JSONValue, sent: JSONValue, runTag: String) -> Bool {
        let values = distinctValues(in: sent, runTag: runTag)
        let held = scalars(in: item)
        return !values.isEmpty && values.allSatisfy { value in held.contains { $0.sameNumberOrValue(as: value) } }
    }

    /// The distinct strings, numbers and booleans in `sent` but empty strings and the run's ids.
    static func distinctValues(in sent: JSONValue, runTag: String) -> [JSONValue] {
        var values: [JSONValue] = []
        for value in scalars(in: sent) where !values.contains(value) {
            if value.stringValue.map({ !$0.isEmpty && !$0.hasPrefix(runTag) }) ?? (value != .null) { values.append(value) }
        }
        return values
    }

    /// The fewest characters the distinct strings that show an item the run's may add up to: a
    /// one-letter title (the smallest valid write) is in many items.
    static let minimumProofCharacters = 8

    /// Whether `item` holds what the run `sent`: at least two thirds of its distinct values other
    /// than the run's ids, and two thirds of its distinct strings, whatever the deployment named the
    /// fields (a FastAPI model renames `date` to `eventDate`) and though it drops what it does not
    /// know (an extra field a case sent). Another team's item holds next to none of a run's
    /// generated strings; a `true`, a `1` or an `"a"` it may well hold, so a body whose strings
    /// add up to fewer than ``minimumProofCharacters`` cannot tell.
    static func ownership(of item: JSONValue, sent: JSONValue, runTag: String) -> Ownership {
        let sentValues = distinctValues(in: sent, runTag: runTag)
        let strings = sentValues.compactMap(\.stringValue)
        guard strings.reduce(0, { $0 + $1.count }) >= minimumProofCharacters else { return .cannotTell }
        let held = scalars(in: item)
        func isHeld(_ value: JSONValue) -> Bool { held.contains { $0.sameNumberOrValue(as: value) } }
        let heldStrings = strings.filter { isHeld(.string($0)) }
        let holds = sentValues.filter(isHeld).count * 3 >= sentValues.count * 2 && heldStrings.count * 3 >= strings.count * 2
            && heldStrings.reduce(0, { $0 + $1.count }) >= minimumProofCharacters
        return holds ? .held : .notHeld
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
