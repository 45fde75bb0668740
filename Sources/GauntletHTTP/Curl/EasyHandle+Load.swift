internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

extension EasyHandle {
    /// What ``prepare(load:options:)`` last set on the handle.
    struct LoadState {
        var method: String
        var url: String
        var headerLines: [String]
        var body: String?
    }

    /// Configures the handle for a load request, setting only what differs from the handle's
    /// previous load request.
    ///
    /// The first load request after a ``prepare(for:keepBody:)``, or one with another method or
    /// with a body where the previous had none (or the reverse), takes the full path: reset and
    /// every option. Otherwise the options stay as they are, and only a changed URL, changed
    /// header lines (a new header list) or a changed body are set again. Comparing is cheap: the
    /// load engine hands the same strings and arrays again when nothing changed. Bodies are
    /// counted, not kept; response headers are not parsed.
    /// - Parameters:
    ///   - request: The request.
    ///   - options: The loop's transfer options; the same for every request of the handle.
    /// - Throws: ``CurlError`` when libcurl rejects an option; the next call then takes the full path.
    func prepare(load request: RenderedRequest, options: TransferOptions) throws(CurlError) {
        guard var state = loadState, state.method == request.method, (state.body == nil) == (request.body == nil) else {
            try prepare(for: request.requestSpec(options: options), keepBody: false)
            if !Self.environmentNamesAProxy {
                // libcurl would look for proxy variables in the environment on every request
                // (`getenv` walks the whole environment); there are none, so say so once.
                try set(CURLOPT_PROXY, "")
                try set(CURLOPT_NOPROXY, "")
            }
            loadState = LoadState(method: request.method, url: request.url, headerLines: request.headerLines, body: request.body)
            return
        }
        assertOwnerThread()
        loadState = nil  // until every change below has been applied
        sink.bodyByteCount = 0  // a load transfer's sink keeps no body and no headers
        errorBuffer[0] = 0
        if state.url != request.url {
            try set(CURLOPT_URL, request.url)
            state.url = request.url
        }
        if state.headerLines != request.headerLines {
            try setHeaders(RenderedRequest.headers(from: request.headerLines), options: options, hasBody: request.body != nil)
            state.headerLines = request.headerLines
        }
        if var body = request.body, body != state.body {
            try body.withUTF8 { bytes in Result { () throws(CurlError) in try setBody(UnsafeRawBufferPointer(bytes)) } }.get()
            state.body = request.body
        }
        loadState = state
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
