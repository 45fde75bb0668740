import Foundation
import GauntletTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1, port 0, that answers every request `201 Created` and
/// closes the connection, except one whose body holds a non-ASCII byte: that connection is
/// closed without a byte of answer, as a server that crashes on such an input does.
final class DroppingServer: Sendable {
    /// The bound port.
    let port: Int
    /// The listening socket.
    private let listener: Int32

    /// Binds 127.0.0.1:0 and starts accepting on a background thread.
    init() throws {
        let socket = try LoopbackSocket(listeningWithBacklog: 64)
        listener = socket.descriptor
        port = socket.port
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                serve(connection)
            }
        }
    }

    /// Stops accepting.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Reads one request (head, then `Content-Length` bytes of body), answers or drops it, closes.
    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var bodyStart: Int?
        var bodyLength = 0
        while bodyStart.map({ received.count < $0 + bodyLength }) ?? true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            received += buffer[0..<count]
            if bodyStart == nil, let end = received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
                bodyStart = end
                let head = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        if received[(bodyStart ?? 0)...].contains(where: { $0 >= 0x80 }) { return }
        let answer = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        _ = answer.utf8CString.withUnsafeBufferPointer { write(connection, $0.baseAddress, $0.count - 1) }
    }
}
