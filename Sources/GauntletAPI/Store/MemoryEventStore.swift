import GauntletJSON
public import NIOCore

/// Keeps events in a dictionary inside an actor; lost when the process ends.
///
/// The actor makes every operation atomic: a create checks and inserts without suspending.
/// Ids are keyed by their code points (``ScalarExactString``): `"café"` composed and decomposed are two
/// events, as in the SQLite store and DynamoDB.
///
/// Each event is kept with its JSON bytes, encoded once when it is written: `GET /events/{id}`
/// answers those bytes (``eventJSON(id:)``) instead of encoding the event on every read.
public actor MemoryEventStore: EventStore {
    /// An event and its JSON object in the contract's style.
    private struct Stored {
        let event: Event
        let json: ByteBuffer

        init(_ event: Event) {
            self.event = event
            self.json = event.jsonBytes
        }
    }

    private var events: [ScalarExactString: Stored] = [:] {
        didSet { self.sortedCache = nil }
    }
    /// Every event sorted by id, rebuilt on the first list after a write.
    private var sortedCache: [Event]?

    /// Creates an empty store.
    public init() {}

    public func create(_ event: Event) throws {
        let key = ScalarExactString(event.eventId)
        guard self.events[key] == nil else { throw EventStoreError.conflict }
        self.events[key] = Stored(event)
    }

    public func save(_ event: Event) {
        self.events[ScalarExactString(event.eventId)] = Stored(event)
    }

    public func create(contentsOf events: [Event]) throws {
        var seen = Set<ScalarExactString>()
        for event in events {
            let key = ScalarExactString(event.eventId)
            guard self.events[key] == nil, seen.insert(key).inserted else {
                throw EventStoreError.conflict
            }
        }
        for event in events { self.events[ScalarExactString(event.eventId)] = Stored(event) }
    }

    public func event(id: String) throws -> Event {
        guard let stored = self.events[ScalarExactString(id)] else { throw EventStoreError.notFound }
        return stored.event
    }

    public func eventJSON(id: String) throws -> ByteBuffer {
        guard let stored = self.events[ScalarExactString(id)] else { throw EventStoreError.notFound }
        return stored.json
    }

    public func events(status: EventStatus?) -> [Event] {
        let sorted: [Event]
        if let sortedCache {
            sorted = sortedCache
        } else {
            sorted = self.events.values.map(\.event).sorted(by: Event.precedes)
            self.sortedCache = sorted
        }
        guard let status else { return sorted }
        return sorted.filter { $0.eventStatus == status }
    }

    public func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) throws -> Event {
        let key = ScalarExactString(id)
        guard let stored = self.events[key] else { throw EventStoreError.notFound }
        var updated = try change(stored.event)
        updated.eventId = id
        self.events[key] = Stored(updated)
        return updated
    }

    public func delete(id: String) throws {
        guard self.events.removeValue(forKey: ScalarExactString(id)) != nil else { throw EventStoreError.notFound }
    }
}
