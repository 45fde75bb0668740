import Foundation
import GauntletJSON

/// Walks a 3.1-form document's `paths` into ``APIOperation``s, following `$ref`s to path items,
/// parameters, request bodies, responses and headers.
struct OperationCollector {
    let document: JSONValue
    let source: String

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    func operations() throws(DocumentError) -> [APIOperation] {
        guard case .object(let paths)? = document["paths"] else { return [] }
        var operations: [APIOperation] = []
        for (path, rawItem) in paths {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            let (item, itemTarget) = APIDocument.followingReferences(rawItem, in: document)
            let base = itemTarget ?? itemPointer
            let shared = parameters(item["parameters"], at: base.appending("parameters"))
            for method in Self.methods {
                guard let operation = item[method], case .object = operation else { continue }
                let pointer = base.appending(method)
                var parameters = shared
                for parameter in self.parameters(operation["parameters"], at: pointer.appending("parameters")) {
                    parameters.removeAll { $0.name == parameter.name && $0.location == parameter.location }
                    parameters.append(parameter)
                }
                operations.append(APIOperation(
                    method: method.uppercased(), path: path, operationId: operation["operationId"]?.stringValue,
                    parameters: parameters,
                    requestBody: requestBody(operation["requestBody"], at: pointer.appending("requestBody")),
                    responses: responses(operation["responses"], at: pointer.appending("responses"))))
            }
        }
        return operations
    }

    private func parameters(_ list: JSONValue?, at pointer: JSONPointer) -> [APIParameter] {
        guard case .array(let elements)? = list else { return [] }
        return elements.enumerated().compactMap { index, raw in
            let (parameter, target) = APIDocument.followingReferences(raw, in: document)
            let at = target ?? pointer.appending(String(index))
            guard let name = parameter["name"]?.stringValue, let place = parameter["in"]?.stringValue,
                let location = APIParameter.Location(rawValue: place)
            else { return nil }
            var schema: JSONPointer? = parameter["schema"] == nil ? nil : at.appending("schema")
            if schema == nil, case .object(let content)? = parameter["content"], let first = content.keys.first {
                schema = at.appending("content").appending(first).appending("schema")
            }
            return APIParameter(
                name: name, location: location,
                required: location == .path || parameter["required"]?.boolValue == true, schema: schema)
        }
    }

    private func requestBody(_ raw: JSONValue?, at pointer: JSONPointer) -> APIRequestBody? {
        guard let raw else { return nil }
        let (body, target) = APIDocument.followingReferences(raw, in: document)
        let at = target ?? pointer
        guard case .object(let content)? = body["content"],
            let mediaType = content.keys.first(where: Self.isJSON), content[mediaType]?["schema"] != nil
        else { return nil }
        return APIRequestBody(
            required: body["required"]?.boolValue == true, mediaType: mediaType,
            schema: at.appending("content").appending(mediaType).appending("schema"))
    }

    private func responses(_ raw: JSONValue?, at pointer: JSONPointer) -> [String: APIResponse] {
        guard case .object(let members)? = raw else { return [:] }
        var responses: [String: APIResponse] = [:]
        for (key, rawResponse) in members {
            let (response, target) = APIDocument.followingReferences(rawResponse, in: document)
            let at = target ?? pointer.appending(key)
            var content: [String: JSONPointer?] = [:]
            if case .object(let types)? = response["content"] {
                for (mediaType, entry) in types {
                    content[mediaType] = entry["schema"] == nil ? nil : at.appending("content").appending(mediaType).appending("schema")
                }
            }
            var required: [String] = []
            if case .object(let headers)? = response["headers"] {
                for (name, rawHeader) in headers {
                    let header = APIDocument.followingReferences(rawHeader, in: document).value
                    if header["required"]?.boolValue == true { required.append(name) }
                }
            }
            var links: [APILink] = []
            if case .object(let linkMembers)? = response["links"] {
                for (_, rawLink) in linkMembers {
                    let link = APIDocument.followingReferences(rawLink, in: document).value
                    guard let operationId = link["operationId"]?.stringValue else { continue }
                    var parameters: [String: String] = [:]
                    if case .object(let expressions)? = link["parameters"] {
                        for (name, expression) in expressions {
                            if let text = expression.stringValue { parameters[name] = text }
                        }
                    }
                    links.append(APILink(operationId: operationId, parameters: parameters))
                }
            }
            responses[key] = APIResponse(content: content, requiredHeaders: required, links: links)
        }
        return responses
    }

    /// `application/json`, `application/problem+json` and the like.
    static func isJSON(_ mediaType: String) -> Bool {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || type.hasSuffix("+json")
    }
}
