import GauntletJSON

/// An ``Event`` as a DynamoDB item: one attribute per field, named as the seed's table names
/// them (`eventId`, `title`, `description`, `eventDate`, `location`, `eventCapacity`,
/// `organizer`, `eventStatus`, `createdAt`, `updatedAt`), strings as `S` and the capacity as `N`;
/// `updatedAt` is absent until the first update.
enum DynamoDBItem {
    /// The key attribute.
    static let key = "eventId"

    /// The attribute values of every field except the key, in a fixed order; `updatedAt` is nil
    /// when the event has none.
    static func attributes(of event: Event) -> [(name: String, value: JSONValue?)] {
        [
            ("title", string(event.title)),
            ("description", string(event.description)),
            ("eventDate", string(event.eventDate)),
            ("location", string(event.location)),
            ("eventCapacity", number(event.eventCapacity)),
            ("organizer", string(event.organizer)),
            ("eventStatus", string(event.eventStatus.rawValue)),
            ("createdAt", string(event.createdAt)),
            ("updatedAt", event.updatedAt.map(string)),
        ]
    }

    /// The whole item of an event, for `PutItem`.
    static func item(of event: Event) -> JSONValue {
        var item = JSONObject()
        item[key] = string(event.eventId)
        for (name, value) in attributes(of: event) {
            if let value { item[name] = value }
        }
        return .object(item)
    }

    /// The `Key` of the event with this id.
    static func key(_ id: String) -> JSONValue {
        .object([key: string(id)])
    }

    /// A string attribute value, `{"S": text}`.
    static func string(_ text: String) -> JSONValue {
        .object(["S": .string(text)])
    }

    /// A number attribute value, `{"N": "500"}`.
    static func number(_ value: Int64) -> JSONValue {
        .object(["N": .string(String(value))])
    }

    /// The event an item holds.
    /// - Throws: ``DynamoDBError/malformedResponse(_:)`` when a field is missing or of another type
    ///   (an item some other writer put in the table).
    static func event(from item: JSONValue) throws(DynamoDBError) -> Event {
        func text(_ name: String) throws(DynamoDBError) -> String {
            guard let value = item[name]?["S"]?.stringValue else {
                throw .malformedResponse("item \(item[key]?["S"]?.stringValue ?? "?") has no string \(name)")
            }
            return value
        }
        guard let capacityText = item["eventCapacity"]?["N"]?.stringValue, let capacity = Int64(capacityText) else {
            throw .malformedResponse("item \(item[key]?["S"]?.stringValue ?? "?") has no integer eventCapacity")
        }
        var updatedAt: String?
        if item["updatedAt"] != nil { updatedAt = try text("updatedAt") }
        return Event(
            eventId: try text(key),
            title: try text("title"),
            description: try text("description"),
            eventDate: try text("eventDate"),
            location: try text("location"),
            eventCapacity: capacity,
            organizer: try text("organizer"),
            eventStatus: EventStatus(rawValue: try text("eventStatus")),
            createdAt: try text("createdAt"),
            updatedAt: updatedAt
        )
    }
}
