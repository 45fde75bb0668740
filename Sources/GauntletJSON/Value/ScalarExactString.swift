/// A string that compares and hashes by its Unicode scalars, as JSON compares strings (RFC 8259 §8.3).
///
/// Swift's `String ==` treats canonically equivalent strings as equal (`"\u{F1}" == "n\u{303}"`); JSON and
/// JSON Schema do not. Comparing the UTF-8 bytes is the same as comparing the scalars, and faster.
public struct ScalarExactString: Sendable, Hashable {
    /// The string.
    public let string: String

    /// Wraps `string`.
    public init(_ string: String) {
        self.string = string
    }

    public static func == (left: ScalarExactString, right: ScalarExactString) -> Bool {
        Self.equal(left.string, right.string)
    }

    public func hash(into hasher: inout Hasher) {
        Self.hash(string, into: &hasher)
    }

    /// Whether two strings hold the same Unicode scalars.
    public static func equal(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        // Over the contiguous bytes: a store lookup compares ids this way, and `UTF8View`'s
        // iterator cost twice as much (callgrind).
        var left = left, right = right
        return left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.elementsEqual($0) } }
    }

    /// Feeds the string's scalars (as UTF-8 bytes, then their count) to `hasher`.
    public static func hash(_ string: String, into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(string.utf8.count)
    }

    /// Code point order, the order RFC 9535 and JSON Schema use (UTF-8 byte order is the same order).
    public static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// Whether `haystack` holds `needle` as a run of Unicode scalars (byte search: UTF-8 is self-synchronizing,
    /// so a byte match is always a scalar match).
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        let hay = Array(haystack.utf8)
        let pin = Array(needle.utf8)
        guard !pin.isEmpty else { return true }
        guard pin.count <= hay.count else { return false }
        for start in 0...(hay.count - pin.count) where hay[start] == pin[0] {
            if hay[start..<start + pin.count].elementsEqual(pin) { return true }
        }
        return false
    }
}
