public import GauntletJSON

/// One operation of an OpenAPI document (`POST /events`), with what fuzzing needs of it: its
/// parameters, its JSON request body and its documented responses, each schema named by a JSON
/// Pointer into the document so that validation resolves `$ref`s where the document put them.
public struct APIOperation: Sendable, Hashable {
    /// The HTTP method, upper case.
    public var method: String
    /// The path template, as the document writes it (`/events/{eventId}`).
    public var path: String
    /// The document's `operationId`, when it has one.
    public var operationId: String?
    /// Path, query and header parameters (cookies are not generated).
    public var parameters: [APIParameter]
    /// The JSON request body, when the operation takes one.
    public var requestBody: APIRequestBody?
    /// Documented responses by their key: `"201"`, `"4XX"` or `"default"`.
    public var responses: [String: APIResponse]

    /// `POST /events`: how findings, JUnit cases and the console name the operation.
    public var label: String { "\(method) \(path)" }

    /// The names of the path's `{parameters}`, in order.
    public var pathParameterNames: [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The documented response for `status`: its exact code, else its class (`4XX`), else `default`.
    public func response(for status: Int) -> APIResponse? {
        responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["\(status / 100)xx"] ?? responses["default"]
    }

    public init(method: String, path: String, operationId: String? = nil, parameters: [APIParameter] = [], requestBody: APIRequestBody? = nil, responses: [String: APIResponse] = [:]) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
    }
}

/// A parameter of an operation.
public struct APIParameter: Sendable, Hashable {
    /// Where the parameter goes.
    public enum Location: String, Sendable, Hashable {
        case path, query, header
    }

    public var name: String
    public var location: Location
    public var required: Bool
    /// Where its schema is in the document (`nil`: any string).
    public var schema: JSONPointer?

    public init(name: String, location: Location, required: Bool, schema: JSONPointer?) {
        self.name = name
        self.location = location
        self.required = required
        self.schema = schema
    }
}

/// An operation's JSON request body.
public struct APIRequestBody: Sendable, Hashable {
    public var required: Bool
    /// The JSON media type to send (`application/json`).
    public var mediaType: String
    /// Where its schema is in the document.
    public var schema: JSONPointer

    public init(required: Bool, mediaType: String, schema: JSONPointer) {
        self.required = required
        self.mediaType = mediaType
        self.schema = schema
    }
}

/// A documented response.
public struct APIResponse: Sendable, Hashable {
    /// Documented media types, each with where its schema is (`nil` when none is given).
    public var content: [String: JSONPointer?]
    /// Headers the document marks `required`.
    public var requiredHeaders: [String]
    /// Operations this response links to, with where each takes its parameters from.
    public var links: [APILink]

    public init(content: [String: JSONPointer?] = [:], requiredHeaders: [String] = [], links: [APILink] = []) {
        self.content = content
        self.requiredHeaders = requiredHeaders
        self.links = links
    }
}

/// An OpenAPI link: the linked operation takes `parameters` from this response.
public struct APILink: Sendable, Hashable {
    /// The linked operation's `operationId`.
    public var operationId: String
    /// Parameter name to runtime expression (`$response.body#/eventId`, `$request.body#/eventId`).
    public var parameters: [String: String]

    public init(operationId: String, parameters: [String: String]) {
        self.operationId = operationId
        self.parameters = parameters
    }
}
