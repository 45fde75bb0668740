import Foundation
import GauntletTestSupport
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
        let socket = try LoopbackSocket(listeningWithBacklog: 16)
        listener = socket.descriptor
        port = socket.port
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
