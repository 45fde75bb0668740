import Hummingbird

/// Builds responses whose body is JSON text.
enum JSONResponse {
    /// `Content-Type: application/json` alone, built once: setting the field on an empty
    /// `HTTPFields` per response validated and stored the value again each time. Room for three
    /// more fields: the first field a response adds (CORS's origin) copies the shared array at
    /// twice its capacity, so the next ones (Hummingbird's `Content-Length`) need no further copy
    /// (callgrind: one allocation fewer per response).
    private static let jsonHeaders: HTTPFields = {
        var fields = HTTPFields()
        fields.reserveCapacity(4)
        fields[.contentType] = "application/json"
        return fields
    }()

    /// A response with `Content-Type: application/json` and `json` as its body.
    static func make(status: HTTPResponse.Status, json: String, headers: HTTPFields? = nil) -> Response {
        make(status: status, body: ByteBuffer(string: json), headers: headers)
    }

    /// A response with `Content-Type: application/json`, any `headers`, and `body` (JSON bytes) as
    /// its body. (No headers is `nil`, not `[:]`: an empty `HTTPFields` literal reserves its
    /// capacity, which allocated an array per response.)
    static func make(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields? = nil) -> Response {
        guard var fields = headers, !fields.isEmpty else {
            return Response(status: status, headers: Self.jsonHeaders, body: .init(byteBuffer: body))
        }
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
