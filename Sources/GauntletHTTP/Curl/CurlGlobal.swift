internal import CCurl

/// libcurl's process-wide initialisation, done once before the first handle exists.
enum CurlGlobal {
    /// Runs `curl_global_init(CURL_GLOBAL_ALL)` the first time it is read (a `static let` is thread-safe).
    private static let initialization: CURLcode = gauntlet_global_init()

    /// Makes sure libcurl is initialised; cheap after the first call.
    static func ensureInitialized() {
        precondition(initialization == CURLE_OK, "curl_global_init failed with code \(initialization.rawValue)")
    }

    /// `gauntlet/0.1`, sent unless a request sets its own `User-Agent`.
    static let userAgent = "gauntlet/0.1"
}
