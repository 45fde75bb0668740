import Hummingbird

/// Decodes `%2F` in the request path before the router sees it, as uvicorn and Starlette route
/// on the decoded path: `DELETE /events/a%2Fb` is routed as `/events/a/b`, which no route
/// matches (404), so an event whose id holds a slash can be created but never read, updated or
/// deleted by id. With `decodesEncodedSlashes` off it passes requests through unchanged.
struct EncodedSlashDecodingResponder<Base: HTTPResponder>: HTTPResponder {
    typealias Context = Base.Context

    /// The router.
    let base: Base
    /// Whether `%2F` is decoded (the FastAPI profile) or left for the handler (the reference).
    let decodesEncodedSlashes: Bool

    func respond(to request: Request, context: Context) async throws -> Response {
        guard self.decodesEncodedSlashes, let path = request.head.path, let decoded = Self.decodingSlashes(in: path)
        else {
            return try await self.base.respond(to: request, context: context)
        }
        var head = request.head
        head.path = decoded
        return try await self.base.respond(to: Request(head: head, body: request.body), context: context)
    }

    /// `target` with each `%2F` (or `%2f`) in its path, not its query, replaced by `/`; nil
    /// when there is none. Other escapes stay as they are (`%252F` is `%25` then `2F`).
    static func decodingSlashes(in target: String) -> String? {
        let bytes = Array(target.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") {
                output.append(contentsOf: bytes[index...])
                break
            }
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "2"),
                bytes[index + 2] | 0x20 == UInt8(ascii: "f")
            {
                output.append(UInt8(ascii: "/"))
                index += 3
                changed = true
                continue
            }
            output.append(byte)
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count {
                output.append(contentsOf: bytes[(index + 1)...(index + 2)])
                index += 3
                continue
            }
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : nil
    }
}
