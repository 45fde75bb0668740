#!/usr/bin/env python3
"""A test server that stalls: it answers every GET with a ~300-byte JSON, except that during
the first second of every 5-second window (counted from its start) it holds each request until
the window's stall ends, as a server paused by a GC or a lock would.

    stall-server.py PORT_FILE [STALL_SECONDS] [PERIOD_SECONDS]

Binds 127.0.0.1 port 0, writes the port to PORT_FILE, and serves until killed.
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = (b'{"eventId":"bench-0001","title":"Benchmark event","description":"A static document of '
        b'about three hundred bytes, served to measure the load generator rather than the server.",'
        b'"date":"2030-01-15","location":"Hall A","capacity":100,"organizer":"Gauntlet",'
        b'"status":"active","padding":"xxxxxxxxxxxxxx"}\n')
START = time.monotonic()
STALL = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
PERIOD = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        phase = (time.monotonic() - START) % PERIOD
        if phase < STALL:
            time.sleep(STALL - phase)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):
        pass  # clients closing their connections at the end of a run


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
