public import NIOCore

/// How an event is written as JSON, with the fields in a fixed order.
struct EventJSONStyle: Sendable, Equatable {
    /// Use the request names `date`, `capacity`, `status` (the `fields-not-renamed` defect).
    var requestFieldNames = false
    /// Leave `createdAt` out (the `no-created-at` defect).
    var omitCreatedAt = false

    /// The style a deployment with these defects uses.
    init(defects: Set<ContractDefect>) {
        self.requestFieldNames = defects.contains(.fieldsNotRenamed)
        self.omitCreatedAt = defects.contains(.noCreatedAt)
    }

    /// The contract's style, the one ``Event/jsonBytes`` (and a store's cached bytes) use.
    static let contract = EventJSONStyle(defects: [])
}

extension Event {
    /// Writes the event as one JSON object.
    func write(to writer: inout JSONWriter, style: EventJSONStyle) {
        writer.beginObject()
        writer.string(self.eventId, key: "eventId")
        writer.string(self.title, key: "title")
        writer.string(self.description, key: "description")
        writer.string(self.eventDate, key: style.requestFieldNames ? "date" : "eventDate")
        writer.string(self.location, key: "location")
        writer.integer(self.eventCapacity, key: style.requestFieldNames ? "capacity" : "eventCapacity")
        writer.string(self.organizer, key: "organizer")
        writer.string(self.eventStatus.rawValue, key: style.requestFieldNames ? "status" : "eventStatus")
        if !style.omitCreatedAt {
            writer.string(self.createdAt, key: "createdAt")
        }
        if let updatedAt = self.updatedAt {
            writer.string(updatedAt, key: "updatedAt")
        }
        writer.endObject()
    }

    /// The event as a JSON object in the contract's field names.
    public var json: String {
        String(buffer: self.jsonBytes)
    }

    /// The event as a JSON object in the contract's field names, as bytes: what
    /// `GET /events/{id}` answers.
    public var jsonBytes: ByteBuffer {
        var writer = JSONWriter(capacity: 384)
        self.write(to: &writer, style: .contract)
        return writer.buffer
    }
}
