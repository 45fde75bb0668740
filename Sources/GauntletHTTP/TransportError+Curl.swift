internal import CCurl

extension TransportError {
    /// Classifies a failed transfer and writes its full description.
    /// - Parameters:
    ///   - error: libcurl's code, text and error-buffer detail.
    ///   - request: The request that failed, named in the description with a reproduction command.
    init(_ error: CurlError, request: RequestSpec) {
        let kind = Self.kind(of: error)
        let what: String
        switch kind {
        case .timeout: what = "timed out"
        case .connectFailed: what = "could not connect"
        case .dnsFailed: what = "could not resolve the host"
        case .tls: what = "failed TLS"
        case .reset: what = "lost the connection"
        case .truncated: what = "got a truncated or malformed response"
        case .aborted: what = "was aborted"
        default: what = "failed"
        }
        self.init(
            kind,
            description: "\(request.method) \(request.url) \(what): \(error) [reproduce: \(CurlCommand(request))]",
            curlCode: error.code
        )
    }

    /// A transfer cancelled before it completed.
    static func cancelled(_ request: RequestSpec, reason: String) -> TransportError {
        TransportError(.aborted, description: "\(request.method) \(request.url) was aborted: \(reason)")
    }

    /// Maps a `CURLcode` to its failure class.
    static func kind(of error: CurlError) -> Kind {
        guard let code = UInt32(exactly: error.code) else { return .other }
        switch CURLcode(rawValue: code) {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_CONNECT:
            return .connectFailed
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dnsFailed
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return .tls
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .reset
        case CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            return .truncated
        case CURLE_UNSUPPORTED_PROTOCOL where error.detail.contains("HTTP/0.9"):
            // libcurl's verdict on a reply that is not HTTP at all ("Received HTTP/0.9 when not allowed").
            return .truncated
        case CURLE_ABORTED_BY_CALLBACK:
            return .aborted
        default:
            return .other
        }
    }
}
