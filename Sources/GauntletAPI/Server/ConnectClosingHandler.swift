import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes the connection after the answer to a `CONNECT`, which the API never serves (405 on its
/// paths, 404 elsewhere).
///
/// NIO writes every response to a `CONNECT` without a body and without `Content-Length`, as a
/// successful one (a tunnel) must be; a 405 framed that way ends only when the connection does,
/// and Hummingbird keeps it open, so a client waited for the rest of the answer until its own
/// timeout. Marking the request `Connection: close` makes Hummingbird close the connection once
/// it has answered: the client reads the status and headers, and the end.
///
/// Sits after HTTP part decoding (`HTTP1Channel`'s additional handlers), where requests are
/// `HTTPRequestPart`s.
final class ConnectClosingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.method == .connect else {
            context.fireChannelRead(data)
            return
        }
        head.headerFields[.connection] = "close"
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
