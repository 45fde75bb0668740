import DynamoDBTesting
import GauntletJSON
import Foundation
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

// MARK: - Stores under test

/// The three store kinds, for tests parameterized over all: one behavioural suite.
enum StoreUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    /// A table of its own on moto's server (``MotoServer``), deleted afterwards.
    case dynamoDB

    var testDescription: String { self.rawValue }

    /// The stores kept on this machine, for tests whose volume a DynamoDB server on loopback
    /// would make slow rather than telling.
    static let local: [StoreUnderTest] = [.memory, .sqlite]

    /// Runs `body` with a fresh store of this kind; an SQLite store lives in a temporary
    /// directory removed afterwards, a DynamoDB store in a new table on moto, deleted afterwards.
    func withStore<T>(_ body: (any EventStore) async throws -> T) async throws -> T {
        switch self {
        case .memory:
            return try await body(MemoryEventStore())
        case .sqlite:
            return try await withTemporaryDirectory { directory in
                try await body(SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path))
            }
        case .dynamoDB:
            return try await MotoServer.shared().withTable { settings in
                try await body(DynamoDBEventStore(settings: settings))
            }
        }
    }
}

/// Runs `body` with a new empty directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-api-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Builds the API on a fresh store and runs `test` against its router.
func withAPI<T>(
    _ store: StoreUnderTest = .memory,
    profile: APIProfile = .reference,
    defects: Set<ContractDefect> = [],
    basePath: String = "",
    _ test: @Sendable (any TestClientProtocol) async throws -> T
) async throws -> T {
    try await store.withStore { eventStore in
        let configuration = APIConfiguration(port: 0, basePath: basePath, logLevel: .critical, profile: profile, defects: defects)
        let app = try await buildApplication(configuration, store: eventStore)
        return try await app.test(.router, test)
    }
}

// MARK: - Requests

/// A valid create payload, with some fields replaced by raw JSON fragments (nil removes one).
func eventJSON(_ id: String = "evt-1", _ replacements: [String: String?] = [:]) -> String {
    let defaults: [(String, String)] = [
        ("eventId", "\"\(id)\""),
        ("title", "\"Tech Conference 2024\""),
        ("description", "\"Annual technology conference\""),
        ("date", "\"2024-12-15\""),
        ("location", "\"San Francisco, CA\""),
        ("capacity", "500"),
        ("organizer", "\"Tech Events Inc\""),
        ("status", "\"active\""),
    ]
    var members: [String] = []
    for (key, value) in defaults {
        if let replacement = replacements[key] {
            if let replacement { members.append("\"\(key)\":\(replacement)") }
        } else {
            members.append("\"\(key)\":\(value)")
        }
    }
    for (key, value) in replacements.sorted(by: { $0.key < $1.key }) where !defaults.contains(where: { $0.0 == key }) {
        if let value { members.append("\"\(key)\":\(value)") }
    }
    return "{" + members.joined(separator: ",") + "}"
}

extension TestClientProtocol {
    /// Sends a request with an optional JSON body (labelled `application/json` unless
    /// `contentType` says otherwise; nil sends no Content-Type).
    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        json: String? = nil,
        bytes: [UInt8]? = nil,
        contentType: String? = "application/json",
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        var body: ByteBuffer?
        if let json { body = ByteBuffer(string: json) }
        if let bytes { body = ByteBuffer(bytes: bytes) }
        if body != nil, let contentType { fields[.contentType] = contentType }
        return try await self.executeRequest(uri: uri, method: method, headers: fields, body: body)
    }

    /// Creates an event and requires a 201.
    func create(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await self.send(.post, "/events", json: json)
        #expect(response.status == .created, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
    }
}

// MARK: - Responses

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue {
        get throws { try JSONValue(parsing: Array(self.body.readableBytesView)) }
    }

    /// The body as text.
    var text: String { String(buffer: self.body) }
}

extension JSONValue {
    /// The string, or nil.
    var string: String? { stringValue }

    /// The elements of an array, or nil.
    var array: [JSONValue]? { arrayValue }

    /// The keys of an object, sorted, or nil.
    var keys: [String]? {
        guard case .object(let members) = self else { return nil }
        return members.keys.sorted()
    }
}

/// The validation issues of a 400 body as (field, type) pairs.
func issues(_ response: TestResponse) throws -> [(field: String, type: String)] {
    let detail = try #require(try response.json["detail"]?.array, "detail is not a list: \(response.text)")
    return detail.map { issue in
        let location = issue["loc"]?.array?.compactMap(\.string) ?? []
        return (location.dropFirst().joined(separator: "."), issue["type"]?.string ?? "")
    }
}

/// Checks that a response is a JSON error with a `detail`, as every error must be.
func expectDetailError(
    _ response: TestResponse,
    _ status: HTTPResponse.Status,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
    #expect(response.headers[.accessControlAllowOrigin] == "*", sourceLocation: sourceLocation)
    let detail = try? response.json["detail"]
    #expect(detail != nil, "no detail in \(response.text)", sourceLocation: sourceLocation)
}

/// An ISO-8601 timestamp to the second, as the API writes them.
func isTimestamp(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/) != nil
}

/// A store whose every call fails, for the 500 path.
struct FailingEventStore: EventStore {
    func create(_ event: Event) async throws { throw EventStoreError.failure("disk on fire") }
    func save(_ event: Event) async throws { throw EventStoreError.failure("disk on fire") }
    func create(contentsOf events: [Event]) async throws { throw EventStoreError.failure("disk on fire") }
    func event(id: String) async throws -> Event { throw EventStoreError.failure("disk on fire") }
    func events(status: EventStatus?) async throws -> [Event] { throw EventStoreError.failure("disk on fire") }
    func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event {
        throw EventStoreError.failure("disk on fire")
    }
    func delete(id: String) async throws { throw EventStoreError.failure("disk on fire") }
}

/// A stored event for bulk inserts.
func sampleEvent(_ id: String, status: EventStatus = .active) -> Event {
    Event(
        eventId: id,
        title: "Event \(id)",
        description: "Bulk",
        eventDate: "2025-01-01",
        location: "Here",
        eventCapacity: 10,
        organizer: "Org",
        eventStatus: status,
        createdAt: "2024-11-07T10:30:00"
    )
}
