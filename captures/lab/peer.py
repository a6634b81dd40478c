#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Small TCP traffic peers for the tcpreuse real-stack lab.

server: accepts connections; each client starts with a 16-byte command that
        says how the server ends the connection:
  close       answer "ok", then close first (server FIN first -> server TIME_WAIT)
  wait        answer "ok", wait for the client's FIN, then close (client TIME_WAIT)
  hold        answer "ok", then keep the connection open until the peer ends it
  srv-linger0 answer "ok", then close with SO_LINGER 0 (server RST, abort)
  srv-unread  do not read the extra bytes the client sent, close (RST: unread data)
client: opens connections one after another and logs one line per attempt:
  --cmd none: send nothing and wait for the server's FIN (server --accept-close)
  n=<i> lport=<local port> outcome=<ok|timeout|refused|reset|error:...> ms=<elapsed>
  --forget: after the exchange, abort with SO_LINGER 0 (the lab drops that RST,
  so the server never learns) and exit.
  --ecn-off-retry: a refused connect() is tried once more at once with ECN off
  (RFC 3168 6.1.1.1: the host's net.ipv4.tcp_ecn, of this network namespace, is
  set to 0 for that connect() and put back after it); the retry's line ends
  with " retry=ecn-off".
tsclock: for each --sport, start a connect from that source port (the lab drops
        the SYN in this host's own OUTPUT chain, so nothing reaches the wire),
        read the socket's TCP_TIMESTAMP (the TSval clock of that 4-tuple,
        per-4-tuple offset included) and abort. Prints one line per port:
  sport=<port> tsval=<u32 ms> mono_ms=<CLOCK_MONOTONIC ms> off=<(tsval - mono_ms) mod 2^32>
  The offset is constant per 4-tuple (the TS clock is CLOCK_MONOTONIC in ms
  plus the offset), so offsets from different hosts compare directly.
"""
import argparse
import errno
import os
import socket
import struct
import sys
import threading
import time

CMD_LEN = 16


def pad(cmd):
    raw = cmd.encode()
    if len(raw) > CMD_LEN:
        raise ValueError("command too long")
    return raw + b" " * (CMD_LEN - len(raw))


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            break
        buf += part
    return buf


def linger0(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def serve_one(conn, accept_close=False):
    if accept_close:
        conn.close()  # FIN right after the handshake: the server closes first
        return
    try:
        cmd = recv_exact(conn, CMD_LEN).decode(errors="replace").strip()
        if cmd == "srv-unread":
            time.sleep(0.05)  # let the extra bytes arrive, leave them unread
            conn.close()      # unread data -> RST (tcp_close: TCP_ABORT_ON_CLOSE)
            return
        conn.sendall(b"ok\n" + (b"y" * 64 if cmd == "cli-unread" else b""))
        if cmd == "close":
            conn.close()
        elif cmd == "srv-linger0":
            linger0(conn)
            conn.close()
        else:  # wait, hold and anything else: read until the peer ends it
            try:
                while conn.recv(4096):
                    pass
            except OSError:
                pass
            conn.close()
    except OSError:
        conn.close()


def run_server(args):
    fam = socket.AF_INET6 if ":" in args.addr else socket.AF_INET
    lsock = socket.socket(fam, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((args.addr, args.port))
    lsock.listen(1024)
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("ready\n")
    while True:
        conn, _ = lsock.accept()
        if args.accept_close:
            serve_one(conn, True)
        else:
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()


def one_attempt(args, fam):
    sock = socket.socket(fam, socket.SOCK_STREAM)
    lport = 0
    try:
        if args.bind_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", args.bind_port))
        sock.settimeout(args.timeout)
        try:
            sock.connect((args.addr, args.port))
        except socket.timeout:
            return "timeout", lport
        except ConnectionRefusedError:
            return "refused", lport
        except ConnectionResetError:
            return "reset", lport
        except OSError as e:
            return "error:" + (errno.errorcode.get(e.errno, str(e.errno))), lport
        lport = sock.getsockname()[1]
        try:
            if args.cmd == "none":  # send nothing; the server closes at once
                while sock.recv(4096):
                    pass
                return "ok", lport
            sock.sendall(pad(args.cmd))
            if args.cmd == "srv-unread":
                sock.sendall(b"x" * 64)
            answer = recv_exact(sock, 3)  # leaves the server's extra bytes unread
            if answer != b"ok\n":
                return "reset", lport
            if args.forget:
                linger0(sock)  # the lab drops this RST: the server keeps the connection
                return "ok", lport
            if args.cmd == "close":
                while sock.recv(4096):  # the server closes first
                    pass
            elif args.cmd == "cli-linger0":
                linger0(sock)
            elif args.cmd == "cli-unread":
                time.sleep(0.05)  # let the extra bytes arrive; close() then resets
            return "ok", lport
        except socket.timeout:
            return "timeout", lport
        except ConnectionResetError:
            return "reset", lport
        except OSError as e:
            return "error:" + (errno.errorcode.get(e.errno, str(e.errno))), lport
    finally:
        sock.close()


TCP_ECN = "/proc/sys/net/ipv4/tcp_ecn"  # per network namespace


def ecn_off_attempt(args, fam):
    """One connect() with this namespace's net.ipv4.tcp_ecn at 0, then put back."""
    with open(TCP_ECN) as f:
        old = f.read().strip()
    with open(TCP_ECN, "w") as f:
        f.write("0\n")
    try:
        return one_attempt(args, fam)
    finally:
        with open(TCP_ECN, "w") as f:
            f.write(old + "\n")


def run_client(args):
    fam = socket.AF_INET6 if ":" in args.addr else socket.AF_INET
    if args.start_delay:
        time.sleep(args.start_delay)
    out = open(args.log, "a") if args.log else sys.stdout
    for i in range(args.count):
        t0 = time.monotonic()
        outcome, lport = one_attempt(args, fam)
        ms = int((time.monotonic() - t0) * 1000)
        out.write("host=%s n=%d lport=%d cmd=%s outcome=%s ms=%d\n"
                  % (args.name, i, lport, args.cmd, outcome, ms))
        out.flush()
        if outcome == "refused" and args.ecn_off_retry:
            t0 = time.monotonic()
            outcome, lport = ecn_off_attempt(args, fam)
            ms = int((time.monotonic() - t0) * 1000)
            out.write("host=%s n=%d lport=%d cmd=%s outcome=%s ms=%d retry=ecn-off\n"
                      % (args.name, i, lport, args.cmd, outcome, ms))
            out.flush()
        if args.interval and i + 1 < args.count:
            time.sleep(args.interval)
    return 0


TCP_TIMESTAMP = 24  # linux/tcp.h


def run_tsclock(args):
    fam = socket.AF_INET6 if ":" in args.addr else socket.AF_INET
    for sport in args.sport:
        sock = socket.socket(fam, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", sport))
            sock.setblocking(False)
            err = sock.connect_ex((args.addr, args.port))
            if err not in (0, errno.EINPROGRESS):
                raise OSError(err, os.strerror(err))
            tsval = sock.getsockopt(socket.IPPROTO_TCP, TCP_TIMESTAMP) & 0xFFFFFFFF
            mono = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000000
            print("sport=%d tsval=%d mono_ms=%d off=%d"
                  % (sport, tsval, mono, (tsval - mono) & 0xFFFFFFFF), flush=True)
        finally:
            sock.close()  # SYN_SENT: closes without a segment (and without an abort counter)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="role", required=True)
    s = sub.add_parser("server")
    s.add_argument("--addr", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--ready", help="file written once listening")
    s.add_argument("--accept-close", action="store_true",
                   help="close every connection right after accept (no command)")
    c = sub.add_parser("client")
    c.add_argument("--addr", required=True)
    c.add_argument("--port", type=int, required=True)
    c.add_argument("--cmd", default="close",
                   help="close, wait, hold, srv-linger0, srv-unread, cli-linger0, cli-unread")
    c.add_argument("--count", type=int, default=1)
    c.add_argument("--interval", type=float, default=0.0)
    c.add_argument("--start-delay", type=float, default=0.0)
    c.add_argument("--bind-port", type=int, default=0)
    c.add_argument("--timeout", type=float, default=6.0)
    c.add_argument("--forget", action="store_true")
    c.add_argument("--ecn-off-retry", action="store_true",
                   help="retry a refused connect() once with net.ipv4.tcp_ecn=0")
    c.add_argument("--name", default=os.uname().nodename)
    c.add_argument("--log")
    t = sub.add_parser("tsclock")
    t.add_argument("--addr", required=True)
    t.add_argument("--port", type=int, required=True)
    t.add_argument("--sport", type=int, action="append", required=True)
    args = p.parse_args()
    if args.role == "tsclock":
        sys.exit(run_tsclock(args))
    if args.role == "server":
        run_server(args)
    else:
        sys.exit(run_client(args))


if __name__ == "__main__":
    main()
