internal import CCurl

/// A libcurl failure as libcurl reports it: the raw code, its `curl_easy_strerror` text and the
/// `CURLOPT_ERRORBUFFER` detail.
struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `CURLcode` (or `CURLMcode` for multi-handle calls) as an integer.
    var code: Int
    /// libcurl's generic text for the code.
    var message: String
    /// The error buffer's specific detail, empty when libcurl left none.
    var detail: String

    /// Wraps a `CURLcode` and the error buffer's text.
    init(_ code: CURLcode, detail: String = "") {
        self.code = Int(code.rawValue)
        self.message = String(cString: curl_easy_strerror(code))
        self.detail = detail
    }

    /// Wraps a `CURLMcode` from a multi-handle call.
    init(multi code: CURLMcode, function: String) {
        self.code = Int(code.rawValue)
        self.message = String(cString: curl_multi_strerror(code))
        self.detail = "\(function) failed"
    }

    /// `curl error 28 (Timeout was reached): Operation timed out after 200 milliseconds`.
    var description: String {
        let base = "curl error \(code) (\(message))"
        let detailText = trimmed(detail)
        return detailText.isEmpty || detailText == message ? base : "\(base): \(detailText)"
    }
}

/// The text without leading and trailing whitespace or newlines.
private func trimmed(_ text: String) -> String {
    var view = Substring(text)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
}
