internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `CURL*` easy handle, its error buffer, its header list and the sink its callbacks fill.
///
/// Lives on the thread that created it (the transfer loop's); a debug check enforces that.
/// Pooled and reused for many transfers: ``prepare(for:keepBody:)`` starts with `curl_easy_reset`,
/// which keeps nothing of the previous request; ``prepare(load:options:)`` (load runs) sets only
/// what differs from the handle's previous load request, ``loadRequest``. `deinit` runs
/// `curl_easy_cleanup`.
///
/// `CURLOPT_PRIVATE` always holds the handle itself (unretained), so ``owner(of:)`` finds it from
/// the `CURL*` a multi handle reports, without a lookup table.
///
/// Confined to its loop's thread like ``SocketTransferLoop``, and like it its stored properties
/// skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`), which cost the load loop
/// several per request.
final class EasyHandle {
    /// The `CURL*`.
    let raw: UnsafeMutableRawPointer
    /// What the callbacks collect; reached from C through `CURLOPT_WRITEDATA`/`CURLOPT_HEADERDATA`.
    let sink = ResponseSink()
    /// `CURLOPT_ERRORBUFFER`, `CURL_ERROR_SIZE` bytes.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// The pre-request callback's state (``watchResends(method:url:httpVersion:)``), allocated once so that
    /// a transfer costs two stores to reset it, no allocation.
    let resendGuard: UnsafeMutablePointer<gauntlet_resend_guard>
    /// The request's header lines; libcurl reads them until the transfer ends.
    @exclusivity(unchecked)
    var headerList: HeaderList?
    /// `--resolve` entries (`CURLOPT_RESOLVE`), kept while libcurl may read them.
    @exclusivity(unchecked)
    var resolveList: HeaderList?
    /// `--connect-to` rules (`CURLOPT_CONNECT_TO`), kept while libcurl may read them.
    @exclusivity(unchecked)
    var connectToList: HeaderList?
    /// Socket open/close callbacks that survive ``prepare(for:keepBody:)``'s reset; `nil`: libcurl's own.
    @exclusivity(unchecked)
    var socketHooks: SocketHooks?
    /// The load request ``prepare(load:options:)`` last configured the handle for, or `nil` after
    /// a full reset (or a failed setup).
    @exclusivity(unchecked)
    var loadRequest: RenderedRequest?
    /// Where ``MultiHandle`` keeps the handle while it is added (-1: not added).
    @exclusivity(unchecked)
    var attachedIndex = -1
    /// A number the owner of a pool of handles may give each one (the load loop's transfer slot).
    @exclusivity(unchecked)
    var slot = -1
    #if DEBUG
    /// The thread that owns the handle.
    private let owner = pthread_self()
    #endif

    /// Creates an easy handle.
    /// - Throws: ``CurlError`` when libcurl cannot allocate one.
    init() throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw CurlError(CURLE_FAILED_INIT, detail: "curl_easy_init returned NULL")
        }
        raw = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        resendGuard = .allocate(capacity: 1)
        resendGuard.initialize(to: gauntlet_resend_guard(easy: handle, sent_at_hop: -1, refused: 0, refuses: 0, resent: 0))
        _ = gauntlet_easy_setopt_pointer(raw, CURLOPT_PRIVATE, Unmanaged.passUnretained(self).toOpaque())
    }

    /// The handle whose `CURL*` is `raw`, read back from `CURLOPT_PRIVATE`.
    static func owner(of raw: UnsafeMutableRawPointer) -> EasyHandle? {
        var pointer: UnsafeMutableRawPointer?
        guard gauntlet_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &pointer) == CURLE_OK, let pointer else { return nil }
        return Unmanaged<EasyHandle>.fromOpaque(pointer).takeUnretainedValue()
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
        resendGuard.deallocate()
    }

    /// Crashes in debug builds when called off the owning thread.
    func assertOwnerThread(file: StaticString = #fileID, line: UInt = #line) {
        #if DEBUG
        precondition(pthread_equal(owner, pthread_self()) != 0, "EasyHandle used off its transfer-loop thread", file: file, line: line)
        #endif
    }

    /// The error buffer's text for the last failed transfer.
    var errorDetail: String {
        String(cString: errorBuffer)
    }

    // MARK: - Configuration

    /// Resets the handle and sets every option a request needs.
    /// - Parameters:
    ///   - request: The request to send.
    ///   - keepBody: Whether to store the response body and headers, or only count body bytes
    ///     (load requests that keep no response, which read the status from libcurl).
    /// - Throws: ``CurlError`` when libcurl rejects an option (an unsupported feature, a bad value).
    func prepare(for request: RequestSpec, keepBody: Bool = true) throws(CurlError) {
        assertOwnerThread()
        curl_easy_reset(raw)
        headerList = nil
        loadRequest = nil
        sink.reset()
        sink.keepsBody = keepBody
        sink.keepsHeaders = keepBody
        errorBuffer[0] = 0
        resetResendGuard()
        let options = request.options

        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_PRIVATE, pointer: Unmanaged.passUnretained(self).toOpaque())
        if let hooks = socketHooks {
            try check(gauntlet_easy_setopt_opensocket_callback(raw, hooks.open), "CURLOPT_OPENSOCKETFUNCTION")
            try set(CURLOPT_OPENSOCKETDATA, pointer: hooks.context)
            try check(gauntlet_easy_setopt_closesocket_callback(raw, hooks.close), "CURLOPT_CLOSESOCKETFUNCTION")
            try set(CURLOPT_CLOSESOCKETDATA, pointer: hooks.context)
        }
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_URL, URLPercentEncoding.encodingNonASCII(in: request.url))
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")

        // Method and body.
        let method = request.method
        try watchResends(method: method, url: request.url, httpVersion: options.httpVersion)
        if method == "HEAD" {
            try set(CURLOPT_NOBODY, 1)
        } else if let body = request.body {
            // `withUnsafeBytes` rethrows untyped errors: carry the CurlError out in a Result.
            try body.withUnsafeBytes { bytes in Result { () throws(CurlError) in try setBody(bytes) } }.get()
            if method != "POST" { try set(CURLOPT_CUSTOMREQUEST, method) }
        } else if method == "GET" {
            try set(CURLOPT_HTTPGET, 1)
        } else {
            try set(CURLOPT_CUSTOMREQUEST, method)
        }

        // Headers.
        try setHeaders(request.headers, options: options, hasBody: request.body != nil)

        // Transfer options.
        try set(CURLOPT_HTTP_VERSION, options.httpVersion == .http2 ? Int(CURL_HTTP_VERSION_2TLS) : Int(CURL_HTTP_VERSION_1_1))
        if !options.verifyTLS {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let path = options.caCertPath {
            try set(CURLOPT_CAINFO, path)
        }
        try setRouting(options)
        try set(CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0)
        if let connect = options.timeouts.connect, !Self.connectLimitIsRedundant(connect, total: options.timeouts.total) {
            try set(CURLOPT_CONNECTTIMEOUT_MS, connect.curlMilliseconds)
        }
        if let total = options.timeouts.total {
            try set(CURLOPT_TIMEOUT_MS, total.curlMilliseconds)
        }
        if let aws = options.awsSigV4 {
            try set(CURLOPT_AWS_SIGV4, aws.provider)
            try set(CURLOPT_USERPWD, "\(aws.accessKeyID):\(aws.secretAccessKey)")
        }

        // Callbacks.
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        try check(gauntlet_easy_setopt_data_callback(raw, CURLOPT_WRITEFUNCTION, easyWriteCallback), "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: sinkPointer)
        if keepBody { try setHeaderCallback(true) }
    }

    /// Where the connection goes and how it is authenticated: `--resolve`, `--connect-to`,
    /// `--proxy` and the client certificate.
    ///
    /// No `CURLOPT_PIPEWAIT` with HTTP/2: libcurl 7.88 parks the transfers that wait for a
    /// connection to multiplex on in a queue it wakes one transfer per ended transfer, so
    /// concurrent requests could run one after another on a single connection. A load learns
    /// whether the server multiplexes from its first transfer instead (``SocketTransferLoop``).
    private func setRouting(_ options: TransferOptions) throws(CurlError) {
        resolveList = nil
        connectToList = nil
        if !options.resolve.isEmpty {
            let list = HeaderList()
            for entry in options.resolve { try list.append(entry.description) }
            resolveList = list
            try set(CURLOPT_RESOLVE, list: list.raw)
        }
        if !options.connectTo.isEmpty {
            let list = HeaderList()
            for rule in options.connectTo { try list.append(rule.description) }
            connectToList = list
            try set(CURLOPT_CONNECT_TO, list: list.raw)
        }
        if let proxy = options.proxy {
            try set(CURLOPT_PROXY, proxy.url)
        }
        if let certificate = options.clientCertificate {
            try set(CURLOPT_SSLCERT, certificate.certificatePath)
            try set(CURLOPT_SSLCERTTYPE, "PEM")
            try set(CURLOPT_SSLKEY, certificate.effectiveKeyPath)
            try set(CURLOPT_SSLKEYTYPE, "PEM")
        }
    }

    /// Installs or removes the pre-request callback that refuses libcurl's silent second send of
    /// a request that is not idempotent and counts that of the others (`CURLOPT_PREREQFUNCTION`,
    /// C in `shim.h`).
    ///
    /// libcurl 7.88 sends a request again on a fresh connection, whatever its method, when the
    /// reused keep-alive connection it went out on dies before any byte of the answer
    /// (`Curl_retry_request`, "Connection died, retrying a fresh connect"). The server may have
    /// received and processed the first send, so a POST could be carried out twice (and a test
    /// see a false 409). For methods that are not idempotent the callback lets each redirect
    /// hop's request go out once; the second send fails the transfer with
    /// `CURLE_ABORTED_BY_CALLBACK`, which ``transportError(_:request:)`` reports as
    /// ``TransportError/notResent(_:request:)``. Idempotent requests are re-sent as libcurl does,
    /// as browsers and Go's client do, and counted (``resends``): a deployment that drops one
    /// connection in five still answers every GET, and only the count shows it. Not installed for
    /// `--http2` over TLS (``HTTPMethod/watchesResends(url:httpVersion:)``): over HTTP/2 the
    /// callback would also see a stream the server refused unprocessed (`REFUSED_STREAM`,
    /// `GOAWAY`), which RFC 9113 makes safe to send again, and cannot tell the two apart.
    /// Set on the full path, and on the load engine's fast path only when a URL changes scheme:
    /// that path keeps the method and the HTTP version, and so the guard.
    func watchResends(method: String, url: String, httpVersion: HTTPVersion) throws(CurlError) {
        resendGuard.pointee.refuses = HTTPMethod.isIdempotent(method) ? 0 : 1
        let watched = HTTPMethod.watchesResends(url: url, httpVersion: httpVersion)
        try check(gauntlet_easy_set_resend_guard(raw, watched ? resendGuard : nil), "CURLOPT_PREREQFUNCTION")
    }

    /// How many times libcurl sent the transfer just ended again after its reused connection
    /// died unanswered (an idempotent request's, ``watchResends(method:url:httpVersion:)``).
    var resends: Int { Int(resendGuard.pointee.resent) }

    /// Readies the pre-request callback's state for the next transfer: nothing sent yet.
    @inline(__always)
    func resetResendGuard() {
        resendGuard.pointee.sent_at_hop = -1
        resendGuard.pointee.refused = 0
        resendGuard.pointee.resent = 0
    }

    /// Installs the header callback that hands header lines to the ``sink``, or removes it.
    ///
    /// Without a header callback and header data, libcurl drops header lines after parsing them
    /// itself; load transfers that keep no response read the status with `CURLINFO_RESPONSE_CODE`.
    /// Both are cleared when removing: with header data but no header function, libcurl would
    /// pass header lines to the write callback, as body.
    func setHeaderCallback(_ installed: Bool) throws(CurlError) {
        let callback: gauntlet_data_callback? = installed ? easyHeaderCallback : nil
        try check(gauntlet_easy_setopt_data_callback(raw, CURLOPT_HEADERFUNCTION, callback), "CURLOPT_HEADERFUNCTION")
        try set(CURLOPT_HEADERDATA, pointer: installed ? Unmanaged.passUnretained(sink).toOpaque() : nil)
    }

    /// Builds the header list (the request's fields, Gauntlet's `User-Agent` unless the request
    /// names its own, `Expect:` to suppress libcurl's `Expect: 100-continue` for a body unless
    /// the request sets it, the SigV4 session token) and sets it, with response decoding on when
    /// the request names an `Accept-Encoding` (``setContentDecoding(_:)``). libcurl only ever adds `Expect`
    /// to a request with a body, so a request without one needs no `Expect:` line.
    ///
    /// The `User-Agent` goes in the list rather than `CURLOPT_USERAGENT`: libcurl 7.88 formats
    /// the option's header anew for every request, about 5,900 instructions where a line of the
    /// list costs about 3,800 (`valgrind --tool=callgrind`, `Benchmarks/curl-multi-loop.c` with
    /// one or the other); in a load, the list saved about 1,600 instructions per request.
    func setHeaders(_ headers: [HTTPHeader], options: TransferOptions, hasBody: Bool) throws(CurlError) {
        let list = HeaderList()
        for header in headers {
            try list.append(header)
        }
        if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            try list.append("User-Agent: \(CurlGlobal.userAgent)")
        }
        if hasBody, !headers.contains(where: { $0.name.lowercased() == "expect" }) {
            try list.append("Expect:")
        }
        if let token = options.awsSigV4?.sessionToken {
            try list.append(HTTPHeader("x-amz-security-token", token))
        }
        headerList = list
        try set(CURLOPT_HTTPHEADER, list: list.raw)
        try setContentDecoding(headers.contains { $0.name.lowercased() == "accept-encoding" })
    }

    /// Turns decoding of compressed responses on or off (`CURLOPT_ACCEPT_ENCODING`), as
    /// `curl --compressed` does: on when the request carries its own `Accept-Encoding`.
    ///
    /// On, the option is `""`, every encoding this libcurl decodes; libcurl still sends the
    /// request's own `Accept-Encoding` line as written, instead of one listing those encodings,
    /// and decodes whichever of them comes back. Response headers stay as received, so a check
    /// on `Content-Encoding: gzip` still sees it. An encoding libcurl cannot decode ends the
    /// transfer with `CURLE_BAD_CONTENT_ENCODING` (``TransportError/undecodable(_:request:contentEncoding:)``).
    /// Off (no `Accept-Encoding` asked for, libcurl's default), nothing is sent and bodies are
    /// kept as they come.
    func setContentDecoding(_ decodes: Bool) throws(CurlError) {
        let code = decodes
            ? gauntlet_easy_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, "")
            : gauntlet_easy_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, nil)
        try check(code, CURLOPT_ACCEPT_ENCODING)
    }

    /// Sets a request body: its size first, then the bytes, which libcurl copies
    /// (`CURLOPT_COPYPOSTFIELDS`), so they need not outlive the call. An empty body points at a
    /// static empty string.
    func setBody(_ bytes: UnsafeRawBufferPointer) throws(CurlError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(bytes.count))
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            try set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: Self.emptyBody.utf8Start))
            return
        }
        try check(gauntlet_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base)), "CURLOPT_COPYPOSTFIELDS")
    }

    /// Whether a connect limit can never be the one that ends a transfer, so that setting it would
    /// only cost libcurl a timer per transfer.
    ///
    /// While connecting, libcurl stops at the earlier of the connect limit (counted from this
    /// connect, 300 s when none is set) and the total limit (counted from the transfer's start).
    /// A connect limit at least as long as a total limit of at most 300 s always ends later than
    /// the total limit, as does libcurl's default.
    static func connectLimitIsRedundant(_ connect: Duration, total: Duration?) -> Bool {
        guard let total else { return false }
        let totalMilliseconds = total.curlMilliseconds
        return connect.curlMilliseconds >= totalMilliseconds && totalMilliseconds <= 300_000
    }

    /// A static, NUL-terminated empty body for `CURLOPT_POSTFIELDS`.
    static let emptyBody: StaticString = ""

    // MARK: - Typed setopt

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(gauntlet_easy_setopt_long(raw, option, value), option)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CURLoption, offset value: curl_off_t) throws(CurlError) {
        try check(gauntlet_easy_setopt_off_t(raw, option, value), option)
    }

    /// Sets a string option; libcurl copies the string.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        let code = value.withCString { gauntlet_easy_setopt_string(raw, option, $0) }
        try check(code, option)
    }

    /// Sets a pointer option.
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(gauntlet_easy_setopt_pointer(raw, option, value), option)
    }

    /// Sets a `curl_slist` option.
    func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) throws(CurlError) {
        try check(gauntlet_easy_setopt_slist(raw, option, value), option)
    }

    /// Turns a failed setopt into a ``CurlError`` naming the option (the text is only built on failure).
    func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(code, detail: "setting option \(option.rawValue) failed")
        }
    }

    /// Turns a failed setopt into a ``CurlError`` naming what was being set.
    func check(_ code: CURLcode, _ what: StaticString) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(code, detail: "setting \(what) failed")
        }
    }
}

@available(*, unavailable)
extension EasyHandle: Sendable {}

// MARK: - C callbacks

/// `CURLOPT_WRITEFUNCTION`: appends body bytes to the handle's ``ResponseSink``; returning
/// less than `length` (a body past ``ResponseSink/keptBodyLimit``) stops the transfer with
/// `CURLE_WRITE_ERROR`.
private func easyWriteCallback(_ data: UnsafeMutablePointer<CChar>, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let userdata else { return length }
    let kept = Unmanaged<ResponseSink>.fromOpaque(userdata)._withUnsafeGuaranteedRef {
        $0.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
    }
    return kept ? length : 0
}

/// `CURLOPT_HEADERFUNCTION`: hands each header line to the handle's ``ResponseSink``.
private func easyHeaderCallback(_ data: UnsafeMutablePointer<CChar>, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let userdata else { return length }
    let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
    sink.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}
