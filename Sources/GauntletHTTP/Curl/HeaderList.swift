internal import CCurl

/// Owns a `curl_slist` of raw lines (header lines, `--resolve` entries, `--connect-to` rules);
/// frees it on deinit.
///
/// libcurl keeps a pointer to the list, so the owning ``EasyHandle`` holds it until the next
/// transfer is prepared or the handle is cleaned up.
final class HeaderList {
    /// The list, `nil` while empty.
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    /// Creates an empty list.
    init() {}

    /// Appends one line (`Name: value`, `Name;` for an empty value, `Name:` to suppress a default).
    /// - Throws: ``CurlError`` when libcurl cannot allocate the entry.
    func append(_ line: String) throws(CurlError) {
        guard let appended = curl_slist_append(raw, line) else {
            throw CurlError(CURLE_OUT_OF_MEMORY, detail: "curl_slist_append failed")
        }
        raw = appended
    }

    /// Appends a header field; an empty value is sent as an empty field, not removed.
    func append(_ header: HTTPHeader) throws(CurlError) {
        try append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
    }

    deinit {
        curl_slist_free_all(raw)
    }
}

@available(*, unavailable)
extension HeaderList: Sendable {}
