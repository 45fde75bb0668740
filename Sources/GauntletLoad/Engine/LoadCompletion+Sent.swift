import GauntletHTTP

extension LoadCompletion {
    /// Whether the request reached the deployment, so that it has a latency.
    ///
    /// False when libcurl failed before it sent a byte of the request: the name did not resolve
    /// (`dns_failed`), the connection was refused or could not be made (`connect_failed`), or the
    /// TLS handshake failed (`tls`). libcurl's code tells these apart
    /// (``TransportError/kind(of:)``), and each of them ends the transfer before the request
    /// is written. Such a request took no time of the deployment's: its fraction of a
    /// millisecond would pull every percentile down during an outage (a load whose every
    /// answered request took 20 ms read p50 0.3 ms while 1 s in 5 was refused). It stays an
    /// error of its kind and a request of the count.
    ///
    /// A request that was sent keeps its latency however it ended: any status, a reset, a
    /// timeout. Every timeout keeps it, also one that ran out while connecting (a deployment
    /// too busy to accept): at least the time limit, the pessimistic figure a gate wants.
    /// Read on every completion: a status or one comparison of the failure's kind, no allocation.
    var wasSent: Bool {
        guard case .failure(let error) = outcome else { return true }
        switch error.kind {
        case .connectFailed, .dnsFailed, .tls: return false
        default: return true
        }
    }
}

extension LoadCompletion {
    /// The status the deployment answered with: the response's, or the one a failed transfer
    /// began with (a body cut short, too long or not decodable; ``TransportError/answeredStatus``).
    /// Such a request is an error of its kind and an answer of its status: the deployment was
    /// reached, so a load of them is failed, not unreachable.
    var answeredStatus: Int? {
        switch outcome {
        case .response(let status): status
        case .failure(let error): error.answeredStatus
        }
    }
}
