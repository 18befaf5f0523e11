"""Run the benchmarks in bench/ and write their results into docs/benchmarks.md.

    make bench                      # every bench_*.py
    .venv/bin/python bench/run.py wilayah_load tahapan_api   # only these

Each `bench_<name>.py` defines `TITLE` and `run() -> str` (a Markdown section that states the
measurement and the baseline measured in the same run). Sections of benchmarks not run this time
keep their previous text.
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _util import machine_summary  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Measured with `make bench` (`bench/run.py`). Each section names the machine, the date and a
baseline measured in the same run, so that numbers from different machines are not compared
blindly. Timing is never asserted in the test suite; it lives here.
"""


def main(argv: list[str]) -> int:
    names = argv or sorted(
        p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py")
    )
    text = DOC.read_text() if DOC.exists() else HEADER
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        print(f"== {name}: {module.TITLE}", flush=True)
        started = time.perf_counter()
        body = module.run()
        took = time.perf_counter() - started
        section = (
            f"<!-- bench:{name} -->\n## {module.TITLE}\n\n{machine_summary()}\n\n{body.strip()}\n\n"
            f"_Run took {took:.0f} s._\n<!-- /bench:{name} -->"
        )
        print(section, flush=True)
        pattern = re.compile(
            rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S
        )
        if pattern.search(text):
            text = pattern.sub(lambda _m, s=section: s, text)
        else:
            text = text.rstrip() + "\n\n" + section + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text)
    print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
