import Hummingbird
import Logging

/// The `fastapi` profile (`events-api --profile fastapi`): the seed as a typical FastAPI +
/// pydantic v2 + boto3/DynamoDB implementation serves it, run unmodified behind API Gateway.
///
/// It is a second, realistic deployment, not a defect switch: everything the seed's README says
/// holds, and where the seed is silent it does what those libraries do by default. Against the
/// contract it differs thus (each **kept** or **broken**):
///
/// - Validation: **broken** 400 → `422` with pydantic v2's `detail` list (`type`, `loc`, `msg`,
///   `input`, `ctx`): `missing`, `string_type`, `int_parsing`, `int_from_float`, `int_type`,
///   `literal_error`, `string_pattern_mismatch`, `json_invalid`, `model_attributes_type`.
/// - Required fields, string types, the status enum, `YYYY-MM-DD` shape: **kept** (as 422).
/// - A real calendar date: **broken** (`2025-02-30` matches the pattern and is stored).
/// - Digits of `YYYY-MM-DD` in ASCII: **broken** seed rule (the pattern's `\d` is Unicode's in
///   pydantic-core's Rust regex: `٢٠٢٥-٠٦-٠١` is stored, on create and update).
/// - `capacity` a JSON integer: **broken** for `"500"` (500) and `true` (1), pydantic's lax
///   mode; `500.0` is 500 (as the contract allows); `500.5` is 422 `int_from_float` (**kept**);
///   capacity > 0: **broken** (0 and -5 are stored).
/// - Non-blank strings, length limits, the eventId alphabet: **broken** (blank and long strings,
///   ids with a space or a slash are stored). DynamoDB's own limits answer 400 with its message:
///   an empty id, an id over 2048 bytes, an item over 400 KB.
/// - A body that is not JSON, even over 1 MiB: **broken** 400/413 → `422 json_invalid`; JSON
///   that is not an object → `422 model_attributes_type`; an empty body → `422 missing`. Only
///   API Gateway's 10 MB limit answers 413, with `{"message":"Request Too Long"}`.
/// - Duplicate `POST`: 409 `Event with ID … already exists` **kept** sequentially; concurrent
///   creates of one id: **broken**, several answer 201 (a `GetItem`, a DynamoDB round trip, then
///   an unconditional `PutItem`; the last write wins).
/// - `?status=` outside the three values: **broken** 400 → 200 with no events (an empty value
///   lists all).
/// - `PUT`: partial update of the fields given **kept**; `null` counts as not given; a body
///   `eventId` is ignored even when it differs from the path (**broken**); no field to update
///   (`{}`, only unknown fields, only `null`s) is `400 {"detail":"No fields to update"}`, the
///   usual guard before building a DynamoDB `UpdateExpression`, which would fail on an empty
///   `SET` (**kept**, but as a plain-text `detail`); `createdAt` kept, `updatedAt` set.
/// - Ids with a slash: `%2F` is decoded before routing (Starlette), so `/events/a%2Fb` is
///   `/events/a/b`: 404 `{"detail":"Not Found"}` for GET, PUT and DELETE, while the event was
///   created and is listed (**broken**: it can never be read, updated or deleted by id).
/// - CORS: **broken** strict rule (`*` on every response): only requests with `Origin` get
///   `Access-Control-Allow-Origin`, echoing it (with `Allow-Credentials: true`); a preflight
///   answers `200 OK` (text) on any path with every method and the requested headers echoed
///   (seed rule **kept**); `OPTIONS` without preflight headers is 405.
/// - Messages: 404 `Event not found`, 405 `Method Not Allowed` (with `Allow: GET, HEAD`), 201
///   and `DELETE` bodies as the seed shows: **kept**. `createdAt` as `datetime.utcnow()
///   .isoformat()`, with microseconds (`2024-11-07T10:30:00.123456`).
/// - `/openapi.json` is FastAPI's document (``FastAPIDocument``): `/events/{event_id}`, 422s.
/// - JSON content type, 405 for unknown methods, 404 for unknown paths, `/docs`, `/redoc`:
///   as the reference. ``ContractDefect``s do not apply to this profile.
enum FastAPIProfile {
    /// A DynamoDB round trip, between a create's read and its write: a slow one, so that
    /// concurrent creates still overlap on a busy machine that accepts them a few ms apart.
    static let roundTrip: Duration = .milliseconds(25)

    /// Adds the profile's middleware and routes to `router`.
    /// - Parameters:
    ///   - router: The application's router, with the access log already added.
    ///   - configuration: The base path and the Lambda emulation.
    ///   - store: The table.
    ///   - logger: Where failures are logged.
    static func addRoutes(
        to router: Router<BasicRequestContext>,
        configuration: APIConfiguration,
        store: any EventStore,
        logger: Logger
    ) {
        let basePath = APIConfiguration.normalized(basePath: configuration.basePath)
        let knownPath = KnownPath(basePath: basePath)
        router.add(middleware: StarletteCORSMiddleware())
        if let lambda = configuration.lambda {
            router.add(middleware: LambdaMiddleware(emulation: lambda))
        }
        router.add(middleware: FastAPIErrorMiddleware(knownPath: knownPath, logger: logger))
        let events = FastAPIEventController<BasicRequestContext>(store: store, roundTrip: Self.roundTrip, logger: logger)
        router.addRoutes(events.routes, atPath: RouterPath(basePath + "/events"))
        router.addRoutes(
            DocumentationController(
                basePath: basePath, servesDocumentation: true, document: EventAPIDocument.json(profile: .fastapi, basePath: basePath)
            ).routes,
            atPath: RouterPath(basePath.isEmpty ? "/" : basePath))
    }
}
