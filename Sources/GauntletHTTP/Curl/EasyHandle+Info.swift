internal import CCurl

extension EasyHandle {
    /// `CURLINFO_RESPONSE_CODE`: the final status, 0 before a response.
    var responseCode: Int {
        long(CURLINFO_RESPONSE_CODE)
    }

    /// `CURLINFO_HTTP_VERSION` as a protocol name (`HTTP/1.1`, `HTTP/2`).
    var httpVersionName: String {
        (negotiatedVersion ?? .http1_1).description
    }

    /// `CURLINFO_HTTP_VERSION`: the version the transfer spoke, nil before a response.
    var negotiatedVersion: NegotiatedHTTPVersion? {
        switch long(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): .http1_0
        case Int(CURL_HTTP_VERSION_1_1): .http1_1
        case Int(CURL_HTTP_VERSION_2_0): .http2
        case Int(CURL_HTTP_VERSION_3): .http3
        default: nil
        }
    }

    /// `CURLINFO_NUM_CONNECTS`: new connections this transfer had to open (0 when one was reused).
    var newConnections: Int {
        long(CURLINFO_NUM_CONNECTS)
    }

    /// The six phases from `CURLINFO_*_TIME_T`, in microseconds.
    var timings: Timings {
        Timings(
            nameLookupMicros: microseconds(CURLINFO_NAMELOOKUP_TIME_T),
            connectMicros: microseconds(CURLINFO_CONNECT_TIME_T),
            appConnectMicros: microseconds(CURLINFO_APPCONNECT_TIME_T),
            preTransferMicros: microseconds(CURLINFO_PRETRANSFER_TIME_T),
            startTransferMicros: microseconds(CURLINFO_STARTTRANSFER_TIME_T),
            totalMicros: microseconds(CURLINFO_TOTAL_TIME_T)
        )
    }

    /// The last value of response header `name` in the final response (`curl_easy_header`,
    /// case-insensitive), or nil when the response had none. libcurl keeps every header of a
    /// transfer for this, so it works when no header callback stored them.
    func responseHeader(named name: String) -> String? {
        var header: UnsafeMutablePointer<curl_header>?
        let code = name.withCString { curl_easy_header(raw, $0, 0, UInt32(CURLH_HEADER), -1, &header) }
        guard code == CURLHE_OK, let header, let value = header.pointee.value else { return nil }
        // With several, index 0 is the first; take the last, as a server's later value wins.
        let amount = header.pointee.amount
        guard amount > 1 else { return String(cString: value) }
        var last: UnsafeMutablePointer<curl_header>?
        let lastCode = name.withCString { curl_easy_header(raw, $0, amount - 1, UInt32(CURLH_HEADER), -1, &last) }
        guard lastCode == CURLHE_OK, let lastValue = last?.pointee.value else { return String(cString: value) }
        return String(cString: lastValue)
    }

    /// A `long` info value, 0 when libcurl has none.
    private func long(_ info: CURLINFO) -> Int {
        var value = 0
        return gauntlet_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    /// A `curl_off_t` microsecond info value, 0 when libcurl has none.
    private func microseconds(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        guard gauntlet_easy_getinfo_off_t(raw, info, &value) == CURLE_OK else { return 0 }
        return Int64(value)
    }
}
