/// One HTTP header field as sent or received, in wire order.
public struct HTTPHeader: Sendable, Hashable, Codable {
    /// The field name, with the case it was written or received in.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    /// - Parameters:
    ///   - name: The field name (`Content-Type`).
    ///   - value: The field value (`application/json`).
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
