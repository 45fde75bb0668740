public import GauntletHTTP

/// A failure of a DynamoDB call, as the store's client reports it before the store turns it
/// into an ``EventStoreError`` (``eventStoreError``).
public enum DynamoDBError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings and environment do not say enough to make a call (no region, no keys).
    case configuration(String)
    /// DynamoDB answered an error: its type (the part of `__type` after `#`, such as
    /// `ConditionalCheckFailedException`), message and HTTP status.
    case service(type: String, message: String, status: Int)
    /// Every attempt was throttled (or failed on DynamoDB's side) and the retries ran out.
    case throttled(type: String, attempts: Int)
    /// No complete HTTP answer came back.
    case transport(TransportError)
    /// The answer was not the JSON an operation returns.
    case malformedResponse(String)

    /// Whether DynamoDB refused a write because its `ConditionExpression` was false.
    var isConditionFailure: Bool {
        if case .service(let type, _, _) = self { return type == "ConditionalCheckFailedException" }
        return false
    }

    /// Whether DynamoDB refused a write because the item would exceed its 400 KB item limit
    /// (`ValidationException` "Item size has exceeded…" on PutItem, "Item size to update has
    /// exceeded…" on UpdateItem).
    var isItemTooLarge: Bool {
        if case .service(let type, let message, _) = self {
            return type == "ValidationException" && message.hasPrefix("Item size")
        }
        return false
    }

    /// The error the store's callers see: throttling past the retries and an unreachable
    /// endpoint are ``EventStoreError/unavailable(_:)`` (503), an item over DynamoDB's size
    /// limit is ``EventStoreError/tooLarge(_:)`` (413), anything else a failure (500).
    var eventStoreError: EventStoreError {
        switch self {
        case .throttled, .transport: .unavailable(self.description)
        case .service where self.isItemTooLarge: .tooLarge(self.description)
        case .configuration, .service, .malformedResponse: .failure(self.description)
        }
    }

    public var description: String {
        switch self {
        case .configuration(let message): "DynamoDB configuration: \(message)"
        case .service(let type, let message, let status): "DynamoDB \(status) \(type): \(message)"
        case .throttled(let type, let attempts): "DynamoDB still answered \(type) after \(attempts) attempts"
        case .transport(let error): "DynamoDB unreachable: \(error.description)"
        case .malformedResponse(let message): "DynamoDB answer not understood: \(message)"
        }
    }
}
