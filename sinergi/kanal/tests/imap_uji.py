"""A minimal IMAP4rev1 server for tests (no IMAP test server package is available offline):
just CAPABILITY, LOGIN, SELECT, SEARCH UNSEEN, FETCH (RFC822), STORE +FLAGS \\Seen, LOGOUT,
over a mailbox held in memory. Enough for `imaplib` to talk to it as to a real server."""

from __future__ import annotations

import re
import socketserver
import threading


class Kotak:
    def __init__(self, user: str, password: str, pesan: list[bytes]):
        self.user, self.password = user, password
        self.pesan = list(pesan)
        self.dibaca: set[int] = set()
        self.perintah: list[str] = []


class _Handler(socketserver.StreamRequestHandler):
    def tulis(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def handle(self) -> None:
        kotak: Kotak = self.server.kotak
        masuk = False
        self.tulis(b"* OK IMAP4rev1 test server ready\r\n")
        while True:
            baris = self.rfile.readline()
            if not baris:
                return
            tag, _sep, sisa = baris.decode().strip().partition(" ")
            cmd, _sep, arg = sisa.partition(" ")
            cmd = cmd.upper()
            kotak.perintah.append(cmd)
            if cmd == "CAPABILITY":
                self.tulis(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
                self.tulis(f"{tag} OK CAPABILITY completed\r\n".encode())
            elif cmd == "LOGIN":
                user, password = [p.strip('"') for p in arg.split(" ", 1)]
                if (user, password) == (kotak.user, kotak.password):
                    masuk = True
                    self.tulis(f"{tag} OK LOGIN completed\r\n".encode())
                else:
                    self.tulis(f"{tag} NO LOGIN failed\r\n".encode())
            elif cmd == "LOGOUT":
                self.tulis(b"* BYE logging out\r\n")
                self.tulis(f"{tag} OK LOGOUT completed\r\n".encode())
                return
            elif not masuk:
                self.tulis(f"{tag} BAD not authenticated\r\n".encode())
            elif cmd == "SELECT":
                self.tulis(f"* {len(kotak.pesan)} EXISTS\r\n* 0 RECENT\r\n".encode())
                self.tulis(f"{tag} OK [READ-WRITE] SELECT completed\r\n".encode())
            elif cmd == "SEARCH":
                nomor = [str(i) for i in range(1, len(kotak.pesan) + 1) if i not in kotak.dibaca]
                self.tulis(f"* SEARCH {' '.join(nomor)}\r\n".encode().replace(b" \r\n", b"\r\n"))
                self.tulis(f"{tag} OK SEARCH completed\r\n".encode())
            elif cmd == "FETCH":
                i = int(arg.split(" ", 1)[0])
                raw = kotak.pesan[i - 1]
                self.tulis(f"* {i} FETCH (RFC822 {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
                self.tulis(f"{tag} OK FETCH completed\r\n".encode())
            elif cmd == "STORE":
                i = int(arg.split(" ", 1)[0])
                if re.search(r"\\Seen", arg, re.I):
                    kotak.dibaca.add(i)
                self.tulis(f"* {i} FETCH (FLAGS (\\Seen))\r\n".encode())
                self.tulis(f"{tag} OK STORE completed\r\n".encode())
            else:
                self.tulis(f"{tag} BAD unknown command\r\n".encode())


class ServerImap(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, kotak: Kotak):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.kotak = kotak
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    @property
    def url(self) -> str:
        return f"imap://{self.kotak.user}:{self.kotak.password}@127.0.0.1:{self.server_address[1]}"
