import Hummingbird

/// Builds responses whose body is JSON text.
enum JSONResponse {
    /// A response with `Content-Type: application/json` and `json` as its body.
    static func make(status: HTTPResponse.Status, json: String, headers: HTTPFields = [:]) -> Response {
        make(status: status, body: ByteBuffer(string: json), headers: headers)
    }

    /// A response with `Content-Type: application/json` and `body` (JSON bytes) as its body.
    static func make(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
