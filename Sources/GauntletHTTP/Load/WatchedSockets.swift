internal import CCurl

/// The sockets in a load loop's epoll set and what each is watched for, kept in step with
/// libcurl's socket callback with as few `epoll_ctl` calls as possible.
///
/// libcurl stops watching a connection's socket (`CURL_POLL_REMOVE`) each time a transfer on it
/// ends, and watches it again when the next transfer on the reused connection starts: done
/// literally, two `epoll_ctl` calls per request. Sockets the loop opened itself
/// (`CURLOPT_OPENSOCKETFUNCTION`, see ``SocketHooks``) are closed through its close callback, so
/// the loop hears of every close; a removal of such a socket only *parks* it: it stays in the
/// epoll set with the interest it had, and watching it again for the same interest costs nothing.
/// A parked socket that wakes the loop (the server closed the idle connection) is taken out of
/// the set then, and a socket about to be closed is taken out before it is closed, so a
/// descriptor number the kernel hands out again never inherits a stale entry. Other sockets
/// (a resolver thread's) are added and removed exactly as libcurl asks.
///
/// State is kept in a flat array indexed by descriptor. Confined to the loop's thread.
struct WatchedSockets {
    /// What the loop knows about one descriptor.
    private struct Entry {
        /// Whether it is in the epoll set.
        var inSet = false
        /// The interest registered with epoll while in the set (`readable` 1, `writable` 2).
        var registered: UInt8 = 0
        /// Whether libcurl watches it now (false: never seen, removed, or parked).
        var watching = false
        /// Whether the loop's open callback opened it, so its close will be reported.
        var owned = false
    }

    private var entries: [Entry] = []

    /// Creates an empty table.
    init() {}

    /// Records a socket the open callback just created.
    mutating func opened(_ descriptor: Int32) {
        guard descriptor >= 0 else { return }
        reserve(descriptor)
        entries[Int(descriptor)] = Entry(owned: true)
    }

    /// Takes a socket out of the epoll set (if it is in it) before the close callback closes it.
    mutating func closing(_ descriptor: Int32, waiter: EpollWaiter) {
        guard descriptor >= 0, Int(descriptor) < entries.count else { return }
        if entries[Int(descriptor)].inSet { waiter.unwatch(descriptor) }
        entries[Int(descriptor)] = Entry()
    }

    /// Applies one call of libcurl's socket callback (`CURL_POLL_IN`, `_OUT`, `_INOUT`, `_NONE`, `_REMOVE`).
    mutating func update(_ descriptor: Int32, what: Int32, waiter: EpollWaiter) {
        guard descriptor >= 0 else { return }
        reserve(descriptor)
        let index = Int(descriptor)
        if what == CURL_POLL_REMOVE {
            entries[index].watching = false
            if entries[index].inSet && !entries[index].owned {
                waiter.unwatch(descriptor)
                entries[index].inSet = false
                entries[index].registered = 0
            }
            return
        }
        let interest: UInt8 = (what & CURL_POLL_IN != 0 ? 1 : 0) | (what & CURL_POLL_OUT != 0 ? 2 : 0)
        entries[index].watching = true
        if entries[index].inSet && entries[index].registered == interest { return }
        waiter.watch(descriptor, readable: interest & 1 != 0, writable: interest & 2 != 0, alreadyWatched: entries[index].inSet)
        entries[index].inSet = true
        entries[index].registered = interest
    }

    /// Whether libcurl watches `descriptor`, which epoll just reported ready. A parked socket is
    /// not watched: it is taken out of the set (epoll would report it again and again), and the
    /// event is not libcurl's business.
    mutating func isWatched(_ descriptor: Int32, waiter: EpollWaiter) -> Bool {
        guard descriptor >= 0, Int(descriptor) < entries.count else { return true }
        let index = Int(descriptor)
        if entries[index].watching { return true }
        if entries[index].inSet {
            waiter.unwatch(descriptor)
            entries[index].inSet = false
            entries[index].registered = 0
        }
        return false
    }

    /// Grows the table to hold `descriptor`.
    private mutating func reserve(_ descriptor: Int32) {
        let needed = Int(descriptor) + 1
        if needed > entries.count {
            entries.append(contentsOf: repeatElement(Entry(), count: max(needed, entries.count * 2, 64) - entries.count))
        }
    }
}
