import Foundation
import GauntletJSON

/// A kind of resource the document lets a client create and then address by path: the create
/// operation, the item path its answer fills in, and the operations on that path.
///
/// Inferred from OpenAPI links where the document has them (`201` of `createEvent` links to
/// `getEvent` with `eventId: $response.body#/eventId`), else from the REST shape of the paths
/// (`POST /events` and `/events/{eventId}`).
struct ResourceKind: Sendable {
    var create: APIOperation
    /// `/events/{eventId}`.
    var itemPath: String
    /// Path parameter name → runtime expression that gives its value after a create.
    var parameters: [String: String]
    /// The create body's property that holds the id, when the client chooses it.
    var clientIDField: String?
    var read: APIOperation?
    var update: APIOperation?
    var delete: APIOperation?
    /// `GET` on the create's path.
    var list: APIOperation?

    /// Every resource kind of `document`.
    static func all(in document: APIDocument) -> [ResourceKind] {
        var kinds: [ResourceKind] = []
        for consumer in document.operations where !consumer.pathParameterNames.isEmpty {
            guard !kinds.contains(where: { $0.itemPath == consumer.path }) else { continue }
            guard var kind = linked(consumer, in: document) ?? restShaped(consumer, in: document) else { continue }
            let onItem = document.operations.filter { $0.path == kind.itemPath }
            kind.read = onItem.first { $0.method == "GET" }
            kind.update = onItem.first { $0.method == "PUT" } ?? onItem.first { $0.method == "PATCH" }
            kind.delete = onItem.first { $0.method == "DELETE" }
            kind.list = document.operations.first { $0.path == kind.create.path && $0.method == "GET" }
            kind.clientIDField = clientIDField(kind, in: document)
            kinds.append(kind)
        }
        return kinds
    }

    private static func linked(_ consumer: APIOperation, in document: APIDocument) -> ResourceKind? {
        guard let id = consumer.operationId else { return nil }
        for producer in document.operations where producer.method == "POST" {
            for (key, response) in producer.responses where key.hasPrefix("2") {
                if let link = response.links.first(where: { $0.operationId == id }),
                    Set(link.parameters.keys).isSuperset(of: consumer.pathParameterNames) {
                    return ResourceKind(create: producer, itemPath: consumer.path, parameters: link.parameters)
                }
            }
        }
        return nil
    }

    private static func restShaped(_ consumer: APIOperation, in document: APIDocument) -> ResourceKind? {
        guard let last = consumer.pathParameterNames.last, consumer.path.hasSuffix("/{\(last)}") else { return nil }
        let collection = String(consumer.path.dropLast(last.count + 3))
        guard let producer = document.operations.first(where: { $0.path == collection && $0.method == "POST" }) else { return nil }
        return ResourceKind(create: producer, itemPath: consumer.path, parameters: [last: "$response.body#/\(last)"])
    }

    /// The create body property that the id comes from: named by a `$request.body` link, or
    /// named like the path parameter (or the response property the link reads).
    private static func clientIDField(_ kind: ResourceKind, in document: APIDocument) -> String? {
        guard let body = kind.create.requestBody, let schema = document.schema(at: body.schema) else { return nil }
        let properties = SchemaView(schema, in: document.requestJSON).properties.map(\.0)
        for (name, expression) in kind.parameters {
            for prefix in ["$request.body#/", "$response.body#/"] where expression.hasPrefix(prefix) {
                let field = String(expression.dropFirst(prefix.count))
                if properties.contains(field) { return field }
            }
            if let field = properties.first(where: { Self.sameName($0, name) }) { return field }
        }
        return nil
    }

    /// `event_id`, `eventId` and `EventID` are one name: documents spell a path parameter
    /// differently from the body field it stands for.
    static func sameName(_ left: String, _ right: String) -> Bool {
        func normalized(_ name: String) -> String { name.filter { $0 != "_" && $0 != "-" }.lowercased() }
        return normalized(left) == normalized(right)
    }

    /// The member of `object` named like `name` (see ``sameName(_:_:)``).
    static func member(_ name: String, of object: JSONValue?) -> JSONValue? {
        guard case .object(let members)? = object else { return nil }
        return members[name] ?? members.first { sameName($0.key, name) }?.value
    }

    /// The path parameters of what a create made, from its request and answer.
    func values(request: JSONValue?, response: JSONValue?) -> [String: String]? {
        var values: [String: String] = [:]
        for (name, expression) in parameters {
            var found: JSONValue?
            for (prefix, document) in [("$response.body#", response), ("$request.body#", request)] where expression.hasPrefix(prefix) {
                if let document, let pointer = try? JSONPointer(String(expression.dropFirst(prefix.count))) {
                    found = pointer.resolve(in: document)
                }
            }
            found = found ?? Self.member(name, of: response) ?? Self.member(name, of: request) ?? response?["id"]
            guard let text = found.flatMap(Mutator.parameterText), !text.isEmpty, found != .null else { return nil }
            values[name] = text
        }
        return values
    }

    /// Where a create's answer gives the value of path parameter `name`, as a JSONPath
    /// (`$['eventId']`), looked for as ``values(request:response:)`` does; `nil` when the value
    /// comes from the request. A finding's replay captures an id there, since a deployment may
    /// name ids other than the ones it was sent.
    func answerPath(of name: String, request: JSONValue?, response: JSONValue?) -> String? {
        guard let expression = parameters[name], let response else { return nil }
        for (prefix, document) in [("$response.body#", response), ("$request.body#", request)] where expression.hasPrefix(prefix) {
            guard let document, let pointer = try? JSONPointer(String(expression.dropFirst(prefix.count))),
                pointer.resolve(in: document) != nil
            else { continue }
            return prefix == "$request.body#" ? nil : Self.jsonPath(pointer, in: response)
        }
        if case .object(let members) = response, let key = members[name] != nil ? name : members.first(where: { Self.sameName($0.key, name) })?.key {
            return "$" + Self.bracketed(key)
        }
        return Self.member(name, of: request) == nil && response["id"] != nil ? "$['id']" : nil
    }

    /// `pointer` as a JSONPath into `document`, where it resolves: an array's element by its
    /// index (`[0]`), an object's member by name.
    private static func jsonPath(_ pointer: JSONPointer, in document: JSONValue) -> String {
        var path = "$"
        var value = document
        for token in pointer.tokens {
            switch value {
            case .array(let elements):
                path += "[\(token)]"
                value = Int(token).flatMap { elements.indices.contains($0) ? elements[$0] : nil } ?? .null
            case .object(let members):
                path += bracketed(token)
                value = members[token] ?? .null
            default:
                return path + bracketed(token)
            }
        }
        return path
    }

    /// `['name']`: a JSONPath member selector for any name.
    private static func bracketed(_ name: String) -> String {
        "[" + JSONPath.stringLiteral(name) + "]"
    }

    /// `/events/{eventId}` with the values filled in.
    func path(_ values: [String: String]) -> String {
        Self.fill(itemPath, values)
    }

    /// `template` with each `{name}` of `values` filled in, as one segment of a
    /// ``FuzzRequest/path`` (a `/` in a value does not split it).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var path = template
        for (name, value) in values { path = path.replacingOccurrences(of: "{\(name)}", with: FuzzRequest.segment(value)) }
        return path
    }
}
