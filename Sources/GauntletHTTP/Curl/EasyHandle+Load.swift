internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

extension EasyHandle {
    /// Configures the handle for a load request, setting only what differs from the handle's
    /// previous load request (``loadRequest``).
    ///
    /// The first load request after a ``prepare(for:keepBody:)``, or one with another method or
    /// with a body where the previous had none (or the reverse), takes the full path: reset and
    /// every option. Otherwise the options stay as they are, and only a changed URL, changed
    /// header lines (a new header list), a changed body or a change of
    /// ``RenderedRequest/keepsResponse`` are set again. Comparing is cheap: the load engine hands
    /// the same strings and arrays again when nothing changed. Unless the request keeps its
    /// response, bodies are counted, not kept, and response headers are not parsed.
    /// - Parameters:
    ///   - request: The request.
    ///   - options: The loop's transfer options; the same for every request of the handle.
    /// - Throws: ``CurlError`` when libcurl rejects an option; the next call then takes the full path.
    func prepare(load request: RenderedRequest, options: TransferOptions) throws(CurlError) {
        guard let previous = loadRequest, previous.method == request.method, (previous.body == nil) == (request.body == nil) else {
            try prepare(for: request.requestSpec(options: options), keepBody: request.keepsResponse)
            if options.proxy == nil, !Self.environmentNamesAProxy {
                // libcurl would look for proxy variables in the environment on every request
                // (`getenv` walks the whole environment); there are none, so say so once.
                try set(CURLOPT_PROXY, "")
                try set(CURLOPT_NOPROXY, "")
            }
            loadRequest = request
            return
        }
        assertOwnerThread()
        loadRequest = nil  // until every change below has been applied
        errorBuffer[0] = 0
        resetResendGuard()
        if previous.url != request.url {
            try set(CURLOPT_URL, URLPercentEncoding.encodingNonASCII(in: request.url))
            // The guard depends on the scheme too (a step's `url:` may name another).
            if HTTPMethod.isHTTPS(request.url) != HTTPMethod.isHTTPS(previous.url) {
                try watchResends(method: request.method, url: request.url, httpVersion: options.httpVersion)
            }
        }
        if previous.headerLines != request.headerLines {
            try setHeaders(RenderedRequest.headers(from: request.headerLines), options: options, hasBody: request.body != nil)
        }
        if var body = request.body, body != previous.body {
            try body.withUTF8 { bytes in Result { () throws(CurlError) in try setBody(UnsafeRawBufferPointer(bytes)) } }.get()
        }
        if previous.keepsResponse != request.keepsResponse {
            try keepResponses(request.keepsResponse)
        }
        if request.keepsResponse || previous.keepsResponse {
            sink.reset()  // also drops what a kept transfer that failed or was cancelled left
        } else {
            sink.bodyByteCount = 0  // the sink keeps no body and no headers
        }
        loadRequest = request
    }

    /// Turns keeping the response's headers and body on or off for the following transfers: the
    /// sink's flags and the header callback, which is removed when off so that libcurl does not
    /// hand over header lines at all (without a header function, libcurl passes header lines to
    /// `CURLOPT_HEADERDATA` through the write callback, so that is cleared too).
    private func keepResponses(_ keeps: Bool) throws(CurlError) {
        sink.keepsBody = keeps
        sink.keepsHeaders = keeps
        try setHeaderCallback(keeps)
    }

    /// The final response of the transfer just ended, its headers and body moved out of the sink
    /// (which is left empty, its storage not shared with the value handed out).
    /// - Parameter status: The status, already read with ``responseCode``.
    func takeResponse(status: Int) -> ReceivedResponse {
        let response = ReceivedResponse(status: status, httpVersion: httpVersionName, headers: sink.headers, body: sink.body)
        sink.headers = []
        sink.body = []
        return response
    }

    /// Whether the environment sets a proxy variable libcurl 7.88 reads for HTTP(S):
    /// `http_proxy`, `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY` (it ignores
    /// `HTTP_PROXY`). Without one, libcurl's per-request lookup always finds no proxy, and load
    /// handles skip it. Read once per process.
    static let environmentNamesAProxy: Bool = {
        let names: [String] = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        return names.contains { getenv($0) != nil }
    }()
}
