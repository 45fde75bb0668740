/*
 * curl-multi-loop: the baseline `gauntlet load` is compared against. A plain C load loop on the
 * libcurl multi interface, with no scheduling, templating or reporting beyond counting and a
 * sorted array of latencies.
 *
 *   curl-multi-loop URL [-c CONNECTIONS] [-d SECONDS] [-r RATE] [-n REQUESTS] [-s [-p]] [-H LINE]...
 *
 * Poll mode (default) drives the multi handle with curl_multi_perform and curl_multi_poll, the
 * simplest loop libcurl offers. Socket mode (-s) is the event-driven one `gauntlet load` uses:
 * libcurl says which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to call it back
 * (CURLMOPT_TIMERFUNCTION); the loop waits with epoll and hands each ready socket to
 * curl_multi_socket_action, so idle connections cost nothing per pass.
 *
 * Closed mode (default): CONNECTIONS easy handles are kept busy for SECONDS (or until REQUESTS
 * have completed, with -n); each one is re-added as soon as its transfer completes. Latency is
 * the service time. A fixed count of requests is for counting instructions per request
 * (valgrind --tool=callgrind), which does not depend on how fast the machine is.
 *
 * Open mode (-r RATE): arrivals are scheduled at t0 + i/RATE whatever the latency; an arrival
 * that finds all CONNECTIONS handles busy waits in a backlog. Latency is measured from the
 * intended start, so a server stall shows in p99 and max (no coordinated omission). After
 * SECONDS no new arrivals are scheduled and the transfers in flight are drained.
 *
 * Waits are whole milliseconds (epoll_wait's and curl_multi_poll's timeouts), truncated: in open
 * mode at more than 1,000 arrivals per second the next arrival is always less than a millisecond
 * away, so the loop never sleeps but polls with a zero timeout, spinning on its CPU until the
 * arrival is due. -p (socket mode) waits precisely instead: epoll_pwait2 with a nanosecond
 * timeout, asleep until the arrival or libcurl's timer is due, with the thread's timer slack
 * lowered from Linux's 50 us to 1 us, as `gauntlet load` waits. The two bound what a load
 * generator can do: the spinning loop starts each arrival the moment it is due, at the cost of a
 * whole CPU; the precise one pays the kernel's wake-up on each arrival.
 *
 * -H adds a header line to every request (libcurl's CURLOPT_HTTPHEADER, as gauntlet sends its own),
 * so that the loop can send the same bytes as `gauntlet load`: `-H "User-Agent: gauntlet/0.1"`.
 *
 * Prints key=value lines: mode, driver, waits, requests, errors, elapsed_s, rate, p50_ms, p99_ms, max_ms.
 *
 * Build: gcc -O2 -o curl-multi-loop curl-multi-loop.c -lcurl (epoll_pwait2: glibc 2.35, Linux 5.11)
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/prctl.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata) {
    (void)ptr;
    (void)userdata;
    return size * nmemb;
}

typedef struct {
    CURL *easy;
    double started; /* intended start (open) or actual send (closed) */
    int busy;
} Slot;

static double *latencies;
static size_t latency_count, latency_capacity;

static void record(double seconds) {
    if (latency_count == latency_capacity) {
        latency_capacity = latency_capacity ? latency_capacity * 2 : 1 << 16;
        latencies = realloc(latencies, latency_capacity * sizeof(double));
        if (!latencies) { perror("realloc"); exit(2); }
    }
    latencies[latency_count++] = seconds;
}

/* Socket mode: the epoll set libcurl's socket callback keeps, and libcurl's next timeout. */
static int epoll_fd = -1;
static double curl_timer = -1; /* absolute time, or -1 for none */

static int socket_callback(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp) {
    (void)easy;
    (void)userp;
    struct epoll_event event = {0};
    event.data.fd = fd;
    if (what == CURL_POLL_REMOVE) {
        if (socketp) epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, NULL);
        curl_multi_assign((CURLM *)userp, fd, NULL);
        return 0;
    }
    if (what & CURL_POLL_IN) event.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) event.events |= EPOLLOUT;
    if (socketp) {
        epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &event);
    } else {
        epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
        curl_multi_assign((CURLM *)userp, fd, (void *)1);
    }
    return 0;
}

static int timer_callback(CURLM *multi, long timeout_ms, void *userp) {
    (void)multi;
    (void)userp;
    curl_timer = timeout_ms < 0 ? -1 : now_s() + (double)timeout_ms / 1000.0;
    return 0;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(double p) {
    if (latency_count == 0) return 0;
    size_t index = (size_t)(p / 100.0 * (double)latency_count + 0.5);
    if (index == 0) index = 1;
    if (index > latency_count) index = latency_count;
    return latencies[index - 1];
}

int main(int argc, char **argv) {
    const char *url = NULL;
    int connections = 50;
    double seconds = 10, rate = 0;
    int socket_mode = 0;
    int precise = 0; /* socket mode: nanosecond waits with epoll_pwait2 */
    long limit = 0; /* closed mode: stop after this many requests (0: no limit) */
    struct curl_slist *headers = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc) connections = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-d") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "-r") && i + 1 < argc) rate = atof(argv[++i]);
        else if (!strcmp(argv[i], "-s")) socket_mode = 1;
        else if (!strcmp(argv[i], "-p")) precise = 1;
        else if (!strcmp(argv[i], "-n") && i + 1 < argc) limit = atol(argv[++i]);
        else if (!strcmp(argv[i], "-H") && i + 1 < argc) headers = curl_slist_append(headers, argv[++i]);
        else url = argv[i];
    }
    if (!url || connections < 1 || seconds <= 0 || (precise && !socket_mode)) {
        fprintf(stderr, "usage: %s URL [-c CONNECTIONS] [-d SECONDS] [-r RATE] [-n REQUESTS] [-s [-p]] [-H LINE]...\n", argv[0]);
        return 64;
    }
    int open_mode = rate > 0;
    if (precise) prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0); /* wake within 1 us of the timeout */

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)connections);
    if (socket_mode) {
        epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_callback);
        curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, (void *)multi);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_callback);
    }
    struct epoll_event events[256];
    Slot *slots = calloc((size_t)connections, sizeof(Slot));
    int *free_slots = malloc((size_t)connections * sizeof(int));
    int free_count = 0;
    for (int i = 0; i < connections; i++) {
        CURL *easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(easy, CURLOPT_PRIVATE, (void *)&slots[i]);
        if (headers) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        slots[i].easy = easy;
        free_slots[free_count++] = i;
    }

    long requests = 0, errors = 0;
    double t0 = now_s(), end = t0 + seconds;
    long scheduled = 0; /* open mode: arrivals whose intended start has passed */
    long started = 0;   /* open mode: arrivals given a handle */
    int in_flight = 0;

    if (!open_mode) {
        for (int i = 0; i < connections; i++) {
            Slot *slot = &slots[free_slots[--free_count]];
            slot->started = now_s();
            slot->busy = 1;
            curl_multi_add_handle(multi, slot->easy);
            in_flight++;
        }
    }

    for (;;) {
        double now = now_s();
        if (open_mode) {
            if (now < end) {
                long due = (long)((now - t0) * rate) + 1;
                if (due > scheduled) scheduled = due;
            }
            /* start every due arrival a handle is free for, timed from its intended start */
            while (started < scheduled && free_count > 0) {
                Slot *slot = &slots[free_slots[--free_count]];
                slot->started = t0 + (double)started / rate;
                slot->busy = 1;
                curl_multi_add_handle(multi, slot->easy);
                in_flight++;
                started++;
            }
            if (now >= end && in_flight == 0 && started == scheduled) break;
        } else if (now >= end || (limit && requests >= limit && in_flight == 0)) {
            break;
        }

        int running = 0;
        if (!socket_mode) curl_multi_perform(multi, &running);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left))) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL *easy = msg->easy_handle;
            Slot *slot;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&slot);
            double done = now_s();
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            requests++;
            if (msg->data.result != CURLE_OK || status >= 400) errors++;
            record(done - slot->started);
            curl_multi_remove_handle(multi, easy);
            in_flight--;
            if (!open_mode && done < end && (!limit || requests + in_flight < limit)) {
                slot->started = now_s();
                curl_multi_add_handle(multi, easy);
                in_flight++;
            } else {
                slot->busy = 0;
                free_slots[free_count++] = (int)(slot - slots);
            }
        }

        /* How long to wait, in seconds: until the next arrival (open), the end (closed), at most 0.1 s. */
        double wait = 0.1;
        if (open_mode && now_s() < end) {
            double next = t0 + (double)scheduled / rate;
            wait = next - now_s();
            if (started < scheduled && free_count > 0) wait = 0;
        } else if (!open_mode) {
            double left = end - now_s();
            if (left < wait) wait = left;
        }
        if (wait < 0) wait = 0;
        if (!socket_mode) {
            curl_multi_poll(multi, NULL, 0, (int)(wait * 1000), NULL);
            continue;
        }
        if (curl_timer >= 0) {
            double timer_wait = curl_timer - now_s();
            if (timer_wait < wait) wait = timer_wait < 0 ? 0 : timer_wait;
        }
        int ready;
        if (precise) {
            struct timespec timeout = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
            ready = epoll_pwait2(epoll_fd, events, 256, &timeout, NULL);
        } else {
            ready = epoll_wait(epoll_fd, events, 256, (int)(wait * 1000));
        }
        for (int i = 0; i < ready; i++) {
            int mask = 0;
            if (events[i].events & EPOLLIN) mask |= CURL_CSELECT_IN;
            if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) mask |= CURL_CSELECT_ERR;
            curl_multi_socket_action(multi, events[i].data.fd, mask, &running);
        }
        if (curl_timer >= 0 && now_s() >= curl_timer) {
            curl_timer = -1;
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        }
    }
    double elapsed = now_s() - t0;

    qsort(latencies, latency_count, sizeof(double), compare);
    printf("mode=%s\n", open_mode ? "open" : "closed");
    printf("driver=%s\n", socket_mode ? "socket" : "poll");
    printf("waits=%s\n", precise ? "ns" : "ms");
    printf("requests=%ld\n", requests);
    printf("errors=%ld\n", errors);
    printf("elapsed_s=%.3f\n", elapsed);
    printf("rate=%.1f\n", (double)requests / (open_mode ? seconds : elapsed));
    printf("p50_ms=%.3f\n", percentile(50) * 1000);
    printf("p99_ms=%.3f\n", percentile(99) * 1000);
    printf("max_ms=%.3f\n", latency_count ? latencies[latency_count - 1] * 1000 : 0.0);

    for (int i = 0; i < connections; i++) {
        if (slots[i].busy) curl_multi_remove_handle(multi, slots[i].easy);
        curl_easy_cleanup(slots[i].easy);
    }
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
    curl_global_cleanup();
    if (epoll_fd >= 0) close(epoll_fd);
    free(slots);
    free(free_slots);
    free(latencies);
    return 0;
}
