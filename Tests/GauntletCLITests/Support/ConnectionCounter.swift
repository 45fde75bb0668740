import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A listener on 127.0.0.1, port 0, that only counts the connections made to it: proof that a
/// run sent no request at all.
final class ConnectionCounter: Sendable {
    let port: Int
    private let listener: Int32
    private let accepted = Mutex(0)
    private let stopped = Mutex(false)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// How many connections were accepted so far.
    var count: Int { accepted.withLock { $0 } }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            if connection >= 0 {
                accepted.withLock { $0 += 1 }
                close(connection)
            }
        }
        close(listener)
    }

    func stop() { stopped.withLock { $0 = true } }
}
