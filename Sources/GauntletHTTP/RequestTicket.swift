import Synchronization

/// Orders one request's submission against its cancellation, which may race from another thread.
///
/// Both sides take the ticket's lock: a cancellation that comes first stops the submission; one
/// that comes after queues a cancel command behind the submit command on the same loop queue.
final class RequestTicket: Sendable {
    private enum State { case new, submitted, cancelled }

    /// The request id on the loop.
    let id: UInt64
    private let loop: TransferLoop
    private let state = Mutex(State.new)

    init(loop: TransferLoop) {
        self.loop = loop
        self.id = loop.makeID()
    }

    /// Hands the submission to the loop unless the task was already cancelled.
    /// - Returns: The error to finish with when the submission was not queued.
    func submit(_ submission: TransferLoop.Submission) -> TransportError? {
        state.withLock { state in
            if state == .cancelled {
                return .cancelled(submission.request, reason: "the task was cancelled")
            }
            guard loop.enqueue(.submit(submission)) else {
                return .cancelled(submission.request, reason: "the client was shut down")
            }
            state = .submitted
            return nil
        }
    }

    /// Cancels the request: before submission it never starts; after, the loop aborts it.
    func cancel() {
        state.withLock { state in
            if state == .submitted {
                _ = loop.enqueue(.cancel(id))
            }
            state = .cancelled
        }
    }
}
