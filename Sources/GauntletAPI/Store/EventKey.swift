/// An event id as a dictionary key that compares Unicode code points, not characters.
///
/// Swift's `String` hashes and compares by canonical equivalence, so `"café"` with a composed
/// `é` (U+00E9) and with `e` + U+0301 would be one key. DynamoDB and SQLite compare the bytes,
/// and so does the contract: they are two ids. The key holds the id's UTF-8 bytes, which are
/// equal exactly when the code points are.
struct EventKey: Hashable, Sendable {
    /// The id's UTF-8 encoding.
    let bytes: [UInt8]

    /// The key of an event id.
    init(_ id: String) {
        self.bytes = Array(id.utf8)
    }
}

extension String {
    /// Whether two strings have the same code points (not merely canonically equivalent
    /// characters, as `==` says).
    func hasSameScalars(as other: String) -> Bool {
        self.utf8.elementsEqual(other.utf8)
    }
}
