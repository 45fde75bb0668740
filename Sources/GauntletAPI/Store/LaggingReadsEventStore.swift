import GauntletJSON
public import NIOCore
import Synchronization

/// A store whose reads lag its writes, as DynamoDB's default (eventually consistent) `GetItem`
/// and `Scan` may: for `lag` after a write, reads of that event, one by one or in a list, still
/// see it as it was before (absent, if it was created; there, if it was deleted).
///
/// For `events-api --read-lag`: a deployment on such reads is correct, and a contract check that
/// reads back what it just wrote must wait for it rather than fail. Writes themselves are
/// immediate and atomic, as the wrapped store makes them (a second create of an id still
/// conflicts, however soon).
public final class LaggingReadsEventStore: EventStore {
    /// What readers see of a recently written event until `visibleAt`.
    private struct Stale {
        var before: Event?
        var visibleAt: ContinuousClock.Instant

        /// The event as readers see it: `before`, or not found when the write created it.
        func seen() throws -> Event {
            guard let before else { throw EventStoreError.notFound }
            return before
        }
    }

    private let base: any EventStore
    private let lag: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let stale = Mutex<[ScalarExactString: Stale]>([:])

    /// Wraps `base`, whose writes reads see only `lag` later.
    /// - Parameters:
    ///   - base: The store written to.
    ///   - lag: How long a write stays hidden from reads.
    ///   - now: The clock (tests move their own, rather than sleep through the lag).
    public init(
        _ base: any EventStore, lag: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.base = base
        self.lag = lag
        self.now = now
    }

    public func create(_ event: Event) async throws {
        try await write(event.eventId) { try await self.base.create(event) }
    }

    public func save(_ event: Event) async throws {
        try await write(event.eventId) { try await self.base.save(event) }
    }

    public func create(contentsOf events: [Event]) async throws {
        // Seeding: there before any reader.
        try await base.create(contentsOf: events)
    }

    public func event(id: String) async throws -> Event {
        if let view = staleView(of: id) { return try view.seen() }
        return try await base.event(id: id)
    }

    public func eventJSON(id: String) async throws -> ByteBuffer {
        if let view = staleView(of: id) { return try view.seen().jsonBytes }
        return try await base.eventJSON(id: id)
    }

    public func events(status: EventStatus?) async throws -> [Event] {
        let current = try await base.events(status: status)
        let now = self.now()
        let views = stale.withLock { table in
            table = table.filter { $0.value.visibleAt > now }
            return table
        }
        guard !views.isEmpty else { return current }
        var listed = current.filter { views[ScalarExactString($0.eventId)] == nil }
        listed += views.values.compactMap(\.before).filter { status == nil || $0.eventStatus == status }
        return listed.sorted(by: Event.precedes)
    }

    public func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event {
        try await write(id) { try await self.base.update(id: id, change) }
    }

    public func delete(id: String) async throws {
        try await write(id) { try await self.base.delete(id: id) }
    }

    /// Runs a write of the event `id` hidden from readers for `lag` from its start: they keep
    /// seeing what they saw before it. A write while an earlier one is still hidden shows with
    /// that one, so no read is ever more than `lag` behind (as DynamoDB bounds its staleness),
    /// however often the event is written.
    private func write<T>(_ id: String, _ body: () async throws -> T) async throws -> T {
        let before: Event?
        do { before = try await self.event(id: id) } catch let error as EventStoreError where error == .notFound { before = nil }
        let key = ScalarExactString(id)
        let now = self.now()
        let hidden = stale.withLock { table -> Bool in
            if let view = table[key], view.visibleAt > now { return false }
            table[key] = Stale(before: before, visibleAt: now + lag)
            return true
        }
        do {
            return try await body()
        } catch {
            // A write that did not happen hides nothing.
            if hidden { stale.withLock { _ = $0.removeValue(forKey: key) } }
            throw error
        }
    }

    /// What readers see of `id` while a write of it is hidden; nil once none is.
    private func staleView(of id: String) -> Stale? {
        let now = self.now()
        return stale.withLock { table in
            let key = ScalarExactString(id)
            guard let view = table[key] else { return nil }
            guard view.visibleAt > now else {
                table[key] = nil
                return nil
            }
            return view
        }
    }
}
