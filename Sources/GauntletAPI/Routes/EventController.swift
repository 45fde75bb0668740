import GauntletJSON
import Foundation
import Hummingbird
import Logging

/// The six `/events` calls of the contract.
///
/// Handlers parse bodies themselves (``RequestBodyReader``, `JSONValue(parsing:)`), validate every field
/// (``EventInput``) and throw only ``APIError``; store errors are mapped here: not found → 404,
/// conflict → 409, unavailable (throttled past
/// its retries) → 503, anything else → 500 with the contract's fixed message.
struct EventController<Context: RequestContext>: Sendable {
    /// Where events are kept.
    let store: any EventStore
    /// The deliberate deviations in force.
    let defects: Set<ContractDefect>
    /// Reads request bodies.
    let bodyReader: RequestBodyReader
    /// Logs store failures.
    let logger: Logger
    /// The last encoded list bodies.
    let listCache = ListResponseCache()
    /// How events are written; worked out once rather than per request.
    private let style: EventJSONStyle

    private var rules: ValidationRules { ValidationRules(defects: self.defects) }

    /// Creates a controller.
    /// - Parameters:
    ///   - store: Where events are kept.
    ///   - defects: The deliberate deviations in force.
    ///   - maximumBodySize: The largest body accepted, in bytes.
    ///   - logger: Where store failures are logged.
    init(store: any EventStore, defects: Set<ContractDefect>, maximumBodySize: Int, logger: Logger) {
        self.store = store
        self.defects = defects
        self.bodyReader = RequestBodyReader(
            maximumSize: defects.contains(.noBodyLimit) ? Int(Int32.max) : maximumBodySize,
            malformedIsInternalError: defects.contains(.malformedJSON500)
        )
        self.logger = logger
        self.style = EventJSONStyle(defects: defects)
    }

    /// The routes, to mount at `/events`.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: self.list)
        routes.post(use: self.create)
        routes.get(":eventId", use: self.show)
        routes.put(":eventId", use: self.update)
        routes.delete(":eventId", use: self.delete)
        return routes
    }

    // MARK: - Handlers

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        var status: EventStatus?
        if let raw = request.uri.queryParameters.get("status"), !self.defects.contains(.filterIgnored) {
            let candidate = EventStatus(rawValue: raw)
            if candidate.isKnown {
                status = candidate
            } else if self.defects.contains(.badFilterAccepted) {
                return self.listResponse([], cacheKey: "-")
            } else {
                throw APIError.validation([
                    .init(
                        location: ["query", "status"],
                        message: "Input should be 'active', 'cancelled' or 'completed'",
                        type: "enum"
                    )
                ])
            }
        }
        var events = try await self.storeCall { try await self.store.events(status: status) }
        if self.defects.contains(.listFirstPage) {
            events = Array(events.sorted { ScalarExactString.precedes($0.eventId, $1.eventId) }.prefix(ContractDefect.firstPageSize))
        }
        return self.listResponse(events, cacheKey: status?.rawValue ?? "")
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        guard self.style == .contract else {
            let event = try await self.storeCall { try await self.store.event(id: id) }
            return self.itemResponse(event)
        }
        // The store's bytes as they are: no copy of the event, no encoding.
        let body = try await self.storeCall { try await self.store.eventJSON(id: id) }
        return JSONResponse.make(status: .ok, body: body)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        var object = try await self.bodyReader.readObject(from: request)
        // A JSON integer beyond Int64 reads as a double: the defect's store cannot hold it.
        if self.defects.contains(.capacityOverflow500), case .double(let capacity)? = object["capacity"],
            capacity.magnitude >= 0x1p63, capacity == capacity.rounded()
        {
            throw APIError.internalError
        }
        if self.defects.contains(.ownIds)
            || self.defects.contains(.generatedIds) && (object["eventId"] == nil || object["eventId"] == .string(""))
        {
            object["eventId"] = .string(UUID().uuidString.lowercased())
        }
        let input = try EventInput.create(from: object, rules: self.rules)
        let event = input.event(createdAt: Timestamp.now())
        try await self.storeCall {
            if self.defects.contains(.duplicatesAccepted) {
                try await self.store.save(event)
            } else if self.defects.contains(.duplicateOverwrites), (try? await self.store.event(id: event.eventId)) != nil {
                try await self.store.save(event)
                throw EventStoreError.conflict
            } else {
                try await self.store.create(event)
            }
        } conflictID: {
            event.eventId
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.string(self.defects.contains(.answersExampleID) ? "event-123" : event.eventId, key: "eventId")
        writer.string(
            self.defects.contains(.wrongCreateMessage) ? "Created" : "Event created successfully",
            key: "message"
        )
        writer.endObject()
        return JSONResponse.make(status: self.defects.contains(.create200) ? .ok : .created, body: writer.buffer)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        let object = try await self.bodyReader.readObject(from: request)
        let rules = self.defects.contains(.updateValuesUnchecked) ? self.rules.withoutValueChecks : self.rules
        let input = try EventInput.update(from: object, pathId: id, rules: rules)
        let now = Timestamp.now()
        let dropOthers = self.defects.contains(.putDropsFields)
        let rewriteCreatedAt = self.defects.contains(.createdAtChanges)
        let isEmpty = !input.hasUpdatableField
        let change: @Sendable (Event) -> Event = { event in
            if isEmpty { return event }
            var updated = input.applied(to: event, dropOthers: dropOthers)
            updated.updatedAt = now
            if rewriteCreatedAt { updated.createdAt = now }
            return updated
        }
        let updated: Event
        if self.defects.contains(.updateNotPersisted) || isEmpty {
            updated = change(try await self.storeCall { try await self.store.event(id: id) })
        } else {
            updated = try await self.storeCall { try await self.store.update(id: id, change) }
        }
        return self.itemResponse(updated)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        try await self.storeCall {
            if self.defects.contains(.deleteNoOp) {
                _ = try await self.store.event(id: id)
            } else {
                try await self.store.delete(id: id)
            }
        }
        return JSONResponse.make(status: .ok, json: #"{"message":"Event deleted successfully"}"#)
    }

    // MARK: - Helpers

    /// The path parameter, percent-decoded (most ids hold no `%` and are returned as they are).
    private func eventId(_ context: Context) throws -> String {
        let raw = try context.parameters.require("eventId")
        return PathParameterDecoding.decode(raw) ?? raw
    }

    private func itemResponse(_ event: Event) -> Response {
        var writer = JSONWriter()
        event.write(to: &writer, style: self.style)
        return JSONResponse.make(status: .ok, body: writer.buffer)
    }

    private func listResponse(_ events: [Event], cacheKey: String) -> Response {
        let wrapped = !self.defects.contains(.listUnwrapped)
        let style = self.style
        let body = self.listCache.body(for: cacheKey, events: events) { events in
            var writer = JSONWriter(capacity: 64 + 320 * events.count)
            if wrapped { writer.beginObject() }
            writer.beginArray(wrapped ? "events" : nil)
            for event in events { event.write(to: &writer, style: style) }
            writer.endArray()
            if wrapped { writer.endObject() }
            return writer.buffer
        }
        return JSONResponse.make(status: .ok, body: body)
    }

    /// Runs a store call, mapping ``EventStoreError`` to the contract's statuses.
    private func storeCall<T>(
        _ call: () async throws -> T,
        conflictID: () -> String = { "" }
    ) async throws(APIError) -> T {
        do {
            return try await call()
        } catch let error as APIError {
            throw error
        } catch let error as EventStoreError where error == .notFound {
            throw self.defects.contains(.notFound500) ? .internalError : .eventNotFound
        } catch let error as EventStoreError where error == .conflict {
            throw .conflict(id: conflictID())
        } catch let error as EventStoreError where error.isTooLarge {
            throw .itemTooLarge
        } catch let error as EventStoreError where error.isUnavailable {
            self.logger.warning("store unavailable", metadata: ["error": "\(error)"])
            throw .serviceUnavailable
        } catch {
            self.logger.error("store failure", metadata: ["error": "\(error)"])
            throw .internalError
        }
    }
}
