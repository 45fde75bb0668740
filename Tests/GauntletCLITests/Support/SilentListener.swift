import Foundation
import GauntletTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A loopback port that listens and never accepts: the kernel completes each handshake and
/// keeps the request, so a client waits for an answer until its timeout (a deployment that
/// hangs).
final class SilentListener {
    private let socketDescriptor: Int32
    /// The port it listens on, on 127.0.0.1.
    let port: Int

    init() throws {
        let socket = try LoopbackSocket(listeningWithBacklog: 128)
        socketDescriptor = socket.descriptor
        port = socket.port
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit { close(socketDescriptor) }
}
