/// Collects what libcurl's header and write callbacks deliver for one transfer.
///
/// The header callback sees every response of a transfer (a `100 Continue`, each redirect hop,
/// a proxy's `CONNECT` answer); the list restarts at each status line, so it ends with the headers
/// of the final response only.
///
/// Confined to its loop's thread like ``SocketTransferLoop``, and like it its stored properties
/// skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`), which cost the load loop
/// several per request.
final class ResponseSink {
    /// The most body bytes kept of one response, 16 MiB: more than any answer API Gateway
    /// (10 MB) or Lambda (6 MB) can give, and a bound on what a deployment streaming without
    /// end, or a small gzip that decodes to gigabytes, can take of the run's memory.
    static let keptBodyLimit = 16 << 20

    /// Header fields of the latest response, in received order.
    @exclusivity(unchecked)
    var headers: [HTTPHeader] = []
    /// Body bytes received so far (none kept when ``keepsBody`` is off).
    @exclusivity(unchecked)
    var body: [UInt8] = []
    /// How many body bytes arrived, kept or not.
    @exclusivity(unchecked)
    var bodyByteCount = 0
    /// Whether body bytes are stored; load runs only count them.
    @exclusivity(unchecked)
    var keepsBody = true
    /// Whether header lines are parsed into ``headers``. Load runs read the status with
    /// `CURLINFO_RESPONSE_CODE` and need no headers; parsing every line into Swift strings was
    /// the largest share of the load engine's client CPU.
    @exclusivity(unchecked)
    var keepsHeaders = true
    /// Whether a kept body went past ``keptBodyLimit``, which stopped the transfer.
    @exclusivity(unchecked)
    var exceededBodyLimit = false
    /// Whether the latest response's header block ended: its empty line arrived. libcurl 7.88
    /// ends a transfer whose connection closed in the middle of the headers without an error
    /// (curl prints the status and exits 0), so this is how such an answer is told apart from a
    /// whole one. Tracked only while ``keepsHeaders`` (the header callback is off otherwise).
    @exclusivity(unchecked)
    var headerBlockEnded = false

    /// Forgets the previous transfer.
    func reset() {
        headers.removeAll(keepingCapacity: true)
        body = []
        bodyByteCount = 0
        exceededBodyLimit = false
        headerBlockEnded = false
    }

    /// Whether headers were kept and the connection closed before their end.
    var headersCutShort: Bool { keepsHeaders && !headerBlockEnded }

    /// Handles one chunk of body bytes (decoded, when libcurl decodes a `Content-Encoding`).
    /// - Returns: false when a kept body would pass ``keptBodyLimit``: the transfer must stop.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bodyByteCount += bytes.count
        guard keepsBody else { return true }
        guard body.count + bytes.count <= Self.keptBodyLimit else {
            exceededBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Handles one raw header line as libcurl passes it (CRLF included).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard keepsHeaders else { return }
        var line = String(decoding: bytes, as: UTF8.self)
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line.removeLast() }
        if line.isEmpty {
            headerBlockEnded = true
            return
        }
        if line.hasPrefix("HTTP/") {
            // A new response (after a 100 Continue, a redirect, a proxy's CONNECT answer).
            headers.removeAll(keepingCapacity: true)
            headerBlockEnded = false
            return
        }
        if let first = line.first, first == " " || first == "\t" {
            // An obsolete folded continuation line: part of the previous value.
            if !headers.isEmpty {
                headers[headers.count - 1].value += " " + Self.trimmed(Substring(line))
            }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = Self.trimmed(line[line.index(after: colon)...])
        headers.append(HTTPHeader(name, value))
    }

    /// The text without surrounding spaces and tabs.
    private static func trimmed(_ text: Substring) -> String {
        var view = text
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}

@available(*, unavailable)
extension ResponseSink: Sendable {}
