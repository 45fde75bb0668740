/// What DynamoDB itself refuses in a `PutItem` or `GetItem`, which a FastAPI handler that catches
/// `ClientError` turns into a 400 with the service's message (instead of an unhandled 500).
enum DynamoDBKeyRules {
    /// The largest partition key, in UTF-8 bytes.
    static let maximumKeyBytes = 2048
    /// The largest item, in bytes (400 KB), counted as attribute names plus values.
    static let maximumItemBytes = 400 * 1024

    /// The `ValidationException` message for a key DynamoDB rejects, or nil.
    static func keyProblem(_ id: String) -> String? {
        if id.isEmpty {
            return "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                + "an empty string value. Key: eventId"
        }
        if id.utf8.count > maximumKeyBytes {
            return "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of "
                + "2048 bytes"
        }
        return nil
    }

    /// The `ValidationException` message for an item over 400 KB, or nil.
    static func itemProblem(_ event: Event) -> String? {
        let names = "eventIdtitledescriptioneventDatelocationeventCapacityorganizereventStatuscreatedAtupdatedAt"
        let size = names.utf8.count + event.eventId.utf8.count + event.title.utf8.count + event.description.utf8.count
            + event.eventDate.utf8.count + event.location.utf8.count + 21 + event.organizer.utf8.count
            + event.eventStatus.rawValue.utf8.count + event.createdAt.utf8.count + (event.updatedAt?.utf8.count ?? 0)
        return size > maximumItemBytes ? "Item size has exceeded the maximum allowed size" : nil
    }
}
