import GauntletHTTP

/// What HTTP allows in a request's method, header names and values and URL, checked before
/// anything is sent: a line break in a header value ends the header and starts another one the
/// file never wrote (header injection), and one in a method splits the request in two.
package enum RequestSyntax {
    /// Whether `text` is an HTTP token (RFC 9110): a method or a header name.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default:
                Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }

    /// Whether `text` holds a CR, an LF or a NUL, which no header value or URL may.
    static func holdsLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// Why `method` cannot be sent; nil when it can.
    static func methodProblem(_ method: String) -> String? {
        isToken(method) ? nil : "the method '\(shown(method))' is not an HTTP method: letters, digits and !#$%&'*+-.^_`|~ only"
    }

    /// Why a header of this name cannot be sent; nil when it can.
    package static func headerNameProblem(_ name: String) -> String? {
        isToken(name) ? nil : "the header name '\(shown(name))' is not an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only"
    }

    /// Why this value of header `name` cannot be sent; nil when it can.
    package static func headerValueProblem(name: String, value: String) -> String? {
        holdsLineBreak(value)
            ? "the value of header '\(shown(name))' holds a line break (CR, LF or NUL), which would end it and start a header the file never wrote"
            : nil
    }

    /// Why `url` (or a path) cannot be sent; nil when it can.
    static func urlProblem(_ url: String, what: String = "URL") -> String? {
        holdsLineBreak(url) ? "the \(what) holds a line break (CR, LF or NUL); percent-encode it ('| urlencode')" : nil
    }

    /// What is wrong with a request's method, headers and URL as rendered; nil when nothing is.
    static func problem(method: String, headers: [HTTPHeader], url: String) -> String? {
        if let problem = methodProblem(method) { return problem }
        for header in headers {
            if let problem = headerNameProblem(header.name) ?? headerValueProblem(name: header.name, value: header.value) { return problem }
        }
        return urlProblem(url)
    }

    /// `text` with control characters escaped, for a message.
    private static func shown(_ text: String) -> String {
        String(text.debugDescription.dropFirst().dropLast())
    }
}
