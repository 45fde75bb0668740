import DynamoDBTesting
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What only the DynamoDB store has: `--store dynamodb:TABLE`, settings from the environment,
/// lists over many `Scan` pages, and throttling retried, then answered with 503. Its behaviour
/// as a store is checked with the other stores' (StoreTests, ContractTests: `StoreUnderTest`).
@Suite(.timeLimit(.minutes(2))) struct DynamoDBStoreTests {
    @Test("--store dynamodb:TABLE names a table; a missing table name is no store")
    func storeArgument() {
        #expect(StoreKind(argument: "dynamodb:events") == .dynamoDB(DynamoDBSettings(table: "events")))
        #expect(StoreKind(argument: "dynamodb:events")?.description == "dynamodb:events")
        #expect(StoreKind(argument: "dynamodb:") == nil)
    }

    @Test("Endpoint, region and keys come from the standard AWS variables unless set")
    func settingsFromEnvironment() throws {
        let environment = [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:4566/", "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "TOKEN",
        ]
        let resolved = try DynamoDBSettings(table: "t").resolved(environment: environment)
        #expect(resolved.url == "http://127.0.0.1:4566/")
        #expect(resolved.signing == AWSSigV4(provider: "aws:amz:eu-west-1:dynamodb", accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        let regional = try DynamoDBSettings(table: "t").resolved(environment: environment.filter { $0.key != "AWS_ENDPOINT_URL" })
        #expect(regional.url == "https://dynamodb.eu-west-1.amazonaws.com/")
        let explicit = try DynamoDBSettings(
            table: "t", endpoint: "http://localhost:8000", region: "us-east-1", credentials: MotoServer.credentials
        ).resolved(environment: environment)
        #expect(explicit.url == "http://localhost:8000/")
        #expect(explicit.signing.provider == "aws:amz:us-east-1:dynamodb" && explicit.signing.accessKeyID == "testing")
        #expect(throws: DynamoDBError.configuration("DynamoDB needs a region: set AWS_REGION (or AWS_DEFAULT_REGION)")) {
            try DynamoDBSettings(table: "t").resolved(environment: [:])
        }
        #expect(throws: DynamoDBError.self) { try DynamoDBSettings(table: "t", region: "us-east-1").resolved(environment: [:]) }
    }

    @Test("A list over many Scan pages (Limit 5, 13 items) returns every item, filtered or not")
    func listOverManyPages() async throws {
        try await MotoServer.shared().withTable(scanPageLimit: 5) { settings in
            let store = try await DynamoDBEventStore(settings: settings)
            let statuses: [EventStatus] = [.active, .cancelled, .completed]
            let events = (0..<13).reversed().map { sampleEvent(String(format: "evt-%02d", $0), status: statuses[$0 % 3]) }
            for event in events { try await store.create(event) }

            // One Scan call with the store's Limit returns 5 items and a key to go on from.
            let page = try JSONValue(parsing: try await MotoServer.shared().call("Scan", #"{"TableName":"\#(settings.table)","Limit":5}"#).body)
            #expect(page["Items"]?.arrayValue?.count == 5)
            #expect(page["LastEvaluatedKey"] != nil)

            let all = try await store.events(status: nil)
            #expect(all.map(\.eventId) == (0..<13).map { String(format: "evt-%02d", $0) })
            #expect(all == events.sorted(by: { $0.eventId < $1.eventId }))
            // The filter applies within each page: pages with none of the status still lead on.
            let cancelled = try await store.events(status: .cancelled)
            #expect(cancelled.map(\.eventId) == ["evt-01", "evt-04", "evt-07", "evt-10"])
            #expect(try await store.events(status: .completed).count == 4)
        }
    }

    @Test("An update writes only what changed: createdAt stays, updatedAt is added")
    func updateKeepsCreatedAt() async throws {
        try await MotoServer.shared().withTable { settings in
            let store = try await DynamoDBEventStore(settings: settings)
            try await store.create(sampleEvent("u"))
            let updated = try await store.update(id: "u") { event in
                var event = event
                event.title = "new"
                event.updatedAt = "2025-01-02T03:04:05"
                return event
            }
            let stored = try await store.event(id: "u")
            #expect(stored == updated)
            #expect(stored.createdAt == "2024-11-07T10:30:00" && stored.title == "new")
            let raw = try JSONValue(parsing: try await MotoServer.shared().call(
                "GetItem", #"{"TableName":"\#(settings.table)","Key":{"eventId":{"S":"u"}}}"#).body)
            #expect(raw["Item"]?["eventCapacity"] == ["N": "10"])
            #expect(raw["Item"]?["updatedAt"] == ["S": "2025-01-02T03:04:05"])
        }
    }

    @Test("10 concurrent updates of one event: none lost")
    func concurrentUpdates() async throws {
        try await MotoServer.shared().withTable { settings in
            let store = try await DynamoDBEventStore(settings: settings)
            try await store.create(sampleEvent("counter"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        _ = try await store.update(id: "counter") { event in
                            var event = event
                            event.eventCapacity += 1
                            return event
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.event(id: "counter").eventCapacity == 20)
        }
    }

    @Test("--create-table on an existing table is fine")
    func createTableTwice() async throws {
        try await MotoServer.shared().withTable { settings in
            let first = try await DynamoDBEventStore(settings: settings)
            try await first.create(sampleEvent("kept"))
            let second = try await DynamoDBEventStore(settings: settings)
            #expect(try await second.event(id: "kept").eventId == "kept")
        }
    }

    // MARK: - Throttling

    @Test("Two ThrottlingExceptions, then success: the call is retried and succeeds")
    func throttlingRetried() async throws {
        let stub = ThrottlingStub(throttledCalls: 2)
        try await stub.withEndpoint { endpoint in
            let store = try await DynamoDBEventStore(settings: Self.settings(endpoint))
            #expect(try await store.event(id: "evt-1") == sampleEvent("evt-1"))
        }
        #expect(await stub.calls == 3)
    }

    @Test("Throttled past the retries: 503 with a detail from the API, never a 500")
    func throttlingGives503() async throws {
        let stub = ThrottlingStub(throttledCalls: .max)
        try await stub.withEndpoint { endpoint in
            let store = try await DynamoDBEventStore(settings: Self.settings(endpoint))
            let error = await #expect(throws: EventStoreError.self) { try await store.event(id: "evt-1") }
            #expect(error?.isUnavailable == true, "\(String(describing: error))")
            for profile in APIProfile.allCases {
                let configuration = APIConfiguration(port: 0, logLevel: .critical, profile: profile)
                let app = try await buildApplication(configuration, store: store)
                try await app.test(.router) { client in
                    for (method, uri) in [(HTTPRequest.Method.get, "/events"), (.get, "/events/evt-1"), (.delete, "/events/evt-1")] {
                        let response = try await client.send(method, uri)
                        #expect(response.status == .serviceUnavailable, "\(profile) \(method) \(uri)")
                        #expect(response.text == #"{"detail":"Service Unavailable"}"#)
                    }
                    let created = try await client.send(.post, "/events", json: eventJSON("new"))
                    #expect(created.status == .serviceUnavailable)
                }
            }
        }
        // 5 calls (1 + 4 retries) for the store call, then for each of 4 requests of 2 profiles.
        #expect(await stub.calls == 5 + 5 * 4 * 2)
    }

    @Test("The store reports an event over DynamoDB's 400 KB item limit as tooLarge (413), and stores or changes nothing")
    func storeRejectsItemOverSizeLimit() async throws {
        try await MotoServer.shared().withTable { settings in
            let store = try await DynamoDBEventStore(settings: settings)
            let description = String(repeating: "x", count: 500_000)
            let huge = { var event = sampleEvent("big"); event.description = description; return event }()
            await #expect(throws: EventStoreError.tooLarge("")) { try await store.create(huge) }
            await #expect(throws: EventStoreError.notFound) { try await store.event(id: "big") }
            try await store.create(sampleEvent("small"))
            await #expect(throws: EventStoreError.tooLarge("")) {
                try await store.update(id: "small") { event in
                    var event = event
                    event.description = description
                    return event
                }
            }
            #expect(try await store.event(id: "small") == sampleEvent("small"))
        }
    }

    @Test("Over HTTP, a 500 KB description is a 4xx with a detail on both profiles, never a 500", arguments: [APIProfile.reference, .fastapi])
    func apiRejectsItemOverSizeLimit(_ profile: APIProfile) async throws {
        // The FastAPI profile, like the seed, puts no length limit on description: 500 KB fits
        // the gateway's 10 MB body limit but not one DynamoDB item.
        let huge = "\"" + String(repeating: "x", count: 500_000) + "\""
        try await withAPI(.dynamoDB, profile: profile) { client in
            let create = try await client.send(.post, "/events", json: eventJSON("big", ["description": huge]))
            #expect((400..<500).contains(create.status.code), "\(create.status)")
            #expect(create.text.hasPrefix(#"{"detail":"#))
            #expect(try await client.send(.get, "/events/big").status == .notFound)

            #expect(try await client.send(.post, "/events", json: eventJSON("small")).status == .created)
            let update = try await client.send(.put, "/events/small", json: #"{"description":\#(huge)}"#)
            #expect((400..<500).contains(update.status.code), "\(update.status)")
            let stored = try await client.send(.get, "/events/small")
            #expect(stored.status == .ok && stored.text.contains("Annual technology conference"))
        }
    }

    @Test("An unreachable endpoint is 503 too")
    func unreachableGives503() async throws {
        let store = try await DynamoDBEventStore(settings: Self.settings("http://127.0.0.1:1"))
        let app = try await buildApplication(.testing, store: store)
        try await app.test(.router) { client in
            let response = try await client.send(.get, "/events")
            #expect(response.status == .serviceUnavailable)
            #expect(response.text == #"{"detail":"Service Unavailable"}"#)
        }
    }

    /// Settings for a stub endpoint, retrying quickly.
    static func settings(_ endpoint: String) -> DynamoDBSettings {
        DynamoDBSettings(
            table: "events", endpoint: endpoint, region: "us-east-1", credentials: MotoServer.credentials,
            retry: DynamoDBRetryPolicy(retries: 4, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(4))
        )
    }
}

/// A DynamoDB endpoint that answers `ThrottlingException` to its first calls, then every
/// `GetItem` with the sample event `evt-1`.
actor ThrottlingStub {
    /// How many calls are throttled.
    let throttledCalls: Int
    /// How many calls arrived.
    private(set) var calls = 0

    init(throttledCalls: Int) { self.throttledCalls = throttledCalls }

    /// Counts a call; whether it is throttled.
    func nextIsThrottled() -> Bool {
        self.calls += 1
        return self.calls <= self.throttledCalls
    }

    /// Runs `body` with the stub's endpoint URL on a live loopback server.
    nonisolated func withEndpoint(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/") { _, _ -> Response in
            let throttled = await self.nextIsThrottled()
            let json = throttled
                ? #"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"#
                : #"{"Item":{"eventId":{"S":"evt-1"},"title":{"S":"Event evt-1"},"description":{"S":"Bulk"},"eventDate":{"S":"2025-01-01"},"location":{"S":"Here"},"eventCapacity":{"N":"10"},"organizer":{"S":"Org"},"eventStatus":{"S":"active"},"createdAt":{"S":"2024-11-07T10:30:00"}}}"#
            return Response(
                status: throttled ? .badRequest : .ok,
                headers: [.contentType: "application/x-amz-json-1.0"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: json))
            )
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }
}
