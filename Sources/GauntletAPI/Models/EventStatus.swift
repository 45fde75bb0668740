/// The lifecycle state of an event: `active`, `cancelled` or `completed`.
///
/// A struct rather than an enum so that a deployment with the `status-unchecked` defect can
/// store any string; ``isKnown`` tells the three contract values apart.
public struct EventStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The status as it appears in JSON.
    public let rawValue: String

    /// Wraps a status string, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The event will take place.
    public static let active = EventStatus(rawValue: "active")
    /// The event was called off.
    public static let cancelled = EventStatus(rawValue: "cancelled")
    /// The event took place.
    public static let completed = EventStatus(rawValue: "completed")

    /// The three values the contract allows, in the order error messages list them.
    public static let allowed: [EventStatus] = [.active, .cancelled, .completed]

    /// Whether this is one of ``allowed``.
    public var isKnown: Bool { Self.allowed.contains(self) }

    /// The raw value.
    public var description: String { self.rawValue }

    /// Parses one of the three contract values.
    public init?(known rawValue: String) {
        let status = EventStatus(rawValue: rawValue)
        guard status.isKnown else { return nil }
        self = status
    }
}
