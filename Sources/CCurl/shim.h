#ifndef GAUNTLET_CCURL_SHIM_H
#define GAUNTLET_CCURL_SHIM_H

#include <curl/curl.h>

/// Swift cannot call C variadic functions, so each argument kind of `curl_easy_setopt`,
/// `curl_easy_getinfo` and `curl_multi_setopt` gets one typed, prefixed wrapper.

typedef size_t (*gauntlet_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);

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

#endif
