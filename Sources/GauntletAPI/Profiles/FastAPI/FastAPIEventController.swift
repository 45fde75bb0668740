import GauntletJSON
import Foundation
import Hummingbird
import Logging

/// The seed's five handlers as a typical FastAPI + boto3 implementation writes them.
///
/// ```python
/// @app.post("/events", status_code=201)
/// def create_event(event: Event):
///     if table.get_item(Key={"eventId": event.eventId}).get("Item"):
///         raise HTTPException(409, f"Event with ID {event.eventId} already exists")
///     table.put_item(Item={...})               # unconditional: racing creates all win
/// ```
///
/// Validation is pydantic's (``PydanticEventModel``, 422); `?status=` is any string, used as a
/// scan filter; a `PUT` updates the fields given and answers the whole new item, and one with
/// no field to update is `400 {"detail":"No fields to update"}`. Errors are ``FastAPIError``s.
struct FastAPIEventController<Context: RequestContext>: Sendable {
    /// Where events are kept (the DynamoDB table).
    let store: any EventStore
    /// How long a DynamoDB call takes between the read and the write of a create, which is
    /// the window in which racing creates of one id all see it absent.
    let roundTrip: Duration
    /// Reads request bodies.
    let bodyReader = FastAPIBodyReader()
    /// Logs store failures.
    let logger: Logger

    /// The routes, to mount at `/events`.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: self.list)
        routes.post(use: self.create)
        routes.get(":event_id", use: self.show)
        routes.put(":event_id", use: self.update)
        routes.delete(":event_id", use: self.delete)
        return routes
    }

    // MARK: - Handlers

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        // `if status:` — an empty value lists everything, any other value filters the scan.
        let status = request.uri.queryParameters.get("status").flatMap { $0.isEmpty ? nil : EventStatus(rawValue: $0) }
        let events = try await self.storeCall { try await self.store.events(status: nil) }
        let matching = status.map { status in events.filter { ScalarExactString.equal($0.eventStatus.rawValue, status.rawValue) } } ?? events
        var writer = JSONWriter(capacity: 64 + 320 * matching.count)
        writer.beginObject()
        writer.beginArray("events")
        for event in matching { event.write(to: &writer, style: EventJSONStyle(defects: [])) }
        writer.endArray()
        writer.endObject()
        return JSONResponse.make(status: .ok, body: writer.buffer)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        let event = try await self.storeCall { try await self.store.event(id: id) }
        return self.itemResponse(event)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let values = try PydanticEventModel.create(try await self.bodyReader.read(from: request))
        var event = Event(
            eventId: "", title: "", description: "", eventDate: "", location: "", eventCapacity: 0, organizer: "",
            eventStatus: .active, createdAt: PythonTimestamp.now())
        Self.apply(values, to: &event)
        if let problem = DynamoDBKeyRules.keyProblem(event.eventId) ?? DynamoDBKeyRules.itemProblem(event) {
            throw FastAPIError.http(.badRequest, problem)
        }
        let existing = try await self.storeCall { () async throws -> Event? in
            do {
                return try await self.store.event(id: event.eventId)
            } catch let error as EventStoreError where error == .notFound {
                return nil
            }
        }
        if existing != nil {
            throw FastAPIError.http(.conflict, "Event with ID \(event.eventId) already exists")
        }
        try? await Task.sleep(for: self.roundTrip)
        try await self.storeCall { try await self.store.save(event) }
        var writer = JSONWriter()
        writer.beginObject()
        writer.string(event.eventId, key: "eventId")
        writer.string("Event created successfully", key: "message")
        writer.endObject()
        return JSONResponse.make(status: .created, body: writer.buffer)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        let values = try PydanticEventModel.update(try await self.bodyReader.read(from: request))
        guard !values.isEmpty else { throw FastAPIError.http(.badRequest, "No fields to update") }
        if let problem = DynamoDBKeyRules.keyProblem(id) { throw FastAPIError.http(.badRequest, problem) }
        let now = PythonTimestamp.now()
        let updated = try await self.storeCall {
            try await self.store.update(id: id) { event in
                var updated = event
                Self.apply(values, to: &updated)
                updated.updatedAt = now
                if let problem = DynamoDBKeyRules.itemProblem(updated) { throw FastAPIError.http(.badRequest, problem) }
                return updated
            }
        }
        return self.itemResponse(updated)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try self.eventId(context)
        try await self.storeCall { try await self.store.delete(id: id) }
        return JSONResponse.make(status: .ok, json: #"{"message":"Event deleted successfully"}"#)
    }

    // MARK: - Helpers

    /// Sets the fields a validated model holds.
    private static func apply(_ values: [String: PydanticEventModel.Value], to event: inout Event) {
        for (field, value) in values {
            switch (field, value) {
            case ("eventId", .text(let text)): event.eventId = text
            case ("title", .text(let text)): event.title = text
            case ("description", .text(let text)): event.description = text
            case ("date", .text(let text)): event.eventDate = text
            case ("location", .text(let text)): event.location = text
            case ("capacity", .integer(let integer)): event.eventCapacity = integer
            case ("organizer", .text(let text)): event.organizer = text
            case ("status", .text(let text)): event.eventStatus = EventStatus(rawValue: text)
            default: break
            }
        }
    }

    /// The path parameter, with the escapes routing left in place decoded (`%2F` was decoded
    /// before routing, by ``EncodedSlashDecodingResponder``).
    private func eventId(_ context: Context) throws -> String {
        let raw = try context.parameters.require("event_id")
        return PathParameterDecoding.decode(raw) ?? raw
    }

    private func itemResponse(_ event: Event) -> Response {
        var writer = JSONWriter()
        event.write(to: &writer, style: EventJSONStyle(defects: []))
        return JSONResponse.make(status: .ok, body: writer.buffer)
    }

    /// Runs a store call: not found → 404 `Event not found`; unavailable → 503; other failures → 500.
    private func storeCall<T>(_ call: () async throws -> T) async throws(FastAPIError) -> T {
        do {
            return try await call()
        } catch let error as FastAPIError {
            throw error
        } catch let error as EventStoreError where error == .notFound {
            throw .http(.notFound, "Event not found")
        } catch let error as EventStoreError where error.isUnavailable {
            self.logger.warning("store unavailable", metadata: ["error": "\(error)"])
            throw .http(.serviceUnavailable, "Service Unavailable")
        } catch {
            self.logger.error("store failure", metadata: ["error": "\(error)"])
            throw .http(.internalServerError, "Internal Server Error")
        }
    }
}
