public import Foundation
public import GauntletHTTP
import GauntletJSON

/// Keeps events in a DynamoDB table, calling DynamoDB's JSON protocol through libcurl
/// (``DynamoDBClient``), signed with SigV4.
///
/// Each operation is what the seed's kind of deployment does, with DynamoDB's own guarantees:
/// - create is a `PutItem` conditioned on `attribute_not_exists(eventId)`, so of many concurrent
///   creates of one id exactly one succeeds and the others get ``EventStoreError/conflict``;
/// - reads are consistent `GetItem`s;
/// - update reads the item, applies the change and writes the changed fields with an
///   `UpdateItem` conditioned on the item being as read (``DynamoDBUpdate``): `createdAt` stays,
///   a concurrent delete makes it ``EventStoreError/notFound``, a concurrent update makes it
///   read and try again;
/// - delete is a `DeleteItem` conditioned on `attribute_exists(eventId)` (not found otherwise);
/// - the list is a `Scan`, with a `FilterExpression` on `eventStatus` when filtered, following
///   `LastEvaluatedKey` to the last page, then sorted by id as the other stores sort.
///
/// Throttled calls are retried (``DynamoDBRetryPolicy``); when the retries run out, or DynamoDB
/// cannot be reached, the call throws ``EventStoreError/unavailable(_:)``, which the API answers
/// with 503.
public final class DynamoDBEventStore: EventStore {
    /// The table name.
    public let table: String
    /// The HTTP calls.
    let client: DynamoDBClient
    /// The `Limit` of one `Scan` call, if any.
    let scanPageLimit: Int?

    /// How often an update is tried again when another write changed the item between its read
    /// and its write.
    static let updateAttempts = 25
    /// The most items one `TransactWriteItems` call may hold.
    static let transactionLimit = 100

    /// Opens the store: resolves endpoint, region and keys, and creates the table when the
    /// settings ask for it.
    /// - Parameters:
    ///   - settings: The table and how to reach it.
    ///   - environment: Where settings left nil are read from; the process environment by default.
    ///   - http: The HTTP engine; the shared one by default.
    /// - Throws: ``EventStoreError`` when the settings are incomplete or the table cannot be created.
    public init(
        settings: DynamoDBSettings,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        http: CurlClient = .shared
    ) async throws {
        do {
            self.table = settings.table
            self.scanPageLimit = settings.scanPageLimit
            self.client = DynamoDBClient(
                endpoint: try settings.resolved(environment: environment),
                retry: settings.retry,
                timeouts: settings.timeouts,
                http: http
            )
            if settings.createTable {
                try await DynamoDBTableSetup.ensureTable(settings.table, client: self.client)
            }
        } catch {
            throw error.eventStoreError
        }
    }

    public func create(_ event: Event) async throws {
        do {
            _ = try await self.call("PutItem", [
                "Item": DynamoDBItem.item(of: event),
                "ConditionExpression": "attribute_not_exists(eventId)",
            ])
        } catch let error as DynamoDBError where error.isConditionFailure {
            throw EventStoreError.conflict
        }
    }

    public func save(_ event: Event) async throws {
        _ = try await self.call("PutItem", ["Item": DynamoDBItem.item(of: event)])
    }

    /// Creates the events in transactions of up to 100 conditional puts. A list of at most 100
    /// is all or nothing; for a longer one, the transactions already written are deleted again
    /// when a later one finds an existing id.
    public func create(contentsOf events: [Event]) async throws {
        var seen = Set<ScalarExactString>()
        for event in events where !seen.insert(ScalarExactString(event.eventId)).inserted {
            throw EventStoreError.conflict
        }
        var written: [Event] = []
        for start in stride(from: 0, to: events.count, by: Self.transactionLimit) {
            let chunk = Array(events[start..<min(start + Self.transactionLimit, events.count)])
            let puts: [JSONValue] = chunk.map { event in
                [
                    "Put": [
                        "TableName": .string(self.table),
                        "Item": DynamoDBItem.item(of: event),
                        "ConditionExpression": "attribute_not_exists(eventId)",
                    ]
                ]
            }
            do {
                _ = try await self.client.call("TransactWriteItems", ["TransactItems": .array(puts)])
            } catch {
                for event in written { try? await self.delete(id: event.eventId) }
                if case .service("TransactionCanceledException", let message, _) = error,
                    message.contains("ConditionalCheckFailed")
                {
                    throw EventStoreError.conflict
                }
                throw error.eventStoreError
            }
            written += chunk
        }
    }

    public func event(id: String) async throws -> Event {
        guard let event = try await self.storedEvent(id: id) else { throw EventStoreError.notFound }
        return event
    }

    public func events(status: EventStatus?) async throws -> [Event] {
        var request: JSONObject = ["ConsistentRead": true]
        if let scanPageLimit { request["Limit"] = .integer(Int64(scanPageLimit)) }
        if let status {
            request["FilterExpression"] = "#s = :s"
            request["ExpressionAttributeNames"] = ["#s": "eventStatus"]
            request["ExpressionAttributeValues"] = [":s": DynamoDBItem.string(status.rawValue)]
        }
        var events: [Event] = []
        while true {
            let page = try await self.call("Scan", request)
            for item in page["Items"]?.arrayValue ?? [] {
                do { events.append(try DynamoDBItem.event(from: item)) } catch { throw error.eventStoreError }
            }
            guard let next = page["LastEvaluatedKey"], case .object(let key) = next, !key.isEmpty else { break }
            request["ExclusiveStartKey"] = next
        }
        return events.sorted(by: Event.precedes)
    }

    public func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event {
        for _ in 0..<Self.updateAttempts {
            guard let stored = try await self.storedEvent(id: id) else { throw EventStoreError.notFound }
            var updated = try change(stored)
            updated.eventId = id
            guard let body = DynamoDBUpdate(from: stored, to: updated).body else { return updated }
            do {
                _ = try await self.call("UpdateItem", body)
                return updated
            } catch let error as DynamoDBError where error.isConditionFailure {
                continue  // deleted (the next read says so) or changed (read it again)
            }
        }
        throw EventStoreError.failure("event \(id) kept changing during \(Self.updateAttempts) update attempts")
    }

    public func delete(id: String) async throws {
        do {
            _ = try await self.call("DeleteItem", [
                "Key": DynamoDBItem.key(id),
                "ConditionExpression": "attribute_exists(eventId)",
            ])
        } catch let error as DynamoDBError where error.isConditionFailure {
            throw EventStoreError.notFound
        }
    }

    // MARK: - Calls

    /// The event with this id, or nil; a consistent read.
    private func storedEvent(id: String) async throws -> Event? {
        let answer = try await self.call("GetItem", ["Key": DynamoDBItem.key(id), "ConsistentRead": true])
        guard let item = answer["Item"] else { return nil }
        do { return try DynamoDBItem.event(from: item) } catch { throw error.eventStoreError }
    }

    /// Calls an operation on the table. A failed condition comes back as ``DynamoDBError`` for
    /// the caller to interpret; every other failure as an ``EventStoreError``.
    private func call(_ operation: String, _ body: JSONObject) async throws -> JSONValue {
        var body = body
        body["TableName"] = .string(self.table)
        do {
            return try await self.client.call(operation, body)
        } catch where error.isConditionFailure {
            throw error
        } catch {
            throw error.eventStoreError
        }
    }
}
