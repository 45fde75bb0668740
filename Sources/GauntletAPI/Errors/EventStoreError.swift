/// A failure reported by an ``EventStore``.
///
/// A struct wrapping a private enum, as Hummingbird's `PersistError` does, so that kinds can be
/// added without breaking clients. Two errors are equal when their kinds are.
public struct EventStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case notFound
        case conflict
        case unavailable
        case tooLarge
        case failure
    }

    private let kind: Kind
    /// What happened, for logs.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// No event has the id.
    public static let notFound = EventStoreError(.notFound, "event not found")
    /// An event with the id already exists.
    public static let conflict = EventStoreError(.conflict, "event already exists")
    /// The storage is there but cannot take the call now (a database throttling requests after
    /// every retry, or out of reach): the API answers 503, which a client may retry, rather than 500.
    public static func unavailable(_ message: String) -> Self { .init(.unavailable, message) }
    /// The event is larger than the storage can hold as one item (DynamoDB's 400 KB): the
    /// request, not the storage, is at fault, so the API answers 413 rather than 500.
    public static func tooLarge(_ message: String) -> Self { .init(.tooLarge, message) }
    /// The storage itself failed (I/O, a corrupt database, ...).
    public static func failure(_ message: String) -> Self { .init(.failure, message) }

    /// Whether this is an ``unavailable(_:)`` error, whatever its message.
    public var isUnavailable: Bool { self.kind == .unavailable }

    /// Whether this is a ``tooLarge(_:)`` error, whatever its message.
    public var isTooLarge: Bool { self.kind == .tooLarge }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.kind == rhs.kind }

    /// The kind and the message.
    public var description: String { "EventStoreError.\(self.kind): \(self.message)" }
}
