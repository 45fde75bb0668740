internal import CCurl

extension MultiHandle {
    /// Installs the socket and timer callbacks of the `curl_multi_socket_action` interface.
    /// - Parameters:
    ///   - context: Passed back to both callbacks (`CURLMOPT_SOCKETDATA`, `CURLMOPT_TIMERDATA`);
    ///     must stay valid until ``close()``, which may still report sockets being removed.
    ///   - socket: Told which socket to watch for what (`CURL_POLL_IN`, `_OUT`, `_INOUT`, `_REMOVE`).
    ///   - timer: Told when libcurl next needs ``socketActionTimeout()``; -1 cancels the timer.
    func installSocketCallbacks(
        context: UnsafeMutableRawPointer,
        socket: gauntlet_socket_callback,
        timer: gauntlet_timer_callback
    ) throws(CurlError) {
        try check(gauntlet_multi_setopt_socket_callback(raw, socket), "CURLMOPT_SOCKETFUNCTION")
        try check(gauntlet_multi_setopt_pointer(raw, CURLMOPT_SOCKETDATA, context), "CURLMOPT_SOCKETDATA")
        try check(gauntlet_multi_setopt_timer_callback(raw, timer), "CURLMOPT_TIMERFUNCTION")
        try check(gauntlet_multi_setopt_pointer(raw, CURLMOPT_TIMERDATA, context), "CURLMOPT_TIMERDATA")
    }

    /// Tells libcurl a socket is ready (`CURL_CSELECT_IN`/`_OUT`/`_ERR` bits) and lets it advance.
    func socketAction(_ socket: Int32, events: Int32) throws(CurlError) {
        var running: Int32 = 0
        try check(curl_multi_socket_action(raw, socket, events, &running), "curl_multi_socket_action")
    }

    /// Tells libcurl its timer expired.
    func socketActionTimeout() throws(CurlError) {
        var running: Int32 = 0
        try check(curl_multi_socket_action(raw, gauntlet_socket_timeout(), 0, &running), "curl_multi_socket_action")
    }

    /// Turns a failed multi call into a ``CurlError``.
    fileprivate func check(_ code: CURLMcode, _ function: String) throws(CurlError) {
        guard code == CURLM_OK else { throw CurlError(multi: code, function: function) }
    }
}
