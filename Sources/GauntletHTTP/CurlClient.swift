/// Runs HTTP requests through libcurl on one transfer-loop thread, many at a time.
///
/// Connections are kept alive and reused across requests (one multi handle keeps the connection
/// cache; easy handles are pooled). Redirects are not followed unless a request asks. Proxies come
/// from libcurl's usual environment variables.
///
///     let exchange = try await CurlClient.shared.execute(RequestSpec(url: "http://127.0.0.1:8080/events"))
///     print(exchange.response.status, exchange.timings.total)
public final class CurlClient: Sendable {
    /// The loop that owns every curl handle of this client.
    private let loop: TransferLoop

    /// Creates a client; its loop thread starts with the first request.
    public init() {
        loop = TransferLoop()
    }

    /// A process-wide client, never shut down.
    public static let shared = CurlClient()

    /// Runs one request on the shared multi handle; many may be in flight at once from many tasks.
    ///
    /// Honours task cancellation: the transfer is aborted and ``TransportError/aborted`` thrown.
    /// - Parameter request: The request to send.
    /// - Returns: The request, its final response, the timings and a reproduction command.
    /// - Throws: ``TransportError`` when no complete response arrived. An HTTP error status is not an error.
    public func execute(_ request: RequestSpec) async throws(TransportError) -> HTTPExchange {
        let ticket = RequestTicket(loop: loop)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPExchange, TransportError>, Never>) in
                let submission = TransferLoop.Submission(id: ticket.id, request: request, continuation: continuation)
                if let error = ticket.submit(submission) {
                    continuation.resume(returning: .failure(error))
                }
            }
        } onCancel: {
            ticket.cancel()
        }
        return try result.get()
    }

    /// Stops the loop thread and joins it; requests still in flight end with ``TransportError/aborted``
    /// and later ones fail at once. Idempotent.
    public func shutdown() {
        loop.shutdown()
    }

    deinit {
        loop.shutdown()
    }
}
