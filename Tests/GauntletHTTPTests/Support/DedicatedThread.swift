import Foundation

/// Runs `body` on a new thread and returns its result: for a ``SocketTransferLoop`` that blocks
/// for a while, so that it keeps the thread it was made on and leaves Swift's cooperative
/// threads to the in-process test server.
func onDedicatedThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
