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

    /// Forgets the previous transfer.
    func reset() {
        headers.removeAll(keepingCapacity: true)
        body = []
        bodyByteCount = 0
    }

    /// Handles one chunk of body bytes.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        bodyByteCount += bytes.count
        if keepsBody { body.append(contentsOf: bytes) }
    }

    /// Handles one raw header line as libcurl passes it (CRLF included).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard keepsHeaders else { return }
        var line = String(decoding: bytes, as: UTF8.self)
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line.removeLast() }
        if line.isEmpty { return }
        if line.hasPrefix("HTTP/") {
            headers.removeAll(keepingCapacity: true)
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
