/// A rule `gauntlet fuzz` checks. The names are Schemathesis' where it has the same rule, so a
/// team moving from it filters with the names it knows (`--checks not_a_server_error,…`).
public enum FuzzCheck: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// No answer is a 5xx.
    case notAServerError = "not_a_server_error"
    /// The status code is documented for the operation (exactly, by class, or `default`).
    case statusCodeConformance = "status_code_conformance"
    /// A body's Content-Type is one the document gives for that status.
    case contentTypeConformance = "content_type_conformance"
    /// Headers the document marks required are present.
    case responseHeadersConformance = "response_headers_conformance"
    /// A JSON body validates against the documented schema for that status and media type.
    case responseSchemaConformance = "response_schema_conformance"
    /// A request the document says is invalid is rejected with a 4xx.
    case negativeDataRejection = "negative_data_rejection"
    /// A request the document says is valid is not rejected as invalid (400, 422).
    case positiveDataAcceptance = "positive_data_acceptance"
    /// A method the document does not give for a path answers 405.
    case unsupportedMethod = "unsupported_method"
    /// A 405 says which methods the path allows (`Allow`, RFC 9110 §15.5.6).
    case allowHeader = "allow_header_conformance"
    /// After a successful delete, the resource is not found.
    case useAfterFree = "use_after_free"
    /// A created resource can be read back.
    case ensureResourceAvailability = "ensure_resource_availability"
    /// A successful update is what a read returns afterwards (fields of the same name).
    case updateIsReadBack = "update_is_read_back"
    /// Creating a resource whose client-chosen id exists is rejected with a 4xx.
    case duplicateCreateRejected = "duplicate_create_rejected"
    /// A rejected write leaves the resource as it was.
    case rejectedWriteChangesNothing = "rejected_write_changes_nothing"
    /// A list filtered by a query parameter lists only items whose field of that name matches.
    case filterMatchesItems = "filter_matches_items"

    /// What the rule says, for JUnit and findings.
    public var rule: String {
        switch self {
        case .notAServerError: "no request is answered with a 5xx"
        case .statusCodeConformance: "every status code is documented for its operation"
        case .contentTypeConformance: "every body's Content-Type is documented for its status"
        case .responseHeadersConformance: "headers documented as required are sent"
        case .responseSchemaConformance: "every JSON body is valid against its documented schema"
        case .negativeDataRejection: "requests the document calls invalid are rejected with a 4xx"
        case .positiveDataAcceptance: "requests the document calls valid are not rejected as invalid"
        case .unsupportedMethod: "methods a path does not document answer 405"
        case .allowHeader: "a 405 answer says in Allow which methods the path takes"
        case .useAfterFree: "a deleted resource is not found afterwards"
        case .ensureResourceAvailability: "a created resource can be read back"
        case .updateIsReadBack: "a successful update is what a read returns afterwards"
        case .duplicateCreateRejected: "creating an existing id is rejected with a 4xx"
        case .rejectedWriteChangesNothing: "a rejected write leaves the resource as it was"
        case .filterMatchesItems: "a filtered list holds only items that match the filter"
        }
    }

    public static func < (lhs: FuzzCheck, rhs: FuzzCheck) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
