import Foundation
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
    /// the bodies it may hold if it is, as ``ownership(of:sent:runTag:excluding:)`` judges each.
    /// The ids in the path show nothing: whatever item sits at an id holds it. A body that cannot
    /// tell (numbers and booleans) never makes an item the run's: an id answered to one create
    /// alone may still be another team's, as a deployment that answers the newest row's id shows.
    func ownership(of item: JSONValue, at path: String) -> Ownership {
        ownership(of: item, sent: unprovenPaths[path] ?? [], excluding: Set(FuzzRequest.segments(of: path)))
    }

    /// What of `request`'s JSON body a read of what it wrote can give back: the body without the
    /// properties `operation`'s schema marks `writeOnly` (a `password`) or does not name (the
    /// extra member of an alternative case), at any depth (``OpenAPIVisibility/givenBack(of:schema:validator:)``);
    /// an empty object when it sent no JSON.
    func readBack(_ request: FuzzRequest, of operation: APIOperation) -> JSONValue {
        guard let body = request.jsonBody, let schema = operation.requestBody.flatMap({ $0.schema.resolve(in: document.requestJSON) }) else {
            return request.sentBody
        }
        return OpenAPIVisibility.givenBack(of: body, schema: schema, validator: generator.validator)
    }

    /// `step`, a write of `operation`, with what of its body a read can give back where that is not all of it.
    func notingReadBack(_ step: FindingStep, of operation: APIOperation) -> FindingStep {
        notingReadBack(step, readable: readBack(step.request, of: operation))
    }

    /// `step` with `readable`, what a read can give back of its body (``readBack(_:of:)``), where
    /// that is not all of it.
    func notingReadBack(_ step: FindingStep, readable: JSONValue) -> FindingStep {
        var step = step
        if readable != step.request.sentBody { step.readBackBody = readable }
        return step
    }

    /// Whether `item` holds one of `bodies`, as ``ownership(of:sent:runTag:excluding:)`` judges each.
    func ownership(of item: JSONValue, sent bodies: [JSONValue], excluding ids: Set<String> = []) -> Ownership {
        let each = bodies.map { Self.ownership(of: item, sent: $0, runTag: runTag, excluding: ids) }
        if each.contains(.held) { return .held }
        return each.contains(.notHeld) ? .notHeld : .cannotTell
    }

    /// The distinct strings, numbers and booleans in `sent` but empty strings, the run's ids and
    /// `ids`.
    static func distinctValues(in sent: JSONValue, runTag: String, excluding ids: Set<String>) -> [JSONValue] {
        var values: [JSONValue] = []
        for value in scalars(in: sent) where !values.contains(value) {
            if let text = value.stringValue {
                if !text.isEmpty, !text.hasPrefix(runTag), !ids.contains(text) { values.append(value) }
            } else if value != .null {
                values.append(value)
            }
        }
        return values
    }

    /// The fewest characters the distinct strings that show an item the run's may add up to: a
    /// one-letter title (the smallest valid write) is in many items.
    static let minimumProofCharacters = 8

    /// Whether `item` holds what the run `sent`: at least two thirds of its distinct values other
    /// than the run's ids (and `ids`, the item's own), and two thirds of its distinct strings,
    /// whatever the deployment named the fields (a FastAPI model renames `date` to `eventDate`),
    /// though it drops what it does not know (an extra field a case sent) and writes a date-time
    /// its own way (`…:00.000Z` for `…:00Z`). Another team's item holds next to none of a run's
    /// generated strings; a `true`, a `1` or an `"a"` it may well hold, so a body whose strings
    /// add up to fewer than ``minimumProofCharacters`` cannot tell.
    static func ownership(of item: JSONValue, sent: JSONValue, runTag: String, excluding ids: Set<String> = []) -> Ownership {
        let sentValues = distinctValues(in: sent, runTag: runTag, excluding: ids)
        let strings = sentValues.compactMap(\.stringValue)
        guard strings.reduce(0, { $0 + $1.count }) >= minimumProofCharacters else { return .cannotTell }
        let held = scalars(in: item)
        func isHeld(_ value: JSONValue) -> Bool { held.contains { $0.sameNumberOrValue(as: value) || sameInstant($0, value) } }
        let heldStrings = strings.filter { isHeld(.string($0)) }
        let holds = sentValues.filter(isHeld).count * 3 >= sentValues.count * 2 && heldStrings.count * 3 >= strings.count * 2
            && heldStrings.reduce(0, { $0 + $1.count }) >= minimumProofCharacters
        return holds ? .held : .notHeld
    }

    /// Whether two strings are one RFC 3339 date-time written two ways (fractional seconds, `Z`
    /// or `+00:00`), as a deployment that stores a date-time as a timestamp writes it back.
    static func sameInstant(_ left: JSONValue, _ right: JSONValue) -> Bool {
        guard let left = left.stringValue, let right = right.stringValue, left != right,
            let leftInstant = instant(left), let rightInstant = instant(right)
        else { return false }
        return leftInstant == rightInstant
    }

    /// The instant an RFC 3339 date-time names (`2030-05-01T10:30:00Z`, with or without fractional
    /// seconds); `nil` for any other text.
    static func instant(_ text: String) -> Date? {
        let characters = Array(text.utf8.prefix(11))
        guard characters.count == 11, characters[4] == UInt8(ascii: "-"), [UInt8(ascii: "T"), UInt8(ascii: "t")].contains(characters[10]) else { return nil }
        let text = text.uppercased()
        return (try? Date(text, strategy: Date.ISO8601FormatStyle()))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
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
