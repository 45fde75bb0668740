import GauntletJSON
public import NIOCore

/// Persists events. Implementations must be safe to call from any task.
///
/// Every method is atomic: a create is a conditional insert (exactly one of many concurrent
/// creates of an id succeeds), and an update reads, transforms and writes in one step.
public protocol EventStore: Sendable {
    /// Stores a new event.
    /// - Throws: ``EventStoreError/conflict`` when an event with its id exists.
    func create(_ event: Event) async throws

    /// Stores an event, replacing any with the same id.
    func save(_ event: Event) async throws

    /// Stores many new events in one step (for seeding and tests).
    /// - Throws: ``EventStoreError/conflict`` when any id exists; then none is stored.
    func create(contentsOf events: [Event]) async throws

    /// The event with this id.
    /// - Throws: ``EventStoreError/notFound`` when there is none.
    func event(id: String) async throws -> Event

    /// The event with this id as the JSON object `GET /events/{id}` answers (``Event/json``'s
    /// bytes). A store that keeps the encoded bytes (``MemoryEventStore``) returns them as they
    /// are, so that a read neither copies the event nor encodes it; the default encodes
    /// ``event(id:)``.
    /// - Throws: ``EventStoreError/notFound`` when there is none.
    func eventJSON(id: String) async throws -> ByteBuffer

    /// Every event, or those whose status is `status`, sorted by `eventId` (bytewise).
    func events(status: EventStatus?) async throws -> [Event]

    /// Replaces the event with this id by `change(event)`, atomically, and returns the result.
    /// - Throws: ``EventStoreError/notFound`` when there is none, or what `change` throws.
    func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event

    /// Removes the event with this id.
    /// - Throws: ``EventStoreError/notFound`` when there is none.
    func delete(id: String) async throws
}

extension EventStore {
    public func eventJSON(id: String) async throws -> ByteBuffer {
        try await self.event(id: id).jsonBytes
    }
}

extension Event {
    /// Orders events by id, comparing UTF-8 bytes as SQLite's `BINARY` collation does.
    static func precedes(_ lhs: Event, _ rhs: Event) -> Bool {
        ScalarExactString.precedes(lhs.eventId, rhs.eventId)
    }
}
