import GauntletHTTP
import GauntletJSON

/// The checks every answer gets against what the document says of its operation: no 5xx, a
/// documented status, Content-Type, required headers and schema.
struct ResponseChecker: Sendable {
    let document: APIDocument
    let validator: JSONSchemaValidator

    init(document: APIDocument) {
        self.document = document
        // Formats are asserted: a document that says `format: date` promises a date.
        self.validator = JSONSchemaValidator(document: document.responseJSON, assertsFormats: true)
    }

    func failures(of response: ReceivedResponse, to operation: APIOperation) -> [CheckFailure] {
        var failures: [CheckFailure] = []
        if response.status >= 500 {
            failures.append(CheckFailure(.notAServerError, "answered \(response.status)\(Self.excerpt(response))"))
        }
        guard let documented = operation.response(for: response.status) else {
            let known = operation.responses.keys.sorted().joined(separator: ", ")
            failures.append(CheckFailure(.statusCodeConformance, "status \(response.status) is not documented for \(operation.label) (documented: \(known))"))
            return failures
        }
        for header in documented.requiredHeaders where response.header(header) == nil {
            failures.append(CheckFailure(.responseHeadersConformance, "required header \(header) is missing from the \(response.status) answer"))
        }
        guard !response.body.isEmpty, !documented.content.isEmpty else { return failures }
        let received = response.header("Content-Type") ?? ""
        let mediaType = Self.mediaType(received)
        guard let (documentedType, schema) = documented.content.first(where: { Self.matches(mediaType, $0.key) }) else {
            let known = documented.content.keys.sorted().joined(separator: ", ")
            let shown = received.isEmpty ? "no Content-Type" : "Content-Type \(received)"
            failures.append(CheckFailure(.contentTypeConformance, "\(shown) is not documented for \(response.status) (documented: \(known))"))
            return failures
        }
        if let schema, OperationCollector.isJSON(documentedType) || OperationCollector.isJSON(mediaType) {
            failures += schemaFailures(response, schema: schema)
        }
        return failures
    }

    private func schemaFailures(_ response: ReceivedResponse, schema: JSONPointer) -> [CheckFailure] {
        let body: JSONValue
        do {
            body = try JSONValue(parsing: response.body)
        } catch {
            return [CheckFailure(.responseSchemaConformance, "the \(response.status) body is not JSON (\(error))\(Self.excerpt(response))")]
        }
        do {
            let violations = try validator.validate(body, against: schema.description)
            guard !violations.isEmpty else { return [] }
            let listed = violations.prefix(3).map(\.description).joined(separator: "; ")
            return [CheckFailure(.responseSchemaConformance, "the \(response.status) body is not valid against \(schema): \(listed)")]
        } catch {
            // The document's schema cannot be used: a `$ref` that does not resolve is reported
            // once as a document problem (DanglingReferences), which fails the run.
            return []
        }
    }

    /// `application/json` from `application/json; charset=utf-8`.
    static func mediaType(_ header: String) -> String {
        (header.split(separator: ";").first.map(String.init) ?? "").trimmed.lowercased()
    }

    /// Whether a received media type is one a documented key (possibly `text/*` or `*/*`) names.
    static func matches(_ received: String, _ documented: String) -> Bool {
        let documented = mediaType(documented)
        if documented == "*/*" || documented == received { return true }
        if documented.hasSuffix("/*") { return received.hasPrefix(documented.dropLast()) }
        return false
    }

    /// ": <first 200 characters of the body>", or nothing for an empty body.
    static func excerpt(_ response: ReceivedResponse) -> String {
        response.body.isEmpty ? "" : ": " + String(response.bodyText.prefix(200))
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
