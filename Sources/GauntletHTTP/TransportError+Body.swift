extension TransportError {
    /// A compressed body libcurl could not decode (`CURLE_BAD_CONTENT_ENCODING`): an encoding it
    /// does not support, or bytes that are not what the encoding says. Recorded as
    /// ``Kind/truncated`` (a malformed response), naming the `Content-Encoding` that came back.
    /// - Parameters:
    ///   - error: libcurl's code, text and detail.
    ///   - request: The request, named with a reproduction command.
    ///   - contentEncoding: The response's `Content-Encoding`, if libcurl kept one.
    static func undecodable(_ error: CurlError, request: RequestSpec, contentEncoding: String?) -> TransportError {
        let encoding = contentEncoding.map { "Content-Encoding '\($0)'" } ?? "a Content-Encoding"
        return TransportError(
            .truncated,
            description: "\(request.method) \(request.url) got a body in \(encoding) that libcurl could not decode "
                + "(the request asked for compression with Accept-Encoding): \(error) [reproduce: \(CurlCommand(request))]",
            curlCode: error.code
        )
    }

    /// A body longer than Gauntlet keeps of one response (``ResponseSink/keptBodyLimit``, after
    /// any decoding): the transfer was stopped there. Recorded as ``Kind/truncated``: the body
    /// judged would be a cut one.
    /// - Parameters:
    ///   - error: libcurl's code (`CURLE_WRITE_ERROR`), text and detail.
    ///   - request: The request, named with a reproduction command.
    ///   - limit: The bytes kept.
    static func bodyTooLarge(_ error: CurlError, request: RequestSpec, limit: Int) -> TransportError {
        TransportError(
            .truncated,
            description: "\(request.method) \(request.url) got a body longer than \(limit >> 20) MiB, the most Gauntlet keeps "
                + "of one response (API Gateway answers at most 10 MB): it stopped reading there (\(error)) "
                + "[reproduce: \(CurlCommand(request))]",
            curlCode: error.code
        )
    }

    /// A connection closed in the middle of the response's headers, after its status line:
    /// libcurl 7.88 ends such a transfer without an error, with the status and the header lines
    /// that arrived. Recorded as ``Kind/truncated`` (a malformed response): a status alone is not
    /// an answer whose checks can pass.
    /// - Parameters:
    ///   - request: The request, named with a reproduction command.
    ///   - status: The status line's code.
    static func headersCutShort(request: RequestSpec, status: Int) -> TransportError {
        var error = TransportError(
            .truncated,
            description: "\(request.method) \(request.url) got status \(status), then the deployment closed the connection "
                + "before the end of the response's headers [reproduce: \(CurlCommand(request))]"
        )
        error.answeredStatus = status
        return error
    }
}
