/// A header of a load request.
public struct PlannedHeader: Sendable, Equatable {
    /// The field name.
    public var name: String
    /// The field value; may hold placeholders.
    public var value: LoadTemplate

    /// Creates a header.
    public init(name: String, value: LoadTemplate) {
        self.name = name
        self.value = value
    }
}
