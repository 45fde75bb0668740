import Foundation
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
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = socketDescriptor
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                guard bind(descriptor, address, length) == 0, listen(descriptor, 128) == 0, getsockname(descriptor, address, &length) == 0 else {
                    close(descriptor)
                    throw POSIXError(.EADDRINUSE)
                }
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit { close(socketDescriptor) }
}
