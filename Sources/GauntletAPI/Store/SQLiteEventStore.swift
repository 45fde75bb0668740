import GRDB

/// Keeps events in an SQLite database through one GRDB `DatabaseQueue`.
///
/// The database runs in WAL mode with `synchronous=NORMAL`: a commit has written its WAL frames
/// to the file before the call returns, so an acknowledged write survives the server being
/// killed (SIGKILL); only an operating-system crash or power loss could lose the last commits,
/// which `FULL` would also cover at the cost of an fsync per write. Creates are plain `INSERT`s
/// whose primary-key violation becomes ``EventStoreError/conflict``, so concurrent creates of
/// one id cannot both succeed.
///
/// Another connection to the same file (a second server on a shared table, or one closing and
/// checkpointing its WAL) may hold a lock for a moment; opening and writing then wait for it
/// (``busyTimeout``) instead of failing with "database is locked".
public final class SQLiteEventStore: EventStore {
    private let queue: DatabaseQueue

    /// How long a statement waits for another connection's lock before it fails.
    public static let busyTimeout: Double = 10

    /// Opens (creating if needed) the database at `path`.
    /// - Throws: ``EventStoreError`` when the file cannot be opened or migrated.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            self.queue = try DatabaseQueue(path: path, configuration: configuration)
            try self.queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS events (
                            eventId TEXT PRIMARY KEY NOT NULL,
                            title TEXT NOT NULL,
                            description TEXT NOT NULL,
                            eventDate TEXT NOT NULL,
                            location TEXT NOT NULL,
                            eventCapacity INTEGER NOT NULL,
                            organizer TEXT NOT NULL,
                            eventStatus TEXT NOT NULL,
                            createdAt TEXT NOT NULL,
                            updatedAt TEXT
                        ) WITHOUT ROWID;
                        CREATE INDEX IF NOT EXISTS events_by_status ON events(eventStatus, eventId);
                        """
                )
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func create(_ event: Event) async throws {
        try await self.write { db in try Self.insert(event, into: db) }
    }

    public func save(_ event: Event) async throws {
        try await self.write { db in try Self.insert(event, into: db, orReplace: true) }
    }

    public func create(contentsOf events: [Event]) async throws {
        try await self.write { db in
            for event in events { try Self.insert(event, into: db) }
        }
    }

    public func event(id: String) async throws -> Event {
        let event = try await self.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM events WHERE eventId = ?", arguments: [id]).map(Self.event(from:))
        }
        guard let event else { throw EventStoreError.notFound }
        return event
    }

    public func events(status: EventStatus?) async throws -> [Event] {
        try await self.read { db in
            if let status {
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM events WHERE eventStatus = ? ORDER BY eventId",
                    arguments: [status.rawValue]
                ).map(Self.event(from:))
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY eventId").map(Self.event(from:))
            }
        }
    }

    public func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event {
        try await self.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE eventId = ?", arguments: [id]) else {
                throw EventStoreError.notFound
            }
            var updated = try change(Self.event(from: row))
            updated.eventId = id
            try Self.insert(updated, into: db, orReplace: true)
            return updated
        }
    }

    public func delete(id: String) async throws {
        try await self.write { db in
            try db.execute(sql: "DELETE FROM events WHERE eventId = ?", arguments: [id])
            guard db.changesCount > 0 else { throw EventStoreError.notFound }
        }
    }

    // MARK: - Rows

    private static func insert(_ event: Event, into db: Database, orReplace: Bool = false) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT \(orReplace ? "OR REPLACE " : "")INTO events
                (eventId, title, description, eventDate, location, eventCapacity, organizer, eventStatus, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        try statement.execute(arguments: [
                event.eventId, event.title, event.description, event.eventDate, event.location,
                event.eventCapacity, event.organizer, event.eventStatus.rawValue, event.createdAt, event.updatedAt,
        ])
    }

    private static func event(from row: Row) -> Event {
        Event(
            eventId: row["eventId"],
            title: row["title"],
            description: row["description"],
            eventDate: row["eventDate"],
            location: row["location"],
            eventCapacity: row["eventCapacity"],
            organizer: row["organizer"],
            eventStatus: EventStatus(rawValue: row["eventStatus"]),
            createdAt: row["createdAt"],
            updatedAt: row["updatedAt"]
        )
    }

    // MARK: - Error mapping

    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await self.queue.write(updates)
        } catch {
            throw Self.storeError(error)
        }
    }

    private func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await self.queue.read(value)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Turns GRDB's errors into ``EventStoreError`` at the store boundary; other errors (those a
    /// caller's `change` closure throws) pass through unchanged.
    private static func storeError(_ error: any Error) -> any Error {
        guard let databaseError = error as? DatabaseError else { return error }
        switch databaseError.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE:
            return EventStoreError.conflict
        default:
            return EventStoreError.failure(databaseError.description)
        }
    }
}
