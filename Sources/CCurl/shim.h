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

static inline CURLcode gauntlet_easy_getinfo_long(CURL *_Nonnull h, CURLINFO i, long *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_off_t(CURL *_Nonnull h, CURLINFO i, curl_off_t *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_string(CURL *_Nonnull h, CURLINFO i, char *_Nullable *_Nonnull out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode gauntlet_easy_getinfo_pointer(CURL *_Nonnull h, CURLINFO i, void *_Nullable *_Nonnull out) { return curl_easy_getinfo(h, i, out); }

static inline CURLMcode gauntlet_multi_setopt_long(CURLM *_Nonnull m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode gauntlet_multi_setopt_pointer(CURLM *_Nonnull m, CURLMoption o, void *_Nullable v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode gauntlet_multi_setopt_socket_callback(CURLM *_Nonnull m, gauntlet_socket_callback _Nullable v) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, v); }
static inline CURLMcode gauntlet_multi_setopt_timer_callback(CURLM *_Nonnull m, gauntlet_timer_callback _Nullable v) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, v); }

/// `curl_global_init(CURL_GLOBAL_ALL)`: the flag is a macro expression Swift does not import.
static inline CURLcode gauntlet_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

/// `CURL_SOCKET_TIMEOUT` (== `CURL_SOCKET_BAD`) for `curl_multi_socket_action` on a timer expiry.
static inline curl_socket_t gauntlet_socket_timeout(void) { return CURL_SOCKET_TIMEOUT; }

/// The `CURLcode` of a finished transfer from a `CURLMSG_DONE` message (the union is awkward in Swift).
static inline CURLcode gauntlet_msg_result(const CURLMsg *_Nonnull msg) { return msg->data.result; }

#endif
