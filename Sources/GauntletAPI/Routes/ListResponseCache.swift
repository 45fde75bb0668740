import NIOCore
import Synchronization

/// Remembers the last encoded `GET /events` body per status filter, so that an unchanged list
/// is not encoded again.
///
/// The cached body is reused only when the store returns events equal to those it was built
/// from. For the memory store, an unchanged list is the same array, which compares in O(1);
/// otherwise the comparison costs about as much as copying the events, still less than encoding.
final class ListResponseCache: Sendable {
    private struct Entry {
        let events: [Event]
        let body: ByteBuffer
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The body for `events` under `key`, encoded by `encode` unless the cached one matches.
    func body(for key: String, events: [Event], encode: ([Event]) -> ByteBuffer) -> ByteBuffer {
        if let cached = self.entries.withLock({ $0[key] }), cached.events == events {
            return cached.body
        }
        let body = encode(events)
        self.entries.withLock { $0[key] = Entry(events: events, body: body) }
        return body
    }
}
