public import GauntletHTTP
public import GauntletJSON

/// How a run is made: where, with what, which scenarios, how many at once.
public struct RunOptions: Sendable {
    /// The deployment under test, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/prod`.
    public var baseURL: String
    /// `--var` values; they override the files' variables.
    public var variables: [String: JSONValue]
    /// `--secret NAME=VALUE`: variables like `--var` (always strings) whose values are
    /// replaced by `***` wherever they would appear in a result, report or console line.
    public var secretVariables: [String: String]
    /// `--header` values, sent with every request (after the files' own headers).
    public var headers: [HTTPHeader]
    /// libcurl settings: TLS, HTTP version, timeouts, SigV4.
    public var transfer: TransferOptions
    /// How many scenarios run at once.
    public var parallelism: Int
    /// Run only scenarios with one of these tags (all when empty).
    public var includeTags: Set<String>
    /// Skip scenarios with any of these tags.
    public var excludeTags: Set<String>
    /// The run's unique id (`{{run_id}}`).
    public var runID: String
    /// How many testcases the run may have and how many keep their whole transcripts.
    public var limits: RunLimits
    /// How long teardown may go on after the run is interrupted (``TeardownGrace``).
    public var teardownGrace = TeardownGrace.afterInterruption
    /// How long a write in flight may go on after the run is interrupted, before the teardown
    /// starts (``TeardownGrace/forWriteInFlight``).
    public var writeGrace = TeardownGrace.forWriteInFlight

    public init(
        baseURL: String, variables: [String: JSONValue] = [:], secretVariables: [String: String] = [:], headers: [HTTPHeader] = [],
        transfer: TransferOptions = TransferOptions(), parallelism: Int = 1, includeTags: Set<String> = [],
        excludeTags: Set<String> = [], runID: String = RunOptions.makeRunID(), limits: RunLimits = .standard
    ) {
        self.baseURL = baseURL
        self.variables = variables
        self.secretVariables = secretVariables
        self.headers = headers
        self.transfer = transfer
        self.parallelism = max(1, parallelism)
        self.includeTags = includeTags
        self.excludeTags = excludeTags
        self.runID = runID
        self.limits = limits
    }

    /// A short id unlikely to repeat across runs: `g` and 10 hex digits.
    public static func makeRunID() -> String {
        "g" + String(UInt64.random(in: 0..<(1 << 40)), radix: 16).leftPadded(to: 10)
    }

    /// Whether a scenario with these tags is selected by `--tag` / `--skip-tag`.
    public func selects(tags: Set<String>) -> Bool {
        tagSelection.selects(tags: tags)
    }

    /// `--tag` and `--skip-tag` as one selection.
    public var tagSelection: TagSelection { TagSelection(include: includeTags, exclude: excludeTags) }

    /// The values templates see from the command line: `--var` and `--secret` ones.
    public var commandLineVariables: [String: JSONValue] {
        variables.merging(secretVariables.mapValues(JSONValue.string)) { _, secret in secret }
    }

    /// Values that must never reach a report: secret header values, the value of every other
    /// `--header` that looks like a credential but of headers that name none (`Accept`, `Origin`:
    /// their values, such as `application/json`, are in every answer), SigV4 credentials,
    /// `--secret` values and the base URL's password (`https://user:password@host`, also as the
    /// `Basic` credentials libcurl makes of it), each in every form ``secretForms(of:)`` gives it.
    /// (A `--header` line itself is masked by name: ``maskedHeaderNames``.)
    public var secrets: [String] {
        let commandLine = headers.filter { !SecretRedaction.isPublic(commandLineHeaderName: $0.name) }
            .flatMap(SecretRedaction.credentialForms).filter(SecretRedaction.looksLikeCredential)
        return Self.secretForms(of: secretValues + commandLine)
    }

    /// The `--header`s whose lines a report masks (`X-Tenant: ***`) whatever their values look
    /// like: all but those of headers that name no credential. Lowercased.
    public var maskedHeaderNames: Set<String> {
        Set(headers.map { $0.name.lowercased() }.filter { !SecretRedaction.isPublic(commandLineHeaderName: $0) })
    }

    /// What ``secrets`` hides, and every command-line header value of 4 characters or more
    /// whatever the header's name: `load` and `fuzz` hide them all, since the command line is
    /// where tokens are passed.
    public var secretsWithEveryHeaderValue: [String] {
        Self.secretForms(of: secretValues + headers.map(\.value).filter { $0.count >= 4 })
    }

    /// The credentials `headers` carry by their names (``SecretRedaction/credentials(in:)``), in
    /// every form ``secretForms(of:)`` gives them: a rendered request's own secrets.
    public static func credentialSecrets(in headers: [HTTPHeader]) -> [String] {
        secretForms(of: SecretRedaction.credentials(in: headers))
    }

    /// The secret values as given, before ``secretForms(of:)``: of headers secret by name, SigV4,
    /// `--secret` and the base URL's password (``secrets`` adds other `--header` values).
    public var secretValues: [String] {
        var values = SecretRedaction.credentials(in: headers)
        if let sigv4 = transfer.awsSigV4 {
            // The key id too: it names the account, and a signed request's Authorization quotes it.
            values += [sigv4.accessKeyID, sigv4.secretAccessKey] + (sigv4.sessionToken.map { [$0] } ?? [])
        }
        values = values.filter { $0.count >= 4 }
        values += secretVariables.values.filter { !$0.isEmpty }
        // However short: it is a password, and the base URL is in every line that names a request.
        if let password = SecretRedaction.userinfoPassword(in: baseURL) { values.append(password) }
        if let basic = SecretRedaction.basicCredentials(in: baseURL) { values.append(basic) }
        return values
    }

    /// Every form the secret `values` may take in a report, each once: every ``readings(of:)``
    /// of each value and every reading of those, since a template may encode a value twice
    /// (`{{tok | json}}` inside a `json:` body string, `urlencode | urlencode`).
    public static func secretForms(of values: [String]) -> [String] {
        // Distinct by scalars: `Set<String>` would merge canonically equivalent spellings.
        var seen: Set<[UInt8]> = []
        return values.flatMap(readings).flatMap(readings).filter { seen.insert(Array($0.utf8)).inserted }
    }

    /// How a secret value may read where a report would show it, the value itself first:
    /// percent-encoded as `{{name | urlencode}}` writes it into a URL, and as a URL holds it
    /// unfiltered (only its non-ASCII bytes encoded, ``URLPercentEncoding``), each also in the
    /// lower-case hex a deployment may echo (`%c3%bc`: libcurl's own encoding, Python's `urllib`);
    /// inside a JSON string (a `json:` body, or an answer that echoes it) as serializers escape
    /// it: only `"`, `\` and control characters (Gauntlet, JavaScript, Go), also `/` as `\/`
    /// (Foundation's `JSONEncoder`, PHP), or also every non-ASCII scalar as `\uXXXX`, in
    /// lower-case hex (Python's `json.dumps`) or upper-case (.NET's `System.Text.Json`, Jackson);
    /// and, for a value with non-ASCII scalars, its UTF-8 bytes read as Latin-1 (``latin1Reading(of:)``),
    /// as Python's servers and ASGI/WSGI frameworks read header bytes. A reading is there once
    /// more only when it differs from the one it varies (``secretForms(of:)`` applies readings
    /// to every reading, so each one counts twice).
    static func readings(of value: String) -> [String] {
        // Scalar by scalar: a value may begin or end with a combining mark, which as a
        // `Character` would take the quote (or a `/`) with it.
        let quoted = JSONValue.string(value).serialized().unicodeScalars
        let json = quoted.dropFirst().dropLast()
        func escaping(_ escape: (Unicode.Scalar) -> String?) -> String {
            json.map { escape($0) ?? String($0) }.joined()
        }
        func escapingNonASCII(uppercase: Bool) -> String {
            escaping { scalar in
                scalar.isASCII ? nil : scalar.utf16.map { "\\u" + String($0, radix: 16, uppercase: uppercase).leftPadded(to: 4) }.joined()
            }
        }
        /// `form`, and its lower-case hex spelling when that differs.
        func withLowercaseHex(_ form: String) -> [String] {
            let lowercase = lowercasingPercentEscapes(form)
            return lowercase == form ? [form] : [form, lowercase]
        }
        let isASCII = value.unicodeScalars.allSatisfy(\.isASCII)
        let urlencoded = TemplateFilter.urlencoded(value)
        let inURL = URLPercentEncoding.encodingNonASCII(in: value)
        let asciiOnly = escapingNonASCII(uppercase: false)
        let asciiOnlyUppercase = escapingNonASCII(uppercase: true)
        return [value] + withLowercaseHex(urlencoded)
            + (inURL == value || inURL == urlencoded ? [] : withLowercaseHex(inURL))
            + [escaping { _ in nil }, escaping { $0 == "/" ? "\\/" : nil }, asciiOnly]
            + (asciiOnlyUppercase == asciiOnly ? [] : [asciiOnlyUppercase])
            + (isASCII ? [] : [latin1Reading(of: value)])
    }

    /// `text` with the hex digits of its `%XX` escapes in lower case: `Gr%C3%BCße` → `Gr%c3%bcße`.
    static func lowercasingPercentEscapes(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "%") && bytes[index + 1].isHexDigit && bytes[index + 2].isHexDigit {
                bytes[index + 1] = bytes[index + 1].lowercasedASCII
                bytes[index + 2] = bytes[index + 2].lowercasedASCII
                index += 3
            } else {
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The string whose scalars are `value`'s UTF-8 bytes (U+0000 to U+00FF): how a header value
    /// reads where its bytes were decoded as ISO-8859-1, as Python's `http.server` and every
    /// ASGI/WSGI framework (Starlette, FastAPI, Flask) decode them: `naïve` → `naÃ¯ve`, which
    /// `json.dumps` echoes as `na\u00c3\u00afve`.
    static func latin1Reading(of value: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.utf8.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII hex digit: `0`–`9`, `a`–`f`, `A`–`F`.
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20)
    }

    /// The byte in lower case when it is an ASCII capital letter.
    fileprivate var lowercasedASCII: UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) ? self | 0x20 : self
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
