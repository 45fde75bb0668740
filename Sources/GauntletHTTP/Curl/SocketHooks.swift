internal import CCurl

/// Socket open and close callbacks for an easy handle (`CURLOPT_OPENSOCKETFUNCTION`,
/// `CURLOPT_CLOSESOCKETFUNCTION`) and the context both receive.
///
/// libcurl copies the close callback into every connection it opens, so a socket opened through
/// `open` is always closed through `close`, whichever handle uses the connection last. The load
/// loop relies on that to keep idle sockets in its epoll set (see ``WatchedSockets``).
struct SocketHooks {
    /// Passed to both callbacks (`CURLOPT_OPENSOCKETDATA`, `CURLOPT_CLOSESOCKETDATA`).
    var context: UnsafeMutableRawPointer
    /// Opens a socket for libcurl.
    var open: gauntlet_opensocket_callback
    /// Closes a socket `open` opened.
    var close: gauntlet_closesocket_callback
}
