#ifndef GAUNTLET_CCURL_SHIM_H
#define GAUNTLET_CCURL_SHIM_H

#include <curl/curl.h>

/// Swift cannot call C variadic functions, so each argument kind of `curl_easy_setopt`,
/// `curl_easy_getinfo` and `curl_multi_setopt` gets one typed, prefixed wrapper.

typedef size_t (*gauntlet_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);

/// `CURLMOPT_SOCKETFUNCTION`: libcurl tells which socket to watch for what (`CURL_POLL_*`).
typedef int (*gauntlet_socket_callback)(CURL *_Nonnull easy, curl_socket_t socket, int what, void *_Nullable userp, void *_Nullable socketp);
/// `CURLMOPT_TIMERFUNCTION`: libcurl asks for a single timer, -1 meaning delete it.
typedef int (*gauntlet_timer_callback)(CURLM *_Nonnull multi, long timeout_ms, void *_Nullable userp);

static inline CURLcode gauntlet_easy_setopt_long(CURL *_Nonnull h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gauntlet_easy_setopt_off_t(CURL *_Nonnull h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gauntlet_easy_setopt_string(CURL *_Nonnull h, CURLoption o, const char *_Nullable v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gauntlet_easy_setopt_pointer(CURL *_Nonnull h, CURLoption o, void *_Nullable v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gauntlet_easy_setopt_slist(CURL *_Nonnull h, CURLoption o, struct curl_slist *_Nullable v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gauntlet_easy_setopt_data_callback(CURL *_Nonnull h, CURLoption o, gauntlet_data_callback _Nullable v) { return curl_easy_setopt(h, o, v); }

/// `CURLOPT_OPENSOCKETFUNCTION`: opens the socket libcurl asks for (`address` gives family, type, protocol).
typedef curl_socket_t (*gauntlet_opensocket_callback)(void *_Nullable clientp, curlsocktype purpose, struct curl_sockaddr *_Nonnull address);
/// `CURLOPT_CLOSESOCKETFUNCTION`: closes a socket that the open callback opened.
typedef int (*gauntlet_closesocket_callback)(void *_Nullable clientp, curl_socket_t socket);

static inline CURLcode gauntlet_easy_setopt_opensocket_callback(CURL *_Nonnull h, gauntlet_opensocket_callback _Nullable v) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, v); }
static inline CURLcode gauntlet_easy_setopt_closesocket_callback(CURL *_Nonnull h, gauntlet_closesocket_callback _Nullable v) { return curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, v); }

static inline CURLcode gauntlet_easy_getinfo_long(CURL *_Nonnull h, CURLINFO i, long *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_off_t(CURL *_Nonnull h, CURLINFO i, curl_off_t *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_string(CURL *_Nonnull h, CURLINFO i, char *_Nullable *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_pointer(CURL *_Nonnull h, CURLINFO i, void *_Nullable *_Nonnull out) { return curl_easy_getinfo(h, i, out); }

static inline CURLMcode gauntlet_multi_setopt_long(CURLM *_Nonnull m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode gauntlet_multi_setopt_pointer(CURLM *_Nonnull m, CURLMoption o, void *_Nullable v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode gauntlet_multi_setopt_socket_callback(CURLM *_Nonnull m, gauntlet_socket_callback _Nullable v) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, v); }
static inline CURLMcode gauntlet_multi_setopt_timer_callback(CURLM *_Nonnull m, gauntlet_timer_callback _Nullable v) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, v); }

// MARK: - Refusing libcurl's silent re-send of a request that is not idempotent, counting the others

/// One easy handle's state for `gauntlet_resend_guard_prereq`, allocated and owned by the Swift
/// side (`EasyHandle`) for the handle's life: the handle, whether a second send is refused, and
/// for the current transfer the redirect hop its request last went out at, whether a second send
/// was refused and how many went out (an idempotent request's, counted: a load's reports say how
/// many answers came only on a second try, which the error rate does not show).
typedef struct gauntlet_resend_guard {
    /// The handle, for `CURLINFO_REDIRECT_COUNT`.
    CURL *_Nullable easy;
    /// `CURLINFO_REDIRECT_COUNT` when the request last went out in this transfer; -1 before.
    long sent_at_hop;
    /// Set when a second send at the same hop was refused (the transfer then fails with
    /// `CURLE_ABORTED_BY_CALLBACK`).
    int refused;
    /// Whether a second send at the same hop is refused (a method that is not idempotent) or let
    /// go and counted in `resent`.
    int refuses;
    /// Second sends at the same hop let go in this transfer.
    long resent;
} gauntlet_resend_guard;

/// `CURLOPT_PREREQFUNCTION`: called right before each request goes out on a connection. A second
/// call at the same redirect hop is libcurl re-sending the request on a fresh connection after a
/// reused one died before any byte of the answer (`Curl_retry_request`): refused when the guard
/// `refuses`, else counted. A followed redirect counts a new hop and goes out.
static inline int gauntlet_resend_guard_prereq(void *_Nullable clientp, char *_Nullable primary_ip, char *_Nullable local_ip,
                                               int primary_port, int local_port) {
    gauntlet_resend_guard *guard = (gauntlet_resend_guard *)clientp;
    if (guard == NULL || guard->easy == NULL) return CURL_PREREQFUNC_OK;
    long hop = 0;
    curl_easy_getinfo(guard->easy, CURLINFO_REDIRECT_COUNT, &hop);
    if (hop == guard->sent_at_hop) {
        if (!guard->refuses) {
            guard->resent += 1;
            return CURL_PREREQFUNC_OK;
        }
        guard->refused = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    guard->sent_at_hop = hop;
    return CURL_PREREQFUNC_OK;
}

/// Installs the guard as `CURLOPT_PREREQFUNCTION`/`CURLOPT_PREREQDATA`, or removes it (`NULL`).
static inline CURLcode gauntlet_easy_set_resend_guard(CURL *_Nonnull h, gauntlet_resend_guard *_Nullable guard) {
    CURLcode code = curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, guard == NULL ? NULL : gauntlet_resend_guard_prereq);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(h, CURLOPT_PREREQDATA, (void *)guard);
}

/// `curl_global_init(CURL_GLOBAL_ALL)`: the flag is a macro expression Swift does not import.
static inline CURLcode gauntlet_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

/// `CURL_SOCKET_TIMEOUT` (== `CURL_SOCKET_BAD`) for `curl_multi_socket_action` on a timer expiry.
static inline curl_socket_t gauntlet_socket_timeout(void) { return CURL_SOCKET_TIMEOUT; }

/// The `CURLcode` of a finished transfer from a `CURLMSG_DONE` message (the union is awkward in Swift).
static inline CURLcode gauntlet_msg_result(const CURLMsg *_Nonnull msg) { return msg->data.result; }

// MARK: - epoll for the socket-action loop (Swift's Glibc module does not export sys/epoll.h)

#ifdef __linux__
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/timerfd.h>
#include <time.h>

/// `epoll_create1(EPOLL_CLOEXEC)`.
static inline int gauntlet_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

/// `epoll_ctl` with the event as plain flags (`op`: 0 add, 1 modify, 2 delete; `readable`/`writable`).
static inline int gauntlet_epoll_ctl(int epfd, int op, int fd, int readable, int writable) {
    struct epoll_event event = {0};
    event.events = (readable ? EPOLLIN : 0) | (writable ? EPOLLOUT : 0);
    event.data.fd = fd;
    int ops[3] = {EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL};
    return epoll_ctl(epfd, ops[op < 0 || op > 2 ? 0 : op], fd, &event);
}

/// Readiness bits written by the wait shims, per descriptor.
enum { GAUNTLET_READABLE = 1, GAUNTLET_WRITABLE = 2, GAUNTLET_FAILED = 4 };

static inline int gauntlet_epoll_unpack(const struct epoll_event *events, int count, int *_Nonnull fds, int *_Nonnull flags) {
    for (int i = 0; i < count; i++) {
        fds[i] = events[i].data.fd;
        flags[i] = ((events[i].events & EPOLLIN) ? GAUNTLET_READABLE : 0)
                 | ((events[i].events & EPOLLOUT) ? GAUNTLET_WRITABLE : 0)
                 | ((events[i].events & (EPOLLERR | EPOLLHUP)) ? GAUNTLET_FAILED : 0);
    }
    return count;
}

/// Waits with a nanosecond timeout (`timeout_ns < 0`: forever) through `epoll_pwait2`; -1 with
/// `errno == ENOSYS` where the kernel or libc lacks it. Fills `fds`/`flags`, returns the count.
static inline int gauntlet_epoll_wait_ns(int epfd, int *_Nonnull fds, int *_Nonnull flags, int max, long long timeout_ns) {
    struct epoll_event events[256];
    if (max > 256) max = 256;
    int count;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
    struct timespec ts = { .tv_sec = timeout_ns / 1000000000LL, .tv_nsec = timeout_ns % 1000000000LL };
    count = epoll_pwait2(epfd, events, max, timeout_ns < 0 ? NULL : &ts, NULL);
#else
    errno = ENOSYS;
    count = -1;
#endif
    return count < 0 ? count : gauntlet_epoll_unpack(events, count, fds, flags);
}

/// Waits with `epoll_wait` (`timeout_ms < 0`: forever). Fills `fds`/`flags`, returns the count.
static inline int gauntlet_epoll_wait_ms(int epfd, int *_Nonnull fds, int *_Nonnull flags, int max, int timeout_ms) {
    struct epoll_event events[256];
    if (max > 256) max = 256;
    int count = epoll_wait(epfd, events, max, timeout_ms);
    return count < 0 ? count : gauntlet_epoll_unpack(events, count, fds, flags);
}

/// `socket(2)` for `CURLOPT_OPENSOCKETFUNCTION`, close-on-exec (a child process never keeps a
/// load connection, or its epoll registration, alive).
static inline int gauntlet_open_socket(const struct curl_sockaddr *_Nonnull address) {
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

/// The calling thread's timer slack in nanoseconds (`PR_GET_TIMERSLACK`).
static inline long gauntlet_timer_slack(void) { return prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0); }

/// Sets the calling thread's timer slack (`PR_SET_TIMERSLACK`); Linux's default of 50 µs would
/// otherwise delay every precise wake-up by up to that much.
static inline int gauntlet_set_timer_slack(unsigned long ns) { return prctl(PR_SET_TIMERSLACK, ns, 0, 0, 0); }

/// A non-blocking, close-on-exec `CLOCK_MONOTONIC` timerfd.
static inline int gauntlet_timerfd_create(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC); }

/// Arms a timerfd once, `ns` from now (0 disarms).
static inline int gauntlet_timerfd_arm(int fd, long long ns) {
    struct itimerspec spec = {0};
    spec.it_value.tv_sec = ns / 1000000000LL;
    spec.it_value.tv_nsec = ns % 1000000000LL;
    return timerfd_settime(fd, 0, &spec, NULL);
}
#endif

#endif
