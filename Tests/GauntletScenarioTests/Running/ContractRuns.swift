import Logging
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import Testing

@testable import GauntletScenario

/// Runs the contract suite against the reference API with given defects, once per distinct
/// configuration, shared by every test that asks (suites run in parallel).
actor ContractRuns {
    static let shared = ContractRuns()

    struct Key: Hashable {
        var defects: Set<ContractDefect>
        var profile: APIProfile
        var basePath: String
        var tags: Set<String>
        var variables: [String: GauntletJSON.JSONValue]
        var readLag: Duration?
    }

    private var runs: [Key: Task<RunResult, any Error>] = [:]

    func result(
        defects: Set<ContractDefect>, profile: APIProfile = .reference, basePath: String = "", tags: Set<String> = [],
        variables: [String: GauntletJSON.JSONValue] = [:], readLag: Duration? = nil
    ) async throws -> RunResult {
        let key = Key(defects: defects, profile: profile, basePath: basePath, tags: tags, variables: variables, readLag: readLag)
        if let task = runs[key] { return try await task.value }
        let task = Task { try await Self.run(key) }
        runs[key] = task
        return try await task.value
    }

    /// Runs the suite, then lists the events left in the table.
    func remainingEvents(defects: Set<ContractDefect>, othersItems: [String] = []) async throws -> (RunResult, [String]) {
        try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, logLevel: .error, defects: defects)) { baseURL in
            for id in othersItems {
                // Another team's event, valid under the seed: not the run's to delete.
                let body = #"{"eventId": "\#(id)", "title": "Other team", "description": "d", "date": "2025-01-01", "location": "x", "capacity": 5, "organizer": "o", "status": "active"}"#
                let created = try await CurlClient.shared.execute(
                    RequestSpec(method: "POST", url: baseURL + "/events", headers: [HTTPHeader("Content-Type", "application/json")], body: Array(body.utf8)))
                precondition(created.response.status == 201, "seeding \(id): \(created.response.status)")
            }
            let run = try await Self.runSuite(baseURL: baseURL, tags: [], variables: [:])
            let exchange = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events"))
            let list = try GauntletJSON.JSONValue(parsing: exchange.response.body)
            let items = list["events"]?.arrayValue ?? list.arrayValue ?? []
            return (run, items.compactMap { $0["eventId"]?.stringValue })
        }
    }

    static func run(_ key: Key) async throws -> RunResult {
        var configuration = APIConfiguration(port: 0, basePath: key.basePath, logLevel: .error, defects: key.defects)
        configuration.profile = key.profile
        configuration.readLag = key.readLag
        return try await EventAPIServer.withRunningServer(configuration) { baseURL in
            try await runSuite(baseURL: baseURL, tags: key.tags, variables: key.variables)
        }
    }

    static func runSuite(baseURL: String, tags: Set<String>, variables: [String: GauntletJSON.JSONValue]) async throws -> RunResult {
        let files = try ScenarioLoader.load(paths: [ContractSuite.path])
        let options = RunOptions(baseURL: baseURL, variables: variables, parallelism: 8, includeTags: tags)
        let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: files))
        return await runner.run(files)
    }

    /// Checks a broken variant must not fail: their rules hold there, and what they need of the
    /// broken one (the seed's field names, the ids sent) is a precondition, so they skip.
    static let expectedPasses: [(ContractDefect, [String])] = [
        (.fieldsNotRenamed, [
            "POST with capacity 500.0 stores the integer 500", "PUT with capacity set to null stores no null",
            "PUT with status set to null stores no null", "GET /events lists a created event",
        ]),
        (.ownIds, [
            "GET /events?status=S returns only items whose eventStatus is S", "PUT with title set to null stores no null",
            "PUT with capacity set to null stores no null", "PUT with status set to null stores no null",
        ]),
        // A 500 for what it lacks: whether a deleted event is gone cannot be told.
        (.notFound500, ["DELETE /events/{eventId} answers 200 and the event is gone"]),
    ]

    /// Which scenario must fail against which broken variant.
    static let expectedCatches: [(ContractDefect, [String])] = [
        (.validation422, ["POST without title is rejected", "POST with status postponed is rejected", "PUT with capacity of a bad value (many) is rejected"]),
        (.noCORS, ["preflight OPTIONS /events allows the methods and headers a browser asks for", "a request with Origin gets Access-Control-Allow-Origin on success", "a request with Origin gets Access-Control-Allow-Origin on errors"]),
        (.corsOnlyWithOrigin, ["every response carries Access-Control-Allow-Origin *, with or without Origin"]),
        (.noPreflight, ["preflight OPTIONS /events allows the methods and headers a browser asks for"]),
        (.preflightMissingMethods, ["preflight OPTIONS /events allows the methods and headers a browser asks for"]),
        (.preflightIgnoresRequestHeaders, ["preflight OPTIONS /events allows the methods and headers a browser asks for"]),
        (.preflightEchoesOrigin, ["preflight OPTIONS /events answers Access-Control-Allow-Origin *", "preflight OPTIONS /events/{eventId} answers Access-Control-Allow-Origin *"]),
        (.create200, ["POST /events answers 201 with the eventId and a message"]),
        (.duplicatesAccepted, ["POST of an existing eventId is 409", "of 20 concurrent creates of one eventId exactly one wins"]),
        (.fieldsNotRenamed, ["GET /events/{eventId} returns the item with eventDate, eventCapacity, eventStatus and createdAt", "GET /events lists an item with eventDate, eventCapacity and eventStatus", "an event read back is valid against the document's Event schema"]),
        (.noCreatedAt, ["GET /events/{eventId} returns the item with eventDate, eventCapacity, eventStatus and createdAt", "an event read back is valid against the document's Event schema"]),
        (.duplicateOverwrites, ["a rejected duplicate leaves the stored event unchanged"]),
        (.createdAtChanges, ["PUT never changes createdAt"]),
        (.filterIgnored, ["GET /events?status=S returns only items whose eventStatus is S"]),
        (.badFilterAccepted, ["GET /events?status= with an unknown status is rejected as invalid"]),
        (.putDropsFields, ["PUT /events/{eventId} updates the fields it names and keeps the others"]),
        (.putIdMismatchAccepted, ["PUT with an eventId in the body that differs from the path is rejected as invalid"]),
        (.emptyPutAccepted, ["PUT with an empty object is rejected as invalid", "PUT with no updatable field is rejected as invalid"]),
        (.updateValuesUnchecked, [
            "PUT with capacity of a bad value (many) is rejected", "PUT with status of a bad value (postponed) is rejected",
            "PUT with date of a bad value (2025-6-1) is rejected", "PUT with a date in Arabic-Indic digits is rejected",
            "PUT with title set to null stores no null", "PUT with capacity set to null stores no null", "PUT with status set to null stores no null",
            "PUT with capacity as the string \"500\" is rejected, as on create", "PUT with capacity as the fraction 500.5 is rejected, as on create",
            "PUT with capacity as a boolean is rejected, as on create", "PUT with capacity of 0 is rejected, as on create",
            "PUT with the impossible date 2025-02-30 is rejected, as on create", "PUT with a blank title is rejected, as on create",
            "PUT with a 201-character title is rejected, as on create",
        ]),
        (.datesUnchecked, [
            "POST with date tomorrow (not YYYY-MM-DD) is rejected", "POST with date 2025/06/01 (not YYYY-MM-DD) is rejected",
            "POST with a date in Arabic-Indic digits is rejected",
        ]),
        (.capacityOverflow500, ["POST with a capacity of 2^63, past a signed 64-bit integer is no server error", "POST with a capacity of 42 significant digits is no server error"]),
        (.unpaddedDatesAccepted, ["POST with date 2025-6-1 (not YYYY-MM-DD) is rejected", "POST with date 2025-06-1 (not YYYY-MM-DD) is rejected", "POST with date 20250601 (not YYYY-MM-DD) is rejected", "PUT with date of a bad value (2025-6-1) is rejected"]),
        (.datesAsPydanticDate, [
            "POST with date of the wrong type (1748736000) is rejected", "POST with date 2025-06-01T00:00:00 (not YYYY-MM-DD) is rejected",
            "POST with date 1748736000 (not YYYY-MM-DD) is rejected",
        ]),
        (.impossibleDatesAccepted, ["POST with the impossible date 2025-02-30 is rejected", "POST with the impossible date 2023-02-29 is rejected"]),
        (.capacityCoerced, ["POST with capacity as the string \"500\" is rejected", "POST with capacity as a boolean is rejected"]),
        (.fractionalCapacityAccepted, ["POST with capacity as the fraction 500.5 is rejected"]),
        (.capacityNonpositiveAccepted, ["POST with capacity of 0 is rejected", "POST with capacity of -5 is rejected"]),
        (.statusUnchecked, ["POST with status postponed is rejected", "POST with status ACTIVE is rejected"]),
        (.generatedIds, ["POST without eventId is rejected"]),
        (.ownIds, [
            "POST /events answers 201 with the eventId and a message", "POST of an existing eventId is 409",
            "GET /events/{eventId} returns the item with eventDate, eventCapacity, eventStatus and createdAt",
        ]),
        (.missingFieldsAccepted, ["POST without title is rejected", "POST without capacity is rejected", "POST without status is rejected"]),
        (.blankStringsAccepted, ["POST with a blank title is rejected", "POST with a blank organizer is rejected"]),
        (.longValuesAccepted, ["POST with a 201-character title is rejected", "POST with a space in the eventId is rejected", "POST with a slash in the eventId is rejected", "POST with a 129-character eventId is rejected"]),
        (.notFound500, ["GET of an unknown eventId is 404", "PUT of an unknown eventId is 404", "DELETE of an unknown eventId is 404"]),
        (.deleteNoOp, ["DELETE /events/{eventId} answers 200 and the event is gone"]),
        (.malformedJSON500, ["a body that is not JSON is a client error", "a body that is not JSON is rejected as invalid", "JSON that is not an object is rejected as invalid"]),
        (.noBodyLimit, ["a body over 1 MiB is 413"]),
        (.methodNotAllowed404, ["PATCH /events/{eventId} is 405", "PUT /events is 405"]),
        (.errorsWithoutDetail, ["a 404 body carries a string detail", "a 409 body carries a string detail", "a 405 body carries a detail"]),
        (.validationDetailString, ["a validation error lists every bad field with loc, msg and type", "a validation error of an update carries a detail list"]),
        (.textContentType, ["JSON responses carry Content-Type application/json", "the JSON answer of DELETE carries Content-Type application/json"]),
        (.listUnwrapped, ["GET /events answers {\"events\":[...]}", "GET /events lists a created event"]),
        (.wrongCreateMessage, ["POST /events answers 201 with the eventId and a message"]),
        (.answersExampleID, ["POST /events answers 201 with the eventId and a message"]),
        (.unknownFieldsRejected, ["unknown request fields are ignored"]),
        (.updateNotPersisted, ["PUT /events/{eventId} updates the fields it names and keeps the others"]),
        (.integralCapacityRejected, ["POST with capacity 500.0 stores the integer 500"]),
        (.noDocs, ["/openapi.json is an OpenAPI 3.1 document of the Event API", "/docs serves an HTML page", "/redoc serves an HTML page"]),
        (.docsOutsideStage, ["/docs names an OpenAPI document that loads", "/redoc names an OpenAPI document that loads"]),
    ]
}
