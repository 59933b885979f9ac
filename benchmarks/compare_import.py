"""What ``import clientbook`` costs, beside ``import attrs, cattrs`` in the same run.

    .venv/bin/python -m benchmarks.compare_import [--runs 15]

Each run starts a new interpreter with ``python -X importtime`` for each statement, one after
the other (so that both see the same load on the machine), and adds up the cumulative times of
the modules the statement imports at its top level. The best run of each counts; the ratio is
clientbook's over its peer's. clientbook needs attrs (its records are attrs classes) and its
users' programs cattrs (``clientbook.serialization``): the target (issue 8) is at most 1.5 times
``import attrs, cattrs``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Sequence

RUNS = 15
TARGET = 1.5
# A top-level line of -X importtime: "import time: self | cumulative | name", no indent.
_TOP = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\S+)$", re.M)


def import_microseconds(statement: str) -> int:
    """Return the cumulative import time of *statement* in a new interpreter, in µs."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = {name.strip() for name in statement.removeprefix("import ").split(",")}
    found = {name: int(cumulative) for cumulative, name in _TOP.findall(result.stderr)}
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"no import time for {sorted(missing)} in:\n{result.stderr}")
    return sum(found[name] for name in wanted)


def main(argv: Sequence[str] | None = None) -> int:
    """Print both times and their ratio; return 1 when the ratio misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs; the best one counts")
    options = parser.parse_args(argv)
    statements = ("import clientbook", "import attrs, cattrs")
    best = dict.fromkeys(statements, sys.maxsize)
    for _ in range(options.runs):
        for statement in statements:
            best[statement] = min(best[statement], import_microseconds(statement))
    ours, peer = (best[statement] / 1000 for statement in statements)
    print(f"python -X importtime, best of {options.runs} runs, alternating")
    print(f"  import clientbook       {ours:6.1f} ms")
    print(f"  import attrs, cattrs    {peer:6.1f} ms")
    ratio = ours / peer
    print(f"  ratio {ratio:.2f} (target: at most {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
