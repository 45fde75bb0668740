/// A deliberate, single deviation from the contract.
///
/// For demonstrating that a contract suite catches a broken deployment: with one defect enabled
/// (`events-api --defect NAME`, or ``APIConfiguration/defects``) the API misbehaves in exactly
/// that one way and is otherwise correct. Never enable one in a real deployment.
public enum ContractDefect: String, CaseIterable, Sendable, Hashable {
    /// Validation errors answer 422 instead of 400 (body unchanged).
    case validation422 = "validation-422"
    /// No `Access-Control-*` headers on any response; preflight still answers 204.
    case noCORS = "no-cors"
    /// `Access-Control-Allow-Origin` only when the request has `Origin`, echoing it (FastAPI's way).
    case corsOnlyWithOrigin = "cors-only-with-origin"
    /// `OPTIONS` answers 405 (with `Access-Control-Allow-Origin: *`).
    case noPreflight = "no-preflight"
    /// Preflight `Access-Control-Allow-Methods` is `GET, POST` only.
    case preflightMissingMethods = "preflight-missing-methods"
    /// Preflight `Access-Control-Allow-Headers` is only `Content-Type`, ignoring what was asked.
    case preflightIgnoresRequestHeaders = "preflight-ignores-request-headers"
    /// A successful `POST` answers 200 instead of 201.
    case create200 = "create-200"
    /// `POST` of an existing id overwrites it and answers 201.
    case duplicatesAccepted = "duplicates-accepted"
    /// `POST` of an existing id answers 409 but stores the new item over the old one.
    case duplicateOverwrites = "duplicate-overwrites"
    /// Items come back with `date`, `capacity`, `status` instead of the renamed fields.
    case fieldsNotRenamed = "fields-not-renamed"
    /// Items lack `createdAt`.
    case noCreatedAt = "no-created-at"
    /// `PUT` stamps `createdAt` anew with the update's time, in whole seconds, as an update written
    /// as a fresh `put_item` of the whole event does: within the second of the create it shows
    /// nothing.
    case createdAtChanges = "created-at-changes"
    /// `?status=` is ignored: every event is listed.
    case filterIgnored = "filter-ignored"
    /// `?status=bogus` answers 200 with an empty list.
    case badFilterAccepted = "bad-filter-accepted"
    /// `PUT` replaces the item with only the fields in the body (plus `eventId`, `createdAt`).
    case putDropsFields = "put-drops-fields"
    /// A body `eventId` different from the path is ignored (200).
    case putIdMismatchAccepted = "put-id-mismatch-accepted"
    /// An empty `PUT` body `{}` answers 200 with the unchanged item.
    case emptyPutAccepted = "empty-put-accepted"
    /// The date format is not validated: any string is accepted.
    case datesUnchecked = "dates-unchecked"
    /// `YYYY-MM-DD` is checked but not the calendar (2024-02-30 is accepted).
    case impossibleDatesAccepted = "impossible-dates-accepted"
    /// Capacity `"500"` and `true` are accepted and coerced to an integer (as pydantic does).
    /// (`500.0` is the integer 500 to every deployment, this one included.)
    case capacityCoerced = "capacity-coerced"
    /// A capacity written with a zero fraction (`500.0`) is rejected as not an integer, as a
    /// validator that looks at the JSON token rather than the number does.
    case integralCapacityRejected = "integral-capacity-rejected"
    /// Capacity 0 and negatives are accepted.
    case capacityNonpositiveAccepted = "capacity-nonpositive-accepted"
    /// Any status string is accepted.
    case statusUnchecked = "status-unchecked"
    /// A `POST` without `eventId`, or with an empty one, is stored under an id the API generates
    /// (a UUID) and answers 201 with it, as deployments that make their own keys do
    /// (`event.eventId or uuid4()`).
    case generatedIds = "generated-ids"
    /// Every `POST` is stored under an id the API generates (a UUID), whatever `eventId` it names
    /// (unchecked, then), and answers 201 with that id, as a deployment whose table keys are its
    /// own does. Breaks "the ids are the client's": a read, an update or a delete of the id sent
    /// finds nothing, and a run's cleanup finds what it stored only from the creates' answers.
    case ownIds = "own-ids"
    /// Missing required fields are stored as empty strings or 0.
    case missingFieldsAccepted = "missing-fields-accepted"
    /// Empty and whitespace-only strings are accepted.
    case blankStringsAccepted = "blank-strings-accepted"
    /// Length limits and the eventId character rule are not enforced.
    case longValuesAccepted = "long-values-accepted"
    /// `GET`/`PUT`/`DELETE` of a missing id answer 500.
    case notFound500 = "not-found-500"
    /// `DELETE` answers 200 but does not delete.
    case deleteNoOp = "delete-no-op"
    /// A body that is not JSON or not an object answers 500.
    case malformedJSON500 = "malformed-json-500"
    /// Bodies over 1 MiB are processed (no 413).
    case noBodyLimit = "no-body-limit"
    /// Unsupported methods on known paths answer 404 instead of 405.
    case methodNotAllowed404 = "method-not-allowed-404"
    /// Error bodies are `{"error": "<message>"}`, without `detail`.
    case errorsWithoutDetail = "errors-without-detail"
    /// 400 validation errors carry `detail` as a plain string instead of the loc/msg/type list.
    case validationDetailString = "validation-detail-string"
    /// JSON responses are labelled `text/plain; charset=utf-8`.
    case textContentType = "text-content-type"
    /// `GET /events` lists only the first 50 events in `eventId` order, as a scan that never
    /// follows `LastEvaluatedKey` lists only its first page: an event past it is in the table
    /// and in no list.
    case listFirstPage = "list-first-page"
    /// `GET /events` returns a bare JSON array instead of `{"events": [...]}`.
    case listUnwrapped = "list-unwrapped"
    /// `POST` answers `{"eventId": id, "message": "Created"}`.
    case wrongCreateMessage = "wrong-create-message"
    /// `POST` stores the event under the id sent and answers `{"eventId": "event-123", …}`, the
    /// seed README's example, as a stub copied from it does. Breaks "answers 201 with the
    /// eventId" **[seed]**; a cleanup that deleted whatever a create's answer names would delete
    /// another team's `event-123`.
    case answersExampleID = "answers-example-id"
    /// A request with an unknown field answers 400.
    case unknownFieldsRejected = "unknown-fields-rejected"
    /// `PUT` answers 200 with the updated item but does not store the change.
    case updateNotPersisted = "update-not-persisted"
    /// `/openapi.json`, `/docs` and `/redoc` are not served (404), as on a deployment that turned them off.
    case noDocs = "no-docs"
    /// `/docs` and `/redoc` name the document at the server's root (`/openapi.json`), not under
    /// the stage prefix, as FastAPI does behind an API Gateway stage without `root_path`: the
    /// pages load, and in a browser neither shows the API. Seen only with a stage prefix
    /// (`--base-path /prod`). Breaks "`/docs` (Swagger UI) and `/redoc`" **[seed]**.
    case docsOutsideStage = "docs-outside-stage"
    /// Dates without zero padding or hyphens (`2025-6-1`, `20250601`) are accepted and stored as
    /// given; they must still name a real day. Breaks "exactly `YYYY-MM-DD`, four-digit year and
    /// two-digit month and day" **[seed]**.
    case unpaddedDatesAccepted = "unpadded-dates-accepted"
    /// A preflight answers `Access-Control-Allow-Origin` with the request's `Origin` instead of
    /// `*`; every other response still carries `*`. The seed's preflight rule allows either, so
    /// only a check that the reference's `*` is served everywhere **[strict]** sees it.
    case preflightEchoesOrigin = "preflight-echoes-origin"
    /// `PUT` stores field values without validating them (`capacity: "many"` is stored as 0,
    /// `status: "postponed"`, `date: "tomorrow"` and blank strings as given), while `POST` still
    /// validates. Breaks "each validated as on create" **[seed]**.
    case updateValuesUnchecked = "update-values-unchecked"
    /// `date` is read as pydantic v2 reads a `datetime.date` field: a Unix timestamp at midnight
    /// UTC (`1748736000`, or the string `"1748736000"`) and a datetime at midnight
    /// (`2025-06-01T00:00:00`) are stored as that day. Breaks "a string, exactly `YYYY-MM-DD`"
    /// **[seed]**.
    case datesAsPydanticDate = "dates-as-pydantic-date"
    /// A fractional capacity (`500.5`) is accepted and truncated toward zero. Breaks "a
    /// fractional number is not [an integer]" **[strict]**.
    case fractionalCapacityAccepted = "fractional-capacity-accepted"

    /// A capacity too large for a signed 64-bit integer (`2^63`, 42 digits) on `POST` answers 500,
    /// as a FastAPI handler does when boto3 cannot store the number and nothing catches it. A
    /// value a deployment cannot hold is for it to refuse (4xx), never a 500 **[strict]**.
    case capacityOverflow500 = "capacity-overflow-500"
    /// The stage prefix a server needs for the defect to show: `/prod` for
    /// ``docsOutsideStage`` (at the root, the root is the stage), `""` for every other.
    public var basePathThatShowsIt: String { self == .docsOutsideStage ? "/prod" : "" }

    /// How many events ``listFirstPage`` lists.
    public static let firstPageSize = 50
}
