/// What Gauntlet needs to know about request methods, which stay plain strings (sent as written).
enum HTTPMethod {
    /// The idempotent methods of RFC 9110 §9.2.2: sending one twice has the effect of sending it
    /// once, so a request lost with its connection may go out again.
    static let idempotent: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]

    /// Whether `method` is idempotent (methods are case-sensitive: `post` is not `POST`, and a
    /// method this list does not know is treated as not idempotent).
    static func isIdempotent(_ method: String) -> Bool {
        idempotent.contains(method)
    }
}
