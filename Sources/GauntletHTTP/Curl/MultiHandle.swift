internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `CURLM*` multi handle: its connection cache, DNS cache and the easy handles it drives.
///
/// Needs ordered teardown (every easy handle removed, then `curl_multi_cleanup`), so it has an
/// explicit ``close()`` and `deinit` only asserts that it ran. Use ``withMultiHandle(_:)``.
/// Everything but ``wakeupTarget`` must be called on the owning thread (checked in debug builds).
///
/// Confined to its loop's thread like ``SocketTransferLoop``, and like it its stored properties
/// skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`), which cost the load loop
/// several per request.
final class MultiHandle {
    /// The `CURLM*`.
    let raw: UnsafeMutableRawPointer
    /// The easy handles currently added; each knows its position (``EasyHandle/attachedIndex``),
    /// and a `CURL*` leads back to its handle through `CURLOPT_PRIVATE`, so no table is needed.
    @exclusivity(unchecked)
    private var attached: [EasyHandle] = []
    /// Whether ``close()`` ran.
    @exclusivity(unchecked)
    private(set) var isClosed = false
    #if DEBUG
    /// The thread that owns the handle.
    private let owner = pthread_self()
    #endif

    /// Creates a multi handle.
    /// - Throws: ``CurlError`` when libcurl cannot allocate one.
    init() throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_multi_init() else {
            throw CurlError(CURLE_FAILED_INIT, detail: "curl_multi_init returned NULL")
        }
        raw = handle
    }

    deinit {
        assert(isClosed, "MultiHandle not closed before deinit")
    }

    /// Creates a multi handle, runs `body` with it and always closes it.
    static func withMultiHandle<Result>(_ body: (MultiHandle) throws(CurlError) -> Result) throws(CurlError) -> Result {
        let multi = try MultiHandle()
        defer { multi.close() }
        return try body(multi)
    }

    /// Crashes in debug builds when called off the owning thread.
    private func assertOwnerThread() {
        #if DEBUG
        precondition(pthread_equal(owner, pthread_self()) != 0, "MultiHandle used off its transfer-loop thread")
        #endif
    }

    /// The number of easy handles added.
    var transferCount: Int { attached.count }

    /// Sets a `long` multi option (`CURLMOPT_MAXCONNECTS`, ...).
    func set(_ option: CURLMoption, _ value: Int) throws(CurlError) {
        try check(gauntlet_multi_setopt_long(raw, option, value), "curl_multi_setopt")
    }

    /// Adds an easy handle; the multi handle keeps it alive until removed.
    func add(_ easy: EasyHandle) throws(CurlError) {
        assertOwnerThread()
        precondition(!isClosed, "MultiHandle used after close()")
        try check(curl_multi_add_handle(raw, easy.raw), "curl_multi_add_handle")
        easy.attachedIndex = attached.count
        attached.append(easy)
    }

    /// Removes an easy handle (finished or not); does nothing if it is not added.
    func remove(_ easy: EasyHandle) {
        assertOwnerThread()
        let index = easy.attachedIndex
        guard index >= 0, index < attached.count, attached[index] === easy else { return }
        let last = attached.removeLast()
        if index < attached.count {
            attached[index] = last
            last.attachedIndex = index
        }
        easy.attachedIndex = -1
        curl_multi_remove_handle(raw, easy.raw)
    }

    /// Removes an easy handle (finished or not) and gives it back.
    @discardableResult
    func remove(_ raw: UnsafeMutableRawPointer) -> EasyHandle? {
        guard let easy = easy(for: raw) else { return nil }
        remove(easy)
        return easy
    }

    /// The easy handle added under a `CURL*`.
    func easy(for raw: UnsafeMutableRawPointer) -> EasyHandle? {
        guard let easy = EasyHandle.owner(of: raw), easy.attachedIndex >= 0, easy.attachedIndex < attached.count,
            attached[easy.attachedIndex] === easy
        else { return nil }
        return easy
    }

    /// Advances every transfer as far as it can go without blocking.
    func perform() throws(CurlError) {
        assertOwnerThread()
        var running: Int32 = 0
        try check(curl_multi_perform(raw, &running), "curl_multi_perform")
    }

    /// Waits for activity on any transfer, a ``wakeup()``, or the timeout (whole milliseconds; libcurl
    /// shortens it to its own next timer).
    func poll(timeoutMilliseconds: Int32) throws(CurlError) {
        assertOwnerThread()
        var ready: Int32 = 0
        try check(curl_multi_poll(raw, nil, 0, timeoutMilliseconds, &ready), "curl_multi_poll")
    }

    /// The next finished transfer: its `CURL*` and result code.
    func nextCompletion() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        assertOwnerThread()
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(raw, &remaining) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                return (easy, gauntlet_msg_result(message))
            }
        }
        return nil
    }

    /// Removes every easy handle, then cleans up. Idempotent.
    func close() {
        guard !isClosed else { return }
        assertOwnerThread()
        for easy in attached {
            curl_multi_remove_handle(raw, easy.raw)
            easy.attachedIndex = -1
        }
        attached.removeAll()
        curl_multi_cleanup(raw)
        isClosed = true
    }

    /// Turns a failed multi call into a ``CurlError``.
    private func check(_ code: CURLMcode, _ function: String) throws(CurlError) {
        guard code == CURLM_OK else { throw CurlError(multi: code, function: function) }
    }
}

@available(*, unavailable)
extension MultiHandle: Sendable {}
