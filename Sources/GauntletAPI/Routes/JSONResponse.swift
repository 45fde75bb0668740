import Hummingbird

/// Builds responses whose body is JSON text.
enum JSONResponse {
    /// `Content-Type: application/json` alone, built once: setting the field on an empty
    /// `HTTPFields` per response validated and stored the value again each time.
    private static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    /// A response with `Content-Type: application/json` and `json` as its body.
    static func make(status: HTTPResponse.Status, json: String, headers: HTTPFields = [:]) -> Response {
        make(status: status, body: ByteBuffer(string: json), headers: headers)
    }

    /// A response with `Content-Type: application/json` and `body` (JSON bytes) as its body.
    static func make(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields = [:]) -> Response {
        guard !headers.isEmpty else {
            return Response(status: status, headers: Self.jsonHeaders, body: .init(byteBuffer: body))
        }
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
