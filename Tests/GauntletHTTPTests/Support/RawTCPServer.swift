import Foundation
import GauntletTestSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny TCP server on 127.0.0.1, port 0, that misbehaves on purpose (or serves plain keep-alive
/// HTTP/1.1), for the transport failures a real HTTP server would never produce.
final class RawTCPServer: Sendable {
    /// What the server does with each accepted connection.
    enum Behaviour: Sendable {
        /// Reads the request, then closes without a byte of reply.
        case closeWithoutReply
        /// Reads the request, then resets the connection (SO_LINGER 0).
        case reset
        /// Answers `Content-Length: 100` with 5 bytes, then closes.
        case truncate
        /// Reads the request and never answers.
        case stall
        /// Answers `200 OK` with a chunked body that never ends, until the client closes.
        case endlessBody
        /// Sends bytes that are neither HTTP nor TLS as soon as it accepts, then waits for the client to give up.
        case garbage
        /// Answers every request on the connection with `200 OK` and a small body, keeping it open.
        case keepAlive
        /// Answers the first request like `keepAlive` (nothing says the connection ends), then closes.
        case answerOnceThenClose
        /// Answers the first request on each connection like `keepAlive`, then reads the next one
        /// and closes without a byte of reply: a kept-alive connection that dies under a request.
        case answerOnceThenCloseUnderTheNext
        /// Answers the first request on each connection with `307` to `/next`, then every next
        /// one like `keepAlive`.
        case redirectFirst
        /// Answers every request on the connection with these raw bytes (status line, headers,
        /// body), keeping it open.
        case answer([UInt8])
        /// Answers the first request with these raw bytes, then closes the connection.
        case answerThenClose([UInt8])
    }

    private struct State {
        var accepted = 0
        var requestHeads: [String] = []
        var open: Set<Int32> = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var stopped = false
    }

    let port: Int
    private let behaviour: Behaviour
    private let listener: Int32
    private let state = Mutex(State())

    /// Binds 127.0.0.1:0 and starts accepting on a background thread.
    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let socket = try LoopbackSocket(listeningWithBacklog: 128)
        listener = socket.descriptor
        port = socket.port
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Connections accepted so far.
    var acceptedConnections: Int {
        state.withLock { $0.accepted }
    }

    /// The head (request line and header lines) of every request read so far, in arrival order.
    var requestHeads: [String] {
        state.withLock { $0.requestHeads }
    }

    /// How many requests of this method arrived (a body left unread before a head does not hide it).
    func requests(_ method: String) -> Int {
        requestHeads.filter { $0.contains("\(method) /") }.count
    }

    /// Returns once at least `count` connections have been accepted.
    func waitForConnections(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.accepted >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Stops accepting and shuts every open connection down.
    func stop() {
        let fds = state.withLock { state in
            state.stopped = true
            return state.open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    // MARK: - Threads

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                break
            }
            let ready: [CheckedContinuation<Void, Never>]? = state.withLock { state in
                if state.stopped { return nil }
                state.accepted += 1
                state.open.insert(connection)
                let accepted = state.accepted
                let ready = state.waiters.filter { $0.count <= accepted }.map(\.continuation)
                state.waiters.removeAll { $0.count <= accepted }
                return ready
            }
            guard let ready else {
                close(connection)
                break
            }
            ready.forEach { $0.resume() }
            Thread.detachNewThread { [self] in serve(connection) }
        }
        close(listener)
    }

    private func serve(_ fd: Int32) {
        defer {
            state.withLock { _ = $0.open.remove(fd) }
            close(fd)
        }
        var pending: [UInt8] = []
        if case .garbage = behaviour {
            send(fd, "SSH-2.0-OpenSSH_9.2 this is not HTTP\r\n\r\nat all\r\n")
            var chunk = [UInt8](repeating: 0, count: 4096)
            while recv(fd, &chunk, chunk.count, 0) > 0 {}
            return
        }
        var answered = 0
        repeat {
            guard let head = readRequestHead(fd, into: &pending) else { return }
            state.withLock { $0.requestHeads.append(head) }
            switch behaviour {
            case .closeWithoutReply:
                return
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            case .truncate:
                send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\nshort")
                return
            case .endlessBody:
                send(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n")
                let chunk = Array(("10000\r\n" + String(repeating: "[", count: 0x10000) + "\r\n").utf8)
                while send(fd, chunk) {}
                return
            case .stall:
                var byte: UInt8 = 0
                while recv(fd, &byte, 1, 0) > 0 {}
                return
            case .garbage:
                return
            case .keepAlive:
                send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")
            case .answerOnceThenClose:
                send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")
                return
            case .answerOnceThenCloseUnderTheNext:
                guard answered == 0 else { return }
                send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")
            case .answer(let bytes):
                send(fd, bytes)
            case .answerThenClose(let bytes):
                send(fd, bytes)
                return
            case .redirectFirst:
                if answered == 0 {
                    send(fd, "HTTP/1.1 307 Temporary Redirect\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n")
                } else {
                    send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")
                }
            }
            answered += 1
        } while true
    }

    /// Reads until the end of a request head (`\r\n\r\n`) and returns the head (a body before it,
    /// which nothing reads, stays at its start); nil when the peer closed first.
    private func readRequestHead(_ fd: Int32, into pending: inout [UInt8]) -> String? {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let range = pending.firstRange(of: terminator) {
                let head = String(decoding: pending[..<range.lowerBound], as: UTF8.self)
                pending.removeSubrange(..<range.upperBound)
                return head
            }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    private func send(_ fd: Int32, _ text: String) {
        send(fd, Array(text.utf8))
    }

    /// Sends every byte; false when the peer is gone.
    @discardableResult
    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }
}

/// Runs `body` with a raw server and always stops it.
func withRawServer<Value>(_ behaviour: RawTCPServer.Behaviour, _ body: (RawTCPServer) async throws -> Value) async throws -> Value {
    let server = try RawTCPServer(behaviour)
    defer { server.stop() }
    return try await body(server)
}

/// Runs `body` with a loopback port that refuses connections: bound (so no other test can take it)
/// but not listening.
func withRefusingPort<Value>(_ body: (Int) async throws -> Value) async throws -> Value {
    let socket = try LoopbackSocket()
    defer { close(socket.descriptor) }
    return try await body(socket.port)
}
