#!/usr/bin/env python3
"""One guest connection to the test's nginx on the host's loopback.

QEMU's user-mode network runs this for each TCP connection the guest opens to
the forwarded address (guestfwd=...-cmd:), with the connection on stdin and
stdout; the guest reaches nothing else (restrict=on).
  relay.py PORT
"""
import os
import select
import socket
import sys

s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.settimeout(None)


def out(d):
    while d:
        d = d[os.write(1, d):]


while True:
    ready, _, _ = select.select([0, s], [], [], 300)
    if not ready:
        break
    if 0 in ready:
        d = os.read(0, 65536)
        if not d:
            s.shutdown(socket.SHUT_WR)
            break
        s.sendall(d)
    if s in ready:
        d = s.recv(65536)
        if not d:
            break
        out(d)
# the rest of the answer after the guest stopped sending
s.settimeout(60)
while True:
    try:
        d = s.recv(65536)
    except OSError:
        break
    if not d:
        break
    out(d)
