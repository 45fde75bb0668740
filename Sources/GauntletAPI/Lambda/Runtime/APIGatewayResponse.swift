import Foundation
import GauntletJSON

/// The response a proxy integration returns to API Gateway, in the event's payload format:
/// `statusCode`, `headers` (and `multiValueHeaders` for REST APIs), and the body as text, or
/// base64 when it is not UTF-8.
struct APIGatewayResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func json(for version: APIGatewayEvent.Version) -> JSONValue {
        var single = JSONObject()
        var multiple = JSONObject()
        for (name, value) in headers {
            if let existing = single[name]?.stringValue {
                _ = single.updateValue(.string(existing + ", " + value), forKey: name)
            } else {
                _ = single.updateValue(.string(value), forKey: name)
            }
            var values = multiple[name]?.arrayValue ?? []
            values.append(.string(value))
            _ = multiple.updateValue(.array(values), forKey: name)
        }
        let text = String(validating: body, as: UTF8.self)
        var response: JSONObject = [
            "statusCode": .integer(Int64(status)),
            "headers": .object(single),
            "body": .string(text ?? Data(body).base64EncodedString()),
            "isBase64Encoded": .bool(text == nil),
        ]
        if version == .rest { _ = response.updateValue(.object(multiple), forKey: "multiValueHeaders") }
        return .object(response)
    }
}
