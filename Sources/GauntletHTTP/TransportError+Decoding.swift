extension TransportError {
    /// A compressed body libcurl could not decode (`CURLE_BAD_CONTENT_ENCODING`): an encoding it
    /// does not support, or bytes that are not what the encoding says. Recorded as
    /// ``Kind/truncated`` (a malformed response), naming the `Content-Encoding` that came back.
    /// - Parameters:
    ///   - error: libcurl's code, text and detail.
    ///   - request: The request, named with a reproduction command.
    ///   - contentEncoding: The response's `Content-Encoding`, if libcurl kept one.
    ///   - status: The status the answer began with.
    static func undecodable(_ error: CurlError, request: RequestSpec, contentEncoding: String?, status: Int) -> TransportError {
        let encoding = contentEncoding.map { "Content-Encoding '\($0)'" } ?? "a Content-Encoding"
        var undecodable = TransportError(
            .truncated,
            description: "\(request.method) \(request.url) got a body in \(encoding) that libcurl could not decode "
                + "(the request asked for compression with Accept-Encoding): \(error) [reproduce: \(CurlCommand(request))]",
            curlCode: error.code
        )
        undecodable.answeredStatus = status > 0 ? status : nil
        return undecodable
    }
}
