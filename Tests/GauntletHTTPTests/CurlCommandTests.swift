import GauntletHTTP
import Testing

@Suite("CurlCommand prints a reproduction command with Hurl's quoting rules")
struct CurlCommandTests {
    @Test("Whole command strings", arguments: [
        (RequestSpec(url: "http://localhost:8000/hello"),
         "curl 'http://localhost:8000/hello'"),
        (RequestSpec(url: "http://localhost:8000/hello", headers: [HTTPHeader("User-Agent", "iPhone"), HTTPHeader("Foo", "Bar")]),
         "curl --header 'User-Agent: iPhone' --header 'Foo: Bar' 'http://localhost:8000/hello'"),
        (RequestSpec(url: "http://localhost/x", headers: [HTTPHeader("X-Empty", "")]),
         "curl --header 'X-Empty;' 'http://localhost/x'"),
        (RequestSpec(method: "HEAD", url: "http://localhost/x"),
         "curl --head 'http://localhost/x'"),
        (RequestSpec(method: "POST", url: "http://localhost/events"),
         "curl --request POST 'http://localhost/events'"),
        (RequestSpec(method: "POST", url: "http://localhost/events", body: []),
         "curl --data '' 'http://localhost/events'"),
        (RequestSpec(method: "POST", url: "http://localhost/events", headers: [HTTPHeader("Content-Type", "application/json")], body: Array(#"{"foo":"bar"}"#.utf8)),
         #"curl --header 'Content-Type: application/json' --data '{"foo":"bar"}' 'http://localhost/events'"#),
        (RequestSpec(method: "PUT", url: "http://localhost/events/e1", body: Array(#"{"title":"x"}"#.utf8)),
         #"curl --request PUT --data '{"title":"x"}' 'http://localhost/events/e1'"#),
        (RequestSpec(method: "DELETE", url: "http://localhost/events/e1"),
         "curl --request DELETE 'http://localhost/events/e1'"),
        (RequestSpec(method: "GET", url: "http://localhost/x", body: Array("q".utf8)),
         "curl --request GET --data 'q' 'http://localhost/x'"),
        (RequestSpec(method: "POST", url: "http://localhost/x", body: Array("@file".utf8)),
         "curl --data-raw '@file' 'http://localhost/x'"),
    ] as [(RequestSpec, String)])
    func wholeCommand(request: RequestSpec, expected: String) {
        #expect(CurlCommand(request).description == expected)
    }

    @Test("Newlines, tabs and single quotes switch to $'…' with escapes")
    func escapedQuoting() {
        let request = RequestSpec(method: "POST", url: "http://localhost/x", body: Array("it's\n\ta \\ test".utf8))
        #expect(CurlCommand(request).description == #"curl --data $'it\'s\n\ta \\ test' 'http://localhost/x'"#)
    }

    @Test("Bytes that are not UTF-8 print as \\x escapes")
    func binaryBody() {
        let request = RequestSpec(method: "POST", url: "http://localhost/x", body: [0x00, 0xff, 0x41])
        #expect(CurlCommand(request).description == #"curl --data $'\x00\xff\x41' 'http://localhost/x'"#)
    }

    @Test("A quote joined to a combining mark still switches to $'…' quoting")
    func quoteBeforeCombiningMark() {
        let request = RequestSpec(method: "POST", url: "http://localhost/x", body: Array("it'\u{301}s".utf8))
        #expect(CurlCommand(request).description == "curl --data $'it\\'\u{301}s' 'http://localhost/x'")
    }

    @Test("A URL with {}[] gets --globoff")
    func globoff() {
        let request = RequestSpec(url: "http://foo.com?param1=value1&param2={bar}")
        #expect(CurlCommand(request).description == "curl --globoff 'http://foo.com?param1=value1&param2={bar}'")
        #expect(CurlCommand(RequestSpec(url: "http://foo.com/a[1]")).arguments == ["curl", "--globoff", "http://foo.com/a[1]"])
    }

    @Test("A password in the URL prints as ***; a URL without one prints as it is", arguments: [
        ("http://user:pw@example.com/events", "http://user:***@example.com/events"),
        ("https://u:p%40ss:w@example.com:8443/p?q=1", "https://u:***@example.com:8443/p?q=1"),
        ("https://u:pw@example.com", "https://u:***@example.com"),
        ("http://user@example.com/events", "http://user@example.com/events"),
        ("http://user:@example.com/", "http://user:@example.com/"),
        ("http://example.com/a:b@c", "http://example.com/a:b@c"),
        ("http://example.com?x=a:b@c", "http://example.com?x=a:b@c"),
    ])
    func urlPassword(url: String, printed: String) {
        #expect(CurlCommand(RequestSpec(url: url)).arguments.last == printed)
        #expect(SecretRedaction.redactingUserinfoPassword(url) == printed)
    }

    @Test("A body past 1 KiB is cut, at a UTF-8 boundary, and the command says so")
    func largeBodiesAreCut() {
        let large = CurlCommand(RequestSpec(method: "POST", url: "http://h/events", body: Array(repeating: UInt8(ascii: " "), count: 1_048_577)))
        #expect(large.description.count < 1_200)
        #expect(large.description.hasSuffix("'http://h/events' # body cut: 1048577 bytes in all, the first 1024 shown"))
        let euros = CurlCommand(RequestSpec(method: "POST", url: "http://h/", body: Array(String(repeating: "€", count: 400).utf8)))
        #expect(euros.arguments[2] == String(repeating: "€", count: 341))
        #expect(euros.description.hasSuffix("# body cut: 1200 bytes in all, the first 1023 shown"))
        let exact = CurlCommand(RequestSpec(method: "POST", url: "http://h/", body: Array(repeating: UInt8(ascii: "a"), count: 1_024)))
        #expect(!exact.description.contains("# body cut"))
    }

    @Test("Only options that differ from the defaults appear, in Hurl's order")
    func nonDefaultOptions() {
        #expect(CurlCommand(RequestSpec(url: "https://h/x", options: TransferOptions())).description == "curl 'https://h/x'")
        let options = TransferOptions(
            httpVersion: .http2,
            verifyTLS: false,
            caCertPath: "/etc/ca.pem",
            followRedirects: true,
            timeouts: Timeouts(connect: .seconds(20), total: .milliseconds(1500))
        )
        #expect(CurlCommand(RequestSpec(url: "https://h/x", options: options)).description
            == "curl --cacert '/etc/ca.pem' --connect-timeout 20 --http2 --insecure --location --max-time 1.5 'https://h/x'")
        let unlimited = TransferOptions(timeouts: Timeouts(connect: nil, total: nil))
        #expect(CurlCommand(RequestSpec(url: "https://h/x", options: unlimited)).description == "curl 'https://h/x'")
    }

    @Test("Secrets are redacted: credential headers and SigV4 keys")
    func redactedSecrets() {
        let aws = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        let request = RequestSpec(
            url: "https://api.example.com/prod/events",
            headers: [HTTPHeader("Authorization", "Bearer abc"), HTTPHeader("X-Api-Key", "k-123"), HTTPHeader("Accept", "application/json")],
            options: TransferOptions(awsSigV4: aws)
        )
        #expect(CurlCommand(request).description == """
            curl --header 'Authorization: ***' --header 'X-Api-Key: ***' --header 'Accept: application/json' \
            --header 'x-amz-security-token: ***' --aws-sigv4 'aws:amz:eu-west-1:execute-api' --user '***:***' \
            'https://api.example.com/prod/events'
            """)
    }
}

@Suite("SecretRedaction hides credentials")
struct SecretRedactionTests {
    @Test("Secret header names", arguments: [
        "Authorization", "proxy-authorization", "X-API-Key", "api-key", "X-Amz-Security-Token", "Cookie",
        "Set-Cookie", "x-auth-token", "X-CSRF-Token", "Client-Secret", "My-Api-Key", "Ocp-Apim-Subscription-Key",
        "X-Functions-Key", "Authentication", "X-Session", "X-Signature",
    ])
    func secretNames(name: String) {
        #expect(SecretRedaction.isSecret(headerName: name))
    }

    @Test("Ordinary header names", arguments: [
        "Content-Type", "Accept", "User-Agent", "X-Request-Id", "Location", "Access-Control-Allow-Credentials", "Keep-Alive",
        "Idempotency-Key", "Sec-WebSocket-Key",
    ])
    func ordinaryNames(name: String) {
        #expect(!SecretRedaction.isSecret(headerName: name))
    }

    @Test("On the command line only headers that name no credential are public", arguments: [
        ("Accept", true), ("content-type", true), ("Origin", true), ("X-Request-Id", true),
        ("X-Tenant", false), ("X-Custom-Auth", false), ("Authorization", false), ("X-Api-Key", false),
    ])
    func publicCommandLineHeaders(name: String, isPublic: Bool) {
        #expect(SecretRedaction.isPublic(commandLineHeaderName: name) == isPublic)
    }

    @Test("Redacted headers keep names and order")
    func redactedHeaders() {
        let headers = [HTTPHeader("Accept", "*/*"), HTTPHeader("Authorization", "Bearer x"), HTTPHeader("Cookie", "a=b")]
        #expect(SecretRedaction.redacted(headers) == [HTTPHeader("Accept", "*/*"), HTTPHeader("Authorization", "***"), HTTPHeader("Cookie", "***")])
        #expect(SecretRedaction.placeholder == "***")
    }

    @Test("Known secret values vanish from text, longest first, empty ones ignored")
    func redactText() {
        let text = "token=abc123 again abc123 and abc"
        #expect(SecretRedaction.redact(text: text, secrets: ["abc", "abc123", ""]) == "token=*** again *** and ***")
        #expect(SecretRedaction.redact(text: "nothing here", secrets: []) == "nothing here")
    }
}

@Suite("AWS credentials from the environment")
struct AWSSigV4Tests {
    @Test("Reads keys and the optional session token")
    func readsEnvironment() throws {
        let aws = try AWSSigV4.fromEnvironment(provider: "aws:amz:eu-west-1:execute-api", environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "TOKEN",
        ])
        #expect(aws == AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        let noToken = try AWSSigV4.fromEnvironment(provider: "p", environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "S"])
        #expect(noToken.sessionToken == nil)
    }

    @Test("Missing variables are named in the error")
    func missingVariables() {
        let error = #expect(throws: AWSCredentialsError.self) {
            try AWSSigV4.fromEnvironment(provider: "aws:amz:eu-west-1:execute-api", environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": ""])
        }
        #expect(error?.missingVariables == ["AWS_SECRET_ACCESS_KEY"])
        #expect(error?.description.hasPrefix("AWS SigV4 signing (aws:amz:eu-west-1:execute-api) needs credentials: AWS_SECRET_ACCESS_KEY is not set.") == true)
    }
}

@Suite("SecretRedaction matches Unicode scalars, not characters")
struct SecretRedactionScalarTests {
    /// Whether two strings hold the same scalars (`==` would call canonically equivalent text equal).
    func same(_ left: String, _ right: String) -> Bool { left.utf8.elementsEqual(right.utf8) }

    @Test("A secret followed by a combining mark is still redacted")
    func combiningMarkAfterTheSecret() {
        let redacted = SecretRedaction.redact(text: "abc\u{301}def", secrets: ["abc"])
        #expect(same(redacted, "***\u{301}def"), "got \(redacted.unicodeScalars.map(\.value))")
        #expect(same(SecretRedaction.redact(text: "x=abcd\u{20DD}", secrets: ["abcd"]), "x=***\u{20DD}"))
    }

    @Test("Composed and decomposed café are different secrets; each hides only itself")
    func composedAndDecomposed() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let text = "1 \(composed) 2 \(decomposed) 3"
        #expect(same(SecretRedaction.redact(text: text, secrets: [composed]), "1 *** 2 \(decomposed) 3"))
        #expect(same(SecretRedaction.redact(text: text, secrets: [decomposed]), "1 \(composed) 2 *** 3"))
        #expect(same(SecretRedaction.redact(text: text, secrets: [composed, decomposed]), "1 *** 2 *** 3"))
        #expect(same(SecretRedaction.redact(text: text, secrets: ["cafe"]), "1 \(composed) 2 ***\u{301} 3"))
    }

    @Test("Secrets that overlap leave no part of either")
    func overlappingSecrets() {
        #expect(SecretRedaction.redact(text: "<abcdef>", secrets: ["abcd", "cdef"]) == "<***>")
        #expect(SecretRedaction.redact(text: "<cdefab>", secrets: ["abcd", "cdef"]) == "<***ab>")
        #expect(SecretRedaction.redact(text: "aaaaa", secrets: ["aaa"]) == "***")
        #expect(SecretRedaction.redact(text: "abcdabcd", secrets: ["abcd"]) == "******")
    }

    @Test("Bodies are redacted byte for byte, text or not")
    func bytes() {
        let body: [UInt8] = [0xFF, 0x00] + Array("k=s3cr3t&".utf8) + [0xC3]
        #expect(SecretRedaction.redact(bytes: body, secrets: ["s3cr3t"]) == [0xFF, 0x00] + Array("k=***&".utf8) + [0xC3])
        #expect(SecretRedaction.redact(bytes: body, secrets: ["other", ""]) == body)
    }
}
