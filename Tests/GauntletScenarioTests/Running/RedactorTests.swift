import Foundation
import GauntletHTTP
import Testing

@testable import GauntletScenario

/// Secrets are redacted before anything transforms them for display: before a body is cut,
/// before a request becomes a shell-quoted curl command.
@Suite struct RedactorTests {
    let secret = "s/k r+t'\\\n\(UUID().uuidString)é"
    var redactor: Redactor { Redactor(secrets: RunOptions(baseURL: "http://h", secretVariables: ["k": secret]).secrets) }

    @Test func aBodyIsRedactedWholeThenCut() {
        let head = String(repeating: "x", count: Redactor.bodyLimit - 6)
        let short = "[" + secret + "]"
        #expect(redactor.body(Array(short.utf8)) == "[***]")
        // Cut first, the body's first 4096 bytes would end in the secret's first 6: `s/k r+`.
        let body = head + secret + String(repeating: "y", count: 100)
        #expect(redactor.body(Array(body.utf8)) == head + "***yyy… (\(body.utf8.count) bytes in all)")
    }

    @Test("What libcurl and signing make of credentials is secret too: Basic of a URL's password, a SigV4 key id")
    func derivedCredentialsAreSecrets() {
        var options = RunOptions(baseURL: "https://user:pa%40ss@h.example/prod")
        options.transfer.awsSigV4 = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cret")
        #expect(options.secrets.contains(Data("user:pa@ss".utf8).base64EncodedString()))
        #expect(options.secrets.contains("AKIDEXAMPLE"))
        let headers = [HTTPHeader("Authorization", "Bearer tok123"), HTTPHeader("X-Api-Key", "k"), HTTPHeader("Accept", "text/plain")]
        #expect(SecretRedaction.credentials(in: headers) == ["Bearer tok123", "tok123"])
    }

    @Test("A --header of a name that is neither secret nor public: its line is masked, and its value hidden elsewhere only when it looks like a credential")
    func commandLineHeadersAreMaskedByLineAndHiddenByLook() {
        let token = "tenant-\(UUID().uuidString)"
        let options = RunOptions(baseURL: "https://api.example/prod", headers: [
            HTTPHeader("X-Tenant", token), HTTPHeader("X-Stage", "prod"), HTTPHeader("X-Api-Version", "2025-06-01"),
            HTTPHeader("X-Env", "staging"), HTTPHeader("Accept", "application/json"),
        ])
        #expect(options.secrets.contains(token))
        // Hiding these everywhere would turn /prod/events into /***/events and every date into ***.
        #expect(!options.secrets.contains("prod") && !options.secrets.contains("2025-06-01") && !options.secrets.contains("staging"))
        #expect(options.maskedHeaderNames == ["x-tenant", "x-stage", "x-env"])
        let redactor = Redactor(secrets: options.secrets, maskedHeaderNames: options.maskedHeaderNames)
        #expect(redactor.headers([HTTPHeader("X-Stage", "prod"), HTTPHeader("Accept", "application/json")])
            == [HTTPHeader("X-Stage", "***"), HTTPHeader("Accept", "application/json")])
        #expect(redactor.text("GET https://api.example/prod/events?tenant=\(token)") == "GET https://api.example/prod/events?tenant=***")
    }

    @Test("What looks like a credential", arguments: [
        ("tok-3f9a8b7c", true), ("abcdefghijklmnopqrstuvwxyz", true), ("0123456789abcdef", true),
        ("kQzXwVbNmLpRtYu", true), ("ZXhhbXBsZQ", true),
        ("prod", false), ("staging", false), ("2025-06-01", false), ("1.24.3", false), ("eu-central", false),
        ("Canary-release", false), ("BLUE-GREEN", false),
    ])
    func credentialLook(value: String, looks: Bool) {
        #expect(SecretRedaction.looksLikeCredential(value) == looks)
    }

    @Test func aBodyIsCutBetweenScalars() {
        let head = String(repeating: "x", count: Redactor.bodyLimit - 1)
        let body = head + "é" + String(repeating: "y", count: 10)
        #expect(redactor.body(Array(body.utf8)) == head + "… (\(body.utf8.count) bytes in all)")
    }

    @Test func theCurlCommandIsBuiltFromRedactedValues() {
        let jsonEscaped = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        let spec = RequestSpec(
            method: "PUT", url: "https://api.example.com/items/\(TemplateFilter.urlencoded(secret))?q=1",
            headers: [HTTPHeader("X-Plain", "id \(secret)"), HTTPHeader("Authorization", "Bearer abc")],
            body: Array(#"{"key":"\#(jsonEscaped)"}"#.utf8))
        let command = redactor.curlCommand(spec)
        #expect(command == """
            curl --request PUT --header 'X-Plain: id ***' --header 'Authorization: ***' --data '{"key":"***"}' \
            'https://api.example.com/items/***?q=1'
            """)
        let recorded = redactor.record(spec)
        #expect(recorded.url == "https://api.example.com/items/***?q=1")
        #expect(recorded.headers == [HTTPHeader("X-Plain", "id ***"), HTTPHeader("Authorization", "***")])
        #expect(recorded.body == #"{"key":"***"}"#)
    }

    @Test func sigV4CredentialsLeaveTheRedactedRequest() {
        let aws = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalr/K7+MDENG", sessionToken: "FwoGZX")
        let spec = RequestSpec(url: "https://h/", options: TransferOptions(awsSigV4: aws))
        let shown = redactor.redacted(spec).options.awsSigV4
        #expect(shown?.accessKeyID == "***" && shown?.secretAccessKey == "***" && shown?.sessionToken == "***")
        #expect(shown?.provider == aws.provider)
    }

    @Test func aSecretIsKnownInEachFormItTakes() {
        let options = RunOptions(baseURL: "http://h", secretVariables: ["a": "a/b\"é", "b": "caf\u{E9}", "c": "cafe\u{301}"])
        let forms = Set(options.secrets.map { Array($0.utf8) })
        for form in [
            "a/b\"é", "a%2Fb%22%C3%A9", #"a/b\"é"#, #"a\/b\"é"#, #"a/b\"\u00e9"#,
            "caf\u{E9}", "cafe\u{301}", #"caf\u00e9"#, #"cafe\u0301"#,
        ] {
            #expect(forms.contains(Array(form.utf8)), "\(form)")
        }
        #expect(RunOptions.readings(of: "\u{301}ab/") == [
            "\u{301}ab/", "%CC%81ab%2F", "%cc%81ab%2f", "%CC%81ab/", "%cc%81ab/", "\u{301}ab/", "\u{301}ab\\/", "\\u0301ab/",
            "\u{CC}\u{81}ab/",
        ])
    }

    @Test("A non-ASCII secret echoed in lower-case percent-encoding (as libcurl wrote a path), or as its UTF-8 bytes read as Latin-1 and JSON-escaped (as Python servers echo a header), is hidden")
    func nonASCIISecretsAreHiddenAsDeploymentsEchoThem() {
        let options = RunOptions(baseURL: "http://h", secretVariables: ["k2": "Grüße-Secret-1", "custom": "naïve-Sécret-77"])
        let redactor = Redactor(secrets: options.secrets)
        for (echo, redacted) in [
            ("GET /x/Gr%c3%bc%c3%9fe-Secret-1", "GET /x/***"),
            ("GET /x/Gr%C3%BC%C3%9Fe-Secret-1", "GET /x/***"),
            (#"{"X-Custom": "na\u00c3\u00afve-S\u00c3\u00a9cret-77"}"#, #"{"X-Custom": "***"}"#),
            ("X-Custom: na\u{C3}\u{AF}ve-S\u{C3}\u{A9}cret-77", "X-Custom: ***"),
            // .NET's System.Text.Json and Jackson escape non-ASCII in upper-case hex.
            (#"{"k2": "Gr\u00FC\u00DFe-Secret-1"}"#, #"{"k2": "***"}"#),
            (#"{"k2": "Gr\u00c3\u00bc\u00c3\u009fe-Secret-1"}"#, #"{"k2": "***"}"#),
        ] {
            #expect(redactor.text(echo) == redacted, "\(echo)")
        }
    }

    @Test("Readings added for non-ASCII text only where they differ: an ASCII value has no Latin-1 or upper-case \\u reading")
    func readingsAreAddedOnlyWhereTheyDiffer() {
        #expect(RunOptions.readings(of: "tok-123") == ["tok-123", "tok-123", "tok-123", "tok-123", "tok-123"])
        #expect(RunOptions.readings(of: "é").contains("\\u00E9"))
        #expect(RunOptions.readings(of: "é").contains("\u{C3}\u{A9}"))
        #expect(RunOptions.lowercasingPercentEscapes("%2F%c3%ZZ%4") == "%2f%c3%ZZ%4")
    }

    @Test("A secret encoded twice is known too: JSON inside a JSON string, percent-encoded twice")
    func aSecretEncodedTwiceIsKnown() {
        let forms = Set(RunOptions(baseURL: "http://h", secretVariables: ["tok": #"ab"cd\ef"#]).secrets.map { Array($0.utf8) })
        for form in [#"ab\\\"cd\\\\ef"#, "ab%2522cd%255Cef", #"ab%22cd%5Cef"#] {
            #expect(forms.contains(Array(form.utf8)), "\(form)")
        }
    }
}
