import Testing

@testable import GauntletHTTP

/// Gauntlet percent-encodes a URL's non-ASCII bytes itself, in upper-case hex (RFC 3986 §2.1),
/// before libcurl would encode them in lower case (path) or send them raw (query).
@Suite struct URLPercentEncodingTests {
    @Test("Non-ASCII bytes after the authority become upper-case %XX; the rest, escapes already there included, stays")
    func nonASCIIIsEncodedInUpperCase() {
        #expect(URLPercentEncoding.encodingNonASCII(in: "http://127.0.0.1:8080/x/Grüße-Secret-1?q=ü&r=%c3#ä")
            == "http://127.0.0.1:8080/x/Gr%C3%BC%C3%9Fe-Secret-1?q=%C3%BC&r=%c3#%C3%A4")
        #expect(URLPercentEncoding.encodingNonASCII(in: "https://h.example/prod?q=a%2Fb") == "https://h.example/prod?q=a%2Fb")
    }

    @Test("The scheme and authority stay as written: libcurl makes an internationalized host ASCII itself")
    func theAuthorityStays() {
        #expect(URLPercentEncoding.encodingNonASCII(in: "http://usér:pä@bücher.example?q=é") == "http://usér:pä@bücher.example?q=%C3%A9")
        #expect(URLPercentEncoding.encodingNonASCII(in: "http://bücher.example") == "http://bücher.example")
        // Not a URL with a scheme: all of it is encoded, as a secret value reads in a path.
        #expect(URLPercentEncoding.encodingNonASCII(in: "a/ü:b//c") == "a/%C3%BC:b//c")
    }
}
