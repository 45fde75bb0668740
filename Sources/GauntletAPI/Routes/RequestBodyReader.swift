import GauntletJSON
import Foundation
import Hummingbird
import NIOCore

/// Reads a request body as one JSON object, turning every way it can be wrong into an
/// ``APIError`` with a `detail`.
///
/// Content-Type policy: a body must be labelled `application/json` (parameters such as
/// `charset` and `+json` suffixes are fine). A body with a missing or different Content-Type
/// answers **415 Unsupported Media Type** with a `detail`, since the body's type, not its
/// content, is what is wrong; an empty body answers 400 (`body` missing) whatever its label.
struct RequestBodyReader: Sendable {
    /// The largest body accepted, in bytes; larger ones answer 413.
    let maximumSize: Int
    /// With the `malformed-json-500` defect, bodies that are not JSON objects answer 500.
    let malformedIsInternalError: Bool

    /// Collects, checks and parses the body.
    /// - Throws: ``APIError``: 413 too large, 400 empty, 415 not JSON-labelled, 400 not JSON or
    ///   not an object.
    func readObject(from request: Request) async throws(APIError) -> JSONObject {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > self.maximumSize {
            throw .payloadTooLarge(limit: self.maximumSize)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: self.maximumSize)
        } catch is NIOTooManyBytesError {
            throw .payloadTooLarge(limit: self.maximumSize)
        } catch {
            throw .validation([.init(location: ["body"], message: "The request body could not be read", type: "body_error")])
        }
        guard buffer.readableBytes > 0 else {
            throw .validation([.init(location: ["body"], message: "Field required", type: "missing")])
        }
        guard Self.isJSON(contentType: request.headers[.contentType]) else {
            throw .unsupportedMediaType
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: buffer.readableBytesView)
        } catch {
            if self.malformedIsInternalError { throw .internalError }
            throw .validation([
                .init(location: ["body"], message: "JSON decode error: \(error.description)", type: "json_invalid")
            ])
        }
        guard case .object(let object) = value else {
            if self.malformedIsInternalError { throw .internalError }
            throw .validation([
                .init(
                    location: ["body"],
                    message: "Input should be a valid dictionary or object to extract fields from",
                    type: "model_attributes_type"
                )
            ])
        }
        return object
    }

    /// Whether a Content-Type names JSON: `application/json` or `application/*+json`, any parameters.
    static func isJSON(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let mediaType else { return false }
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
