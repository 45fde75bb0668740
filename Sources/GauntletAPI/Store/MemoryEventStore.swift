/// Keeps events in a dictionary inside an actor; lost when the process ends.
///
/// The actor makes every operation atomic: a create checks and inserts without suspending.
public actor MemoryEventStore: EventStore {
    private var events: [String: Event] = [:] {
        didSet { self.sortedCache = nil }
    }
    /// Every event sorted by id, rebuilt on the first list after a write.
    private var sortedCache: [Event]?

    /// Creates an empty store.
    public init() {}

    public func create(_ event: Event) throws {
        guard self.events[event.eventId] == nil else { throw EventStoreError.conflict }
        self.events[event.eventId] = event
    }

    public func save(_ event: Event) {
        self.events[event.eventId] = event
    }

    public func create(contentsOf events: [Event]) throws {
        var seen = Set<String>()
        for event in events {
            guard self.events[event.eventId] == nil, seen.insert(event.eventId).inserted else {
                throw EventStoreError.conflict
            }
        }
        for event in events { self.events[event.eventId] = event }
    }

    public func event(id: String) throws -> Event {
        guard let event = self.events[id] else { throw EventStoreError.notFound }
        return event
    }

    public func events(status: EventStatus?) -> [Event] {
        let sorted: [Event]
        if let sortedCache {
            sorted = sortedCache
        } else {
            sorted = self.events.values.sorted(by: Event.precedes)
            self.sortedCache = sorted
        }
        guard let status else { return sorted }
        return sorted.filter { $0.eventStatus == status }
    }

    public func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) throws -> Event {
        guard let event = self.events[id] else { throw EventStoreError.notFound }
        var updated = try change(event)
        updated.eventId = id
        self.events[id] = updated
        return updated
    }

    public func delete(id: String) throws {
        guard self.events.removeValue(forKey: id) != nil else { throw EventStoreError.notFound }
    }
}
