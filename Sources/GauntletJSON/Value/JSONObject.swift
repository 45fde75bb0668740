/// The members of a JSON object: in the order they were written, with keys compared by Unicode scalars.
///
/// A `[String: JSONValue]` would merge `"\u{F1}"` and `"n\u{303}"` into one member, because Swift's
/// `String ==` treats canonically equivalent strings as equal; JSON (RFC 8259 §8.3) and JSON Schema compare
/// strings code point by code point, so here they stay two members. The API is dictionary-like
/// (`object["key"]`, `keys`, `values`, `for (key, value) in object`), iteration follows member order, and
/// equality ignores order (a JSON object is unordered) but not the exact keys.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One member.
    public typealias Element = (key: String, value: JSONValue)

    /// The members, in order.
    private var members: [Element] = []
    /// The position of each key in `members`.
    private var positions: [ScalarExactString: Int] = [:]

    /// An empty object.
    public init() {}

    /// An object of `pairs`, in their order; when a key repeats, the last value wins at the first position.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// An object of a dictionary's members, ordered by key (in code point order, so the order is stable).
    public init(_ dictionary: [String: JSONValue]) {
        for key in dictionary.keys.sorted(by: ScalarExactString.precedes) { self[key] = dictionary[key]! }
    }

    /// An object of the literal's members, in order; when a key repeats, the last value wins.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    // MARK: - Lookup

    /// The value of the member whose key has exactly these Unicode scalars; setting `nil` removes it,
    /// setting a new key appends a member.
    public subscript(key: String) -> JSONValue? {
        get {
            positions[ScalarExactString(key)].map { members[$0].value }
        }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            updateValue(newValue, forKey: key)
        }
    }

    /// The value of `key`, or `defaultValue` when there is no such member.
    public subscript(key: String, default defaultValue: @autoclosure () -> JSONValue) -> JSONValue {
        self[key] ?? defaultValue()
    }

    /// Sets the member `key` (in place when it exists, else at the end).
    /// - Returns: the value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        if let position = positions[ScalarExactString(key)] {
            let old = members[position].value
            members[position].value = value
            return old
        }
        positions[ScalarExactString(key)] = members.count
        members.append((key, value))
        return nil
    }

    /// Removes the member `key`, keeping the order of the others.
    /// - Returns: the value removed, if any.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = positions.removeValue(forKey: ScalarExactString(key)) else { return nil }
        let removed = members.remove(at: position).value
        for index in members.indices.dropFirst(position) {
            positions[ScalarExactString(members[index].key)] = index
        }
        return removed
    }

    /// Appends a member unless its key is already present.
    /// - Returns: the position of the existing member with that key, or `nil` when the member was added.
    mutating func appendIfAbsent(_ value: JSONValue, forKey key: String) -> Int? {
        let exact = ScalarExactString(key)
        if let position = positions[exact] { return position }
        positions[exact] = members.count
        members.append((key, value))
        return nil
    }

    // MARK: - Contents

    /// The keys, in member order.
    public var keys: [String] {
        members.map(\.key)
    }

    /// The values, in member order.
    public var values: [JSONValue] {
        members.map(\.value)
    }

    /// The number of members.
    public var count: Int {
        members.count
    }

    /// Whether there are no members.
    public var isEmpty: Bool {
        members.isEmpty
    }

    /// The members in order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        members.makeIterator()
    }

    /// The same keys, in the same order, with transformed values.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for index in result.members.indices {
            result.members[index].value = try transform(result.members[index].value)
        }
        return result
    }

    /// The members as a Swift dictionary, for code that wants one: canonically equivalent keys (which Swift
    /// counts as equal) collapse into one entry there, the last member winning.
    public var dictionary: [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    // MARK: - Equality

    /// Same keys (by Unicode scalars) with equal values, in any order.
    public static func == (left: JSONObject, right: JSONObject) -> Bool {
        guard left.members.count == right.members.count else { return false }
        return left.members.allSatisfy { key, value in right[key] == value }
    }

    /// Order-independent: the sum of the members' hashes.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for (key, value) in members {
            var member = Hasher()
            ScalarExactString.hash(key, into: &member)
            member.combine(value)
            sum &+= member.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }

    /// The object as compact JSON text, keys sorted.
    public var description: String {
        JSONValue.object(self).serialized()
    }
}
