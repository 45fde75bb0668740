internal import CCurl

extension EasyHandle {
    /// The transport error for the transfer that just ended with `code` on this handle.
    ///
    /// Reads what only the handle knows: the error buffer, whether the pre-request callback
    /// refused to send the request again (``watchResends(method:url:httpVersion:)``), and for a body libcurl could not
    /// decode, the response's `Content-Encoding` (kept by libcurl whether or not a header
    /// callback stored it, so load transfers name it too).
    /// - Parameters:
    ///   - code: The transfer's `CURLcode`, not `CURLE_OK`.
    ///   - request: The request the transfer carried, named in the description.
    func transportError(_ code: CURLcode, request: RequestSpec) -> TransportError {
        let error = CurlError(code, detail: errorDetail)
        if code == CURLE_ABORTED_BY_CALLBACK, resendGuard.pointee.refused != 0 {
            return .notResent(error, request: request)
        }
        var failure: TransportError
        if code == CURLE_BAD_CONTENT_ENCODING {
            failure = .undecodable(error, request: request, contentEncoding: responseHeader(named: "Content-Encoding"))
        } else if code == CURLE_WRITE_ERROR, sink.exceededBodyLimit {
            failure = .bodyTooLarge(error, request: request, limit: ResponseSink.keptBodyLimit)
        } else {
            failure = TransportError(error, request: request)
        }
        // A status line that arrived shows the deployment reached, whatever broke after it (a
        // short or endless body, bad chunking, a timeout mid-body): failed, not "not reached".
        let status = responseCode
        failure.answeredStatus = status > 0 ? status : nil
        return failure
    }
}
