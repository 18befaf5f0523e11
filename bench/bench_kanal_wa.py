"""Channel intake: signed WhatsApp Cloud API webhooks (`POST /kanal/whatsapp/webhook`) on
PostgreSQL, with `/healthz` as the baseline in the same run.

A fresh PostgreSQL database is set up like `sinergi up --no-serve --demo`, and one demo office
owns the WhatsApp number of the payloads. The benchmark prepares Meta-shaped text-message
webhooks (the recorded sample of `sinergi/kanal/tests/data/wa_teks.json`, one message each, a
new message id per body, every 20th body a replay of an earlier one) and signs each body with
the app secret (`X-Hub-Signature-256`); `wrk` (`bench/wrk/kanal_wa.lua`) sends them in order
against the production server of `sinergi up` (Granian). Every webhook is verified (HMAC),
parsed, routed to the office's inbox and stored with its audit row. Afterwards the inbox must
hold exactly one message per distinct message id that was sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from _util import ROOT, baca_wrk, cpu_seconds, manage, pids_matching, server

TITLE = "Channel intake (kanal: signed WhatsApp webhooks, POST /kanal/whatsapp/webhook)"
PG_DB = "sinergi_bench_kanal"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
DURATION = int(os.environ.get("BENCH_KANAL_DETIK", "30"))
CONNECTIONS = int(os.environ.get("BENCH_KANAL_KONEKSI", "32"))
WORKERS = int(os.environ.get("SINERGI_WORKERS", "2"))
THREADS = int(os.environ.get("SINERGI_THREADS", "4"))
BODIES = int(os.environ.get("BENCH_KANAL_PESAN", "60000"))
SCRIPT = ROOT / "bench" / "wrk" / "kanal_wa.lua"
SECRET = "bench-app-secret"  # noqa: S105 - a throwaway benchmark database
NOMOR_ID = "106540352242922"
SAMPLE = ROOT / "sinergi" / "kanal" / "tests" / "data" / "wa_teks.json"


def _psql(sql: str, db: str = "postgres") -> str:
    from bench_kejadian_intake import _psql as psql

    return psql(sql, db)


def _wrk(base: str, path: str, *, env: dict, script: bool) -> tuple[dict, str]:
    import resource
    import subprocess

    argv = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "--timeout", "5s"]
    if script:
        argv += ["-s", str(SCRIPT)]
    port = base.rsplit(":", 1)[1]
    pids = pids_matching("granian", f"--port {port}")
    s0 = cpu_seconds(pids, reaped_children=True)
    w0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [*argv, base + path], check=True, capture_output=True, text=True, env={**os.environ, **env}
    ).stdout
    w1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    s1 = cpu_seconds(pids, reaped_children=True)
    h = baca_wrk(out)
    n = max(h["total"], 1)
    h["cpu_ms_server"] = round(1000 * (s1 - s0) / n, 3)
    wrk_cpu = (w1.ru_utime + w1.ru_stime) - (w0.ru_utime + w0.ru_stime)
    h["cpu_ms_wrk"] = round(1000 * wrk_cpu / n, 3)
    return h, out


def _siapkan(path: Path) -> list[str]:
    """Write the signed bodies; returns the message id of each line (in order)."""
    contoh = json.loads(SAMPLE.read_text())
    ids = []
    with path.open("w") as fh:
        for i in range(BODIES):
            n = i - 10 if i % 20 == 19 else i  # every 20th body replays an earlier message
            data = json.loads(json.dumps(contoh))
            m = data["entry"][0]["changes"][0]["value"]["messages"][0]
            m["id"] = f"wamid.bench-{n}"
            m["from"] = f"62812{n % 100000:07d}"
            m["text"]["body"] = f"Laporan uji beban {n}: pembagian amplop di dekat TPS {n % 30}"
            body = json.dumps(data, separators=(",", ":"))
            sig = "sha256=" + hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
            fh.write(f"{sig} {body}\n")
            ids.append(m["id"])
    return ids


def _baris(nama: str, h: dict) -> str:
    ms = " | ".join(f"{h[p]:.1f} ms" for p in ("p50", "p90", "p99"))
    return (
        f"| {nama} | {h['rps']:,.0f} | {ms} | {h['non2xx']} | {h['cpu_ms_server']:.2f} ms "
        f"| {h['cpu_ms_wrk']:.2f} ms |"
    )


def run() -> str:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    _psql(f"DROP DATABASE IF EXISTS {PG_DB}")
    _psql(f"CREATE DATABASE {PG_DB}")
    with tempfile.TemporaryDirectory(prefix="sinergi-bench-") as tmp:
        env = {
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": PG_URL,
            "SINERGI_VAR_DIR": tmp,
            "SINERGI_MODE": "production",
            "SINERGI_SECRET_KEY": "bench-" + "x" * 50,
            "SINERGI_ALLOWED_HOSTS": "127.0.0.1",
            "SINERGI_SECURE_SSL_REDIRECT": "false",
            "SINERGI_WA_ENABLED": "true",
            "SINERGI_WA_APP_SECRET": SECRET,
            "SINERGI_WA_VERIFY_TOKEN": "bench",
        }
        manage("up", "--no-serve", "--demo", env=env)
        manage(
            "shell",
            "-c",
            "from sinergi.kanal.models import Saluran\n"
            "from sinergi.pemangku.models import Lembaga\n"
            "lem = Lembaga.objects.filter(wilayah_id='35.19').order_by('pk').first() "
            "or Lembaga.objects.order_by('pk').first()\n"
            f"Saluran.objects.get_or_create(jenis='whatsapp', alamat={NOMOR_ID!r}, "
            "defaults={'lembaga': lem})",
            env=env,
        )
        berkas = Path(tmp) / "wa.txt"
        ids = _siapkan(berkas)
        wrk_env = {"SINERGI_WA_BERKAS": str(berkas)}
        with server(env, workers=WORKERS, threads=THREADS) as base:
            dasar, _ = _wrk(base, "/healthz", env=wrk_env, script=False)
            beban, out = _wrk(base, "/kanal/whatsapp/webhook", env=wrk_env, script=True)
            time.sleep(2)
        dikirim = sum(int(x) for x in re.findall(r"^THREAD (\d+)", out, re.M))
        unik = len(set(ids[: min(dikirim, len(ids))]))
        baris = _psql(
            "SELECT count(*), count(DISTINCT id_eksternal) FROM kanal_pesanmasuk "
            "WHERE id_eksternal LIKE 'wamid.bench-%'",
            PG_DB,
        )
        jumlah, beda = (int(x) for x in baris.split("|"))
        audit = int(
            _psql(
                "SELECT count(*) FROM core_auditentry WHERE object_type = 'kanal.pesanmasuk' "
                "AND action = 'create' AND object_id IN (SELECT id::text FROM kanal_pesanmasuk "
                "WHERE id_eksternal LIKE 'wamid.bench-%')",
                PG_DB,
            )
        )
    _psql(f"DROP DATABASE IF EXISTS {PG_DB}")
    hasil = {
        "dasar": dasar,
        "beban": beban,
        "dikirim": dikirim,
        "unik": unik,
        "baris": jumlah,
        "audit": audit,
    }
    return f"""Server: `sinergi up`'s Granian ({WORKERS} processes x {THREADS} app threads, WSGI) on
PostgreSQL 15; load generator `wrk` (1 thread, {CONNECTIONS} connections, {DURATION} s) on the same
2-core machine (shared with other work). Each request is one Meta-shaped text-message webhook
signed with the app secret: HMAC check, parse, route to the office's inbox, one message row and
one audit row. Every 20th body replays an earlier message id (Meta's retries).

| endpoint | requests/s | p50 | p90 | p99 | non-2xx | CPU server | CPU wrk |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{_baris("`/healthz` (baseline, bare JSON view)", dasar)}
{_baris("`POST /kanal/whatsapp/webhook`", beban)}

Webhooks accepted: {beban["rps"]:,.0f} messages/s, {beban["rps"] / dasar["rps"]:.0%} of the
baseline's throughput. Integrity: {dikirim:,} webhooks sent carrying {unik:,} distinct message
ids; the inbox held {jumlah:,} messages ({beda:,} distinct ids, so {jumlah - beda} duplicates)
with {audit:,} audit rows for them. {unik - beda} message(s) were in flight when wrk stopped (a
request wrk had started but not finished). Where the time goes: each webhook is one Django
request through the full middleware stack (sessions, CSP, language, compression), an HMAC over
the body, a JSON parse, the endpoint owner (memoized 5 s), and one statement inserting the
message and its audit row (a CTE with `ON CONFLICT` on the message id); `/healthz` skips the
database entirely.

<details><summary>raw</summary>

```json
{json.dumps(hasil, indent=1)}
```
</details>
"""
