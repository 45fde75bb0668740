import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound to 127.0.0.1 on a port the kernel chose: what every raw test server starts
/// from, and a port nothing else can take while a test holds it (bound and not listening, it
/// refuses connections).
///
/// Tests' servers misbehave on purpose (close without a reply, never accept, answer exact bytes),
/// which no HTTP server library does; each of them needs the same few socket calls, here once.
public struct LoopbackSocket: Sendable {
    /// The socket; whoever made it closes it (`close(descriptor)`).
    public let descriptor: Int32
    /// The port it is bound to.
    public let port: Int

    /// Binds a new socket to 127.0.0.1, port 0, and listens when `backlog` is given.
    /// - Throws: `POSIXError` with the failed call's `errno`; the socket is closed then.
    public init(listeningWithBacklog backlog: Int32? = nil) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.lastError() }
        if backlog != nil {
            // A listener a test restarts on its port must not wait out TIME_WAIT.
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && (backlog.map { listen(fd, $0) == 0 } ?? true)
                    && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            let error = Self.lastError()
            close(fd)
            throw error
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A loopback port nothing listens on now: bound, read back and released. Another process
    /// may take it before the caller does; a server told to listen there reports that itself.
    public static func freePort() throws -> Int {
        let socket = try LoopbackSocket()
        close(socket.descriptor)
        return socket.port
    }

    private static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
