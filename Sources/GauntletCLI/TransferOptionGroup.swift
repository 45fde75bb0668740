import ArgumentParser
import GauntletHTTP

/// libcurl settings shared by `run`, `load` and `selftest`.
struct TransferOptionGroup: ParsableArguments {
    // With a transform, ArgumentParser shows no default: the help text says it. Numbers and
    // durations are parsed `.unconditional`: `--timeout -1s` is the value `-1s` (refused with
    // why), not a flag that leaves `--timeout` without one ("Missing value").
    @Option(
        name: .customLong("connect-timeout"), parsing: .unconditional, help: "Give up connecting after this long (default 10s; 0s for libcurl's default, 300s).",
        transform: DurationArgument.parse)
    var connectTimeout: DurationArgument = DurationArgument(.seconds(10))

    /// `--timeout` as given; nil without the flag (a load file's `timeout:` then holds, else 30 s).
    @Option(parsing: .unconditional, help: "Give up on a whole request after this long (default 30s, or a load file's timeout:; 0s for no limit, as curl's --max-time 0).", transform: DurationArgument.parse)
    var timeout: DurationArgument?

    /// The whole-request limit when no flag and no file sets one.
    static let defaultTimeout = Duration.seconds(30)

    @Flag(name: .customLong("http2"), help: "Ask for HTTP/2 (over TLS; HTTP/1.1 is the default).")
    var http2 = false

    @Flag(name: [.customShort("k"), .long], help: "Do not verify the server's TLS certificate.")
    var insecure = false

    @Option(help: ArgumentHelp("Verify TLS against this CA bundle.", valueName: "file"))
    var cacert: String?

    @Option(
        name: .customLong("aws-sigv4"),
        help: ArgumentHelp(
            "Sign requests with AWS SigV4 (libcurl's CURLOPT_AWS_SIGV4), credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.",
            valueName: "aws:amz:REGION:SERVICE"))
    var awsSigV4: String?

    @Option(
        name: .customLong("resolve"),
        help: ArgumentHelp(
            "Connect to ADDRESS for requests to HOST:PORT instead of what DNS says; the URL, Host header and TLS check keep the name (repeatable; curl's --resolve).",
            valueName: "host:port:address"))
    var resolve: [String] = []

    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to HOST2:PORT2 for requests to HOST1:PORT1; the URL, Host header and TLS check keep HOST1 (repeatable; an empty field matches any; curl's --connect-to).",
            valueName: "host1:port1:host2:port2"))
    var connectTo: [String] = []

    @Option(help: ArgumentHelp("Present this client certificate for mutual TLS (PEM; may hold the private key too).", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("The client certificate's private key (PEM; default: the --cert file).", valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("Send every request through this proxy (http://, https://, socks5h://…; host:port means http://).", valueName: "url"))
    var proxy: String?

    @Option(
        name: .customLong("streams-per-connection"), parsing: .unconditional,
        help: ArgumentHelp("With --http2 in a load: most requests in flight on one connection before another opens.", valueName: "n"))
    var streamsPerConnection = 100

    /// Checks the network flags' syntax while parsing: every problem, one per line. The
    /// certificate and CA bundle files are read later, by ``transferOptions()``, so that a command line parses
    /// on a machine without them.
    func validate() throws {
        let problems = networkProblems(readingFiles: false)
        guard problems.isEmpty else { throw ValidationError(problems.map(\.description).joined(separator: "\n")) }
    }

    /// What is wrong with `--resolve`, `--connect-to`, `--cacert`, `--cert`, `--key`, `--proxy` and
    /// `--streams-per-connection`, in that order; the `--cacert`, `--cert` and `--key` files are
    /// read only when `readingFiles` (their paths appear in a problem, never their contents).
    func networkProblems(readingFiles: Bool) -> [NetworkOptionError] {
        var problems: [NetworkOptionError] = []
        for entry in resolve {
            do throws(NetworkOptionError) { _ = try HostResolution(parsing: entry) } catch { problems.append(error) }
        }
        for rule in connectTo {
            do throws(NetworkOptionError) { _ = try ConnectionRedirect(parsing: rule) } catch { problems.append(error) }
        }
        if let cacert, readingFiles {
            do throws(NetworkOptionError) { try CABundle.validate(path: cacert) } catch { problems.append(error) }
        }
        if let cert, readingFiles {
            do throws(NetworkOptionError) { try ClientCertificate(certificatePath: cert, keyPath: key).validate() } catch {
                problems.append(error)
            }
        } else if cert == nil, let key {
            problems.append(NetworkOptionError(flag: "--key", value: key, reason: "a key needs its certificate: add --cert"))
        }
        if let proxy {
            do throws(NetworkOptionError) { _ = try ProxyAddress(parsing: proxy) } catch { problems.append(error) }
        }
        if streamsPerConnection < 1 {
            problems.append(NetworkOptionError(flag: "--streams-per-connection", value: String(streamsPerConnection), reason: "must be at least 1"))
        }
        return problems
    }

    /// The libcurl options these flags describe.
    /// - Throws: `ValidationError` naming every flag that cannot be used (a certificate file
    ///   missing or without its key among them), before any request.
    func transferOptions() throws -> TransferOptions {
        let problems = networkProblems(readingFiles: true)
        guard problems.isEmpty else { throw ValidationError(problems.map(\.description).joined(separator: "\n")) }
        var options = TransferOptions()
        options.httpVersion = http2 ? .http2 : .http1_1
        options.verifyTLS = !insecure
        options.caCertPath = cacert
        do throws(NetworkOptionError) {
            options.resolve = try resolve.map(HostResolution.init(parsing:))
            options.connectTo = try connectTo.map(ConnectionRedirect.init(parsing:))
            options.proxy = try proxy.map(ProxyAddress.init(parsing:))
        } catch {
            throw ValidationError(error.description)
        }
        options.clientCertificate = cert.map { ClientCertificate(certificatePath: $0, keyPath: key) }
        options.streamsPerConnection = streamsPerConnection
        // 0 means what it means to curl: no limit (--max-time 0), libcurl's default (--connect-timeout 0).
        options.timeouts = Timeouts(connect: connectTimeout.value, total: timeout?.value ?? Self.defaultTimeout)
        if let provider = awsSigV4 {
            do { options.awsSigV4 = try AWSSigV4.fromEnvironment(provider: provider) } catch {
                throw ValidationError("--aws-sigv4: \(error)")
            }
        }
        return options
    }
}
