#!/usr/bin/env python3
"""Talk to the guest QEMU started by run.sh, through the sockets in its folder.

  vm.py DIR wait-shell TIMEOUT        until the serial console's root shell answers
  vm.py DIR sh TIMEOUT 'command'      run a command there; its output, its exit status
  vm.py DIR shot OUT.ppm              the screen, as QEMU's display sees it (QMP screendump)
  vm.py DIR touch X Y W H             a finger down and up at pixel X,Y of a WxH screen
                                      (virtio-multitouch-pci: SDL sees finger events)
  vm.py DIR qmp COMMAND               any QMP command without arguments (system_reset, quit)

Every call gives up after its timeout (QMP calls after 30 s) with exit status 124.
"""
import json
import os
import random
import re
import socket
import sys
import time


def connect(path, timeout):
    deadline = time.time() + timeout
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.time() > deadline:
                sys.exit("vm.py: cannot connect to %s" % path)
            time.sleep(0.2)


def read_until(s, pat, deadline):
    buf = b""
    s.settimeout(0.5)
    while time.time() < deadline:
        try:
            d = s.recv(65536)
            if not d:
                break
            buf += d
        except socket.timeout:
            pass
        m = re.search(pat, buf)
        if m:
            return buf, m
    return buf, None


def marker(name):
    """A marker and how to print it: the echoed command line never equals the
    printed marker, because the shell expands $((0)) to 0."""
    tag = "%s%d" % (name, random.randint(1 << 20, 1 << 30))
    return tag, "%s$((0))" % tag, (tag + "0").encode()


def wait_shell(d, timeout):
    deadline = time.time() + timeout
    s = connect(os.path.join(d, "serial.sock"), timeout)
    _, say, seen = marker("up")
    while time.time() < deadline:
        s.sendall(("\recho %s\r" % say).encode())
        _, m = read_until(s, re.escape(seen), min(deadline, time.time() + 5))
        if m:
            return 0
    return 124


def run_sh(d, timeout, cmd):
    deadline = time.time() + timeout
    s = connect(os.path.join(d, "serial.sock"), 10)
    _, b_say, b_seen = marker("B")
    _, e_say, e_seen = marker("E")
    # stty: no echo of what follows, long lines unbroken. The command reads
    # /dev/null, not the console: the shell has read all of it before it runs,
    # so nothing a program reads can swallow the end marker.
    s.sendall(("stty -echo cols 500; echo %s; {\r%s\r} </dev/null; echo %s:$?:\r"
               % (b_say, cmd, e_say)).encode())
    buf, m = read_until(s, re.escape(e_seen) + rb":(\d+):", deadline)
    if not m:
        sys.stdout.write(buf.decode(errors="replace"))
        print("vm.py: no answer after %ss" % timeout, file=sys.stderr)
        return 124
    body = buf[:m.start()]
    b = body.find(b_seen)
    body = body[b + len(b_seen):] if b >= 0 else body
    sys.stdout.write(body.decode(errors="replace").replace("\r", "").lstrip("\n"))
    return int(m.group(1))


class Qmp:
    def __init__(self, d):
        self.s = connect(os.path.join(d, "qmp.sock"), 10)
        self.s.settimeout(30)
        self.f = self.s.makefile("rwb", buffering=0)
        json.loads(self.f.readline())
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.f.write((json.dumps(msg) + "\n").encode())
        while True:
            line = self.f.readline()
            if not line:
                return None  # QEMU quit
            r = json.loads(line)
            if "event" in r:
                continue
            if "error" in r:
                sys.exit("vm.py: QMP %s: %s" % (name, r["error"]))
            return r.get("return")

    def events(self, evs):
        self.cmd("input-send-event", events=evs)


def touch(q, x, y, w, h):
    """One finger down, held 150 ms, up: multitouch slot 0 in 0..32767."""
    ax = x * 32767 // max(w - 1, 1)
    ay = y * 32767 // max(h - 1, 1)

    def mtt(kind, axis="x", value=0, tid=1):
        return {"type": "mtt", "data": {"type": kind, "slot": 0, "tracking-id": tid,
                                        "axis": axis, "value": value}}
    q.events([mtt("begin"), mtt("data", "x", ax), mtt("data", "y", ay),
              {"type": "btn", "data": {"down": True, "button": "touch"}}])
    time.sleep(0.15)
    q.events([mtt("end", tid=-1), {"type": "btn", "data": {"down": False, "button": "touch"}}])


def main(argv):
    d, op, args = argv[1], argv[2], argv[3:]
    if op == "wait-shell":
        return wait_shell(d, float(args[0]))
    if op == "sh":
        return run_sh(d, float(args[0]), args[1])
    q = Qmp(d)
    if op == "shot":
        q.cmd("screendump", filename=os.path.abspath(args[0]))
    elif op == "touch":
        touch(q, *map(int, args[:4]))
    elif op == "qmp":
        q.cmd(args[0])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
