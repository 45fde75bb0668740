import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Gives the 400 that Hummingbird writes for a request NIO cannot parse (a bare LF, a method that
/// is not a token, raw bytes in the path, a header over the limit, two Content-Lengths) the JSON
/// body with `detail`, and the `Access-Control-Allow-Origin: *`, that every other error answer
/// has: it writes the head with `Content-Length: 0` and no body.
///
/// Sits after HTTP part decoding (`HTTP1Channel`'s additional handlers), where responses are
/// `HTTPResponsePart`s. The API itself never answers an empty 400, so an empty 400 that closes
/// the connection is that one.
final class ParseErrorBodyHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The body, as the API's own 400s write `detail`.
    static let body = #"{"detail":"Bad Request: the request is not valid HTTP/1.1"}"#

    /// Whether the response being written is the empty 400, whose end gets the body first.
    private var fillingBody = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head)
        where head.status == .badRequest && head.headerFields[.contentLength] == "0" && head.headerFields[.connection] == "close":
            fillingBody = true
            head.headerFields[.contentType] = "application/json"
            head.headerFields[.contentLength] = String(Self.body.utf8.count)
            head.headerFields[.accessControlAllowOrigin] = "*"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where fillingBody:
            fillingBody = false
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: Self.body))), promise: nil)
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }
}
