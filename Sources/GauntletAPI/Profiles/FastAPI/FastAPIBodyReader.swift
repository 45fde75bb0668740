import GauntletJSON
import Hummingbird
import NIOCore

/// Reads a request body as FastAPI does for a pydantic-model parameter.
///
/// No size limit of its own (uvicorn has none): only API Gateway's 10 MB payload limit, which
/// answers 413 `{"message":"Request Too Long"}` before the function runs. An empty body is the
/// missing body (422 `missing` at `["body"]`); a body labelled JSON, or not labelled at all, is
/// parsed as JSON and is 422 `json_invalid` at `["body", offset]` when it is not JSON, however
/// large; a body with another Content-Type reaches the model as text, which is 422
/// `model_attributes_type`.
struct FastAPIBodyReader: Sendable {
    /// API Gateway's payload limit, in bytes.
    static let gatewayLimit = 10 * 1024 * 1024

    /// The body as a JSON value (any JSON, not only objects: the model says what it accepts).
    /// - Throws: ``FastAPIError``.
    func read(from request: Request) async throws(FastAPIError) -> JSONValue {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > Self.gatewayLimit {
            throw Self.tooLong
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.gatewayLimit)
        } catch is NIOTooManyBytesError {
            throw Self.tooLong
        } catch {
            throw .http(.badRequest, "There was an error parsing the body")
        }
        guard buffer.readableBytes > 0 else {
            throw .validation([PydanticIssue(type: "missing", location: [.name("body")], message: "Field required", input: nil)])
        }
        if let contentType = request.headers[.contentType], !RequestBodyReader.isJSON(contentType: contentType) {
            return .string(String(decoding: buffer.readableBytesView, as: UTF8.self))
        }
        do {
            return try JSONValue(parsing: buffer.readableBytesView)
        } catch {
            throw .validation([
                PydanticIssue(
                    type: "json_invalid",
                    location: [.name("body"), .offset(error.offset)],
                    message: "JSON decode error",
                    input: [:],
                    context: [("error", error.message)]
                )
            ])
        }
    }

    private static var tooLong: FastAPIError {
        FastAPIError(status: .contentTooLarge, body: .gateway("Request Too Long"))
    }
}
