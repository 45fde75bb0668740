internal import CCurl

extension TransportError {
    /// Whether this is ``notResent(_:request:)``: the request may never have reached the server.
    public var wasNotResent: Bool {
        kind == .reset && curlCode == Int(CURLE_ABORTED_BY_CALLBACK.rawValue)
    }

    /// A request that is not idempotent (POST, PATCH) whose reused keep-alive connection closed
    /// before any byte of the answer, and which was not sent again: the server may have carried it
    /// out, so a second send could do it twice. Recorded as ``Kind/reset``, as other broken
    /// connections are.
    /// - Parameters:
    ///   - error: libcurl's code (`CURLE_ABORTED_BY_CALLBACK`) and detail.
    ///   - request: The request, named with a reproduction command.
    static func notResent(_ error: CurlError, request: RequestSpec) -> TransportError {
        TransportError(
            .reset,
            description: "\(request.method) \(request.url) lost the connection: it closed before any answer, and the request "
                + "was not sent again because \(request.method) is not idempotent (the server may have received it) "
                + "[reproduce: \(CurlCommand(request))]",
            curlCode: error.code
        )
    }
}
