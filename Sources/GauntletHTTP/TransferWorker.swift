internal import CCurl

/// The loop thread's bookkeeping: transfers in flight, pooled easy handles, completions.
///
/// Created, used and dropped on the transfer-loop thread only.
final class TransferWorker {
    /// A transfer in flight.
    private struct Active {
        let easy: EasyHandle
        let submission: TransferLoop.Submission
    }

    private let multi: MultiHandle
    private let poolLimit: Int
    /// In-flight transfers by their `CURL*`.
    private var active: [UnsafeMutableRawPointer: Active] = [:]
    /// `CURL*` of in-flight transfers by request id, for cancellation.
    private var handleByID: [UInt64: UnsafeMutableRawPointer] = [:]
    /// Finished easy handles ready for reuse.
    private var pool: [EasyHandle] = []

    init(multi: MultiHandle, poolLimit: Int) {
        self.multi = multi
        self.poolLimit = poolLimit
    }

    /// Starts submitted transfers and aborts cancelled ones.
    func handle(_ commands: [TransferLoop.Command]) {
        for command in commands {
            switch command {
            case .submit(let submission):
                start(submission)
            case .cancel(let id):
                guard let raw = handleByID.removeValue(forKey: id), let transfer = active.removeValue(forKey: raw) else {
                    continue  // already finished
                }
                multi.remove(raw)
                recycle(transfer.easy)
                let error = TransportError.cancelled(transfer.submission.request, reason: "the task was cancelled")
                transfer.submission.continuation.resume(returning: .failure(error))
            }
        }
    }

    /// Prepares a pooled (or new) easy handle for the request and adds it to the multi handle.
    private func start(_ submission: TransferLoop.Submission) {
        let request = submission.request
        do throws(CurlError) {
            let easy: EasyHandle
            if let pooled = pool.popLast() { easy = pooled } else { easy = try EasyHandle() }
            do throws(CurlError) {
                try easy.prepare(for: request)
                try multi.add(easy)
            } catch {
                recycle(easy)
                throw error
            }
            active[easy.raw] = Active(easy: easy, submission: submission)
            handleByID[submission.id] = easy.raw
        } catch {
            submission.continuation.resume(returning: .failure(TransportError(error, request: request)))
        }
    }

    /// Resumes every finished transfer with its exchange or error.
    func deliverCompletions() {
        while let (raw, code) = multi.nextCompletion() {
            guard let transfer = active.removeValue(forKey: raw) else {
                multi.remove(raw)
                continue
            }
            handleByID.removeValue(forKey: transfer.submission.id)
            let easy = transfer.easy
            let request = transfer.submission.request
            let result: Result<HTTPExchange, TransportError>
            if code == CURLE_OK, easy.sink.headersCutShort {
                result = .failure(.headersCutShort(request: request, status: easy.responseCode))
            } else if code == CURLE_OK {
                let response = ReceivedResponse(
                    status: easy.responseCode,
                    httpVersion: easy.httpVersionName,
                    headers: easy.sink.headers,
                    body: easy.sink.body
                )
                result = .success(HTTPExchange(request: request, response: response, timings: easy.timings))
            } else {
                result = .failure(easy.transportError(code, request: request))
            }
            multi.remove(raw)
            recycle(easy)
            transfer.submission.continuation.resume(returning: result)
        }
    }

    /// Puts a finished handle back in the pool, dropping its response buffers.
    private func recycle(_ easy: EasyHandle) {
        easy.sink.reset()
        if pool.count < poolLimit { pool.append(easy) }
    }

    /// Ends every in-flight and queued transfer with ``TransportError/aborted``.
    func abortAll(pending commands: [TransferLoop.Command], reason: String) {
        for (raw, transfer) in active {
            multi.remove(raw)
            transfer.submission.continuation.resume(returning: .failure(.cancelled(transfer.submission.request, reason: reason)))
        }
        active.removeAll()
        handleByID.removeAll()
        pool.removeAll()
        for command in commands {
            if case .submit(let submission) = command {
                submission.continuation.resume(returning: .failure(.cancelled(submission.request, reason: reason)))
            }
        }
    }

    /// Fails queued submissions with an error (used when the loop itself broke).
    static func fail(_ commands: [TransferLoop.Command], with error: TransportError) {
        for command in commands {
            if case .submit(let submission) = command {
                submission.continuation.resume(returning: .failure(error))
            }
        }
    }
}

@available(*, unavailable)
extension TransferWorker: Sendable {}
