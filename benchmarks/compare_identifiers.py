"""Compare the throughput of clientbook's French identifier checks with python-stdnum's.

Run from the repository root::

    .venv/bin/python benchmarks/compare_identifiers.py

Each ``is_valid`` runs over the same 100,000 inputs per identifier (generated once from a fixed
seed: 80 % valid compact numbers, 10 % printed with spaces, 10 % mistyped), five times; the best
run gives the throughput. The table ends with the ratio clientbook / python-stdnum (target: at
least 5). ``python -X importtime`` then measures what ``import clientbook`` costs.
``benchmarks/bench_identifiers.py`` measures the same with pytest-benchmark.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from stdnum.eu import vat as stdnum_vat
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.fr import tva as stdnum_tva

from clientbook.identifiers import siren, siret, vat

SIZE = 100_000
SEED = 20260901  # 1 September 2026: French businesses must receive e-invoices
RUNS = 5
TARGET = 5.0

Check = Callable[[str], bool]

#: For each identifier, clientbook's check then the python-stdnum checks it is compared with.
IMPLEMENTATIONS: dict[str, list[tuple[str, Check]]] = {
    "siren": [("clientbook", siren.is_valid), ("stdnum.fr.siren", stdnum_siren.is_valid)],
    "siret": [("clientbook", siret.is_valid), ("stdnum.fr.siret", stdnum_siret.is_valid)],
    "vat": [
        ("clientbook", vat.is_valid),
        ("stdnum.fr.tva", stdnum_tva.is_valid),
        ("stdnum.eu.vat", stdnum_vat.is_valid),
    ],
}

# --- inputs -------------------------------------------------------------------------------

_KEY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _with_luhn(body: str) -> str:
    total = 0
    for place, char in enumerate(reversed(body)):
        value = int(char) * (1 if place % 2 else 2)  # doubled: the check digit comes after
        total += value - 9 if value > 9 else value
    return body + str(-total % 10)


def _letter_key(rng: random.Random, digits: str) -> str:
    keys = []
    for first_index, first in enumerate(_KEY_ALPHABET):
        for second_index, second in enumerate(_KEY_ALPHABET):
            if first.isdigit() and second.isdigit():
                continue
            if first.isdigit():
                check = first_index * 24 + second_index - 10
            else:
                check = first_index * 34 + second_index - 100
            if (int(digits) + 1 + check // 11) % 11 == check % 11:
                keys.append(first + second)
    return rng.choice(keys)


def _siren(rng: random.Random) -> str:
    return _with_luhn(str(rng.randrange(10_000_000, 100_000_000)))


def _siret(rng: random.Random) -> str:
    if rng.random() < 0.01:  # La Poste: the digits add up to a multiple of 5
        nic = f"{rng.randrange(10_000):04d}"
        last = -sum(map(int, "356000000" + nic)) % 5 + rng.choice((0, 5))
        return f"356000000{nic}{last}"
    return _with_luhn(_siren(rng) + f"{rng.randrange(1, 10_000):04d}")


def _vat(rng: random.Random) -> str:
    draw = rng.random()
    digits = f"000{rng.randrange(1, 1_000_000):06d}" if draw < 0.02 else _siren(rng)  # Monaco
    if draw > 0.95:
        return f"FR{_letter_key(rng, digits)}{digits}"
    return f"FR{(12 + 3 * (int(digits) % 97)) % 97:02d}{digits}"


def _mistyped(rng: random.Random, number: str) -> str:
    place = rng.randrange(len(number) - 1)
    while not number[place].isdigit():
        place = rng.randrange(len(number) - 1)
    mistake = rng.randrange(4)
    if mistake == 0:  # one digit changed
        return (
            number[:place]
            + str((int(number[place]) + rng.randrange(1, 10)) % 10)
            + number[place + 1 :]
        )
    if mistake == 1:  # two adjacent characters swapped
        return number[:place] + number[place + 1] + number[place] + number[place + 2 :]
    if mistake == 2:  # a digit missing
        return number[:place] + number[place + 1 :]
    return number[:place] + rng.choice("OIlSB") + number[place + 1 :]  # a letter for a digit


_VALID: dict[str, Callable[[random.Random], str]] = {"siren": _siren, "siret": _siret, "vat": _vat}
_PRINTED: dict[str, Callable[[str], str]] = {
    "siren": siren.format,
    "siret": siret.format,
    "vat": vat.format,
}


def make_inputs(identifier: str, size: int = SIZE, seed: int = SEED) -> list[str]:
    """Return *size* realistic inputs for *identifier*, the same for the same seed.

    80 % valid compact numbers, 10 % printed with spaces, 10 % mistyped.
    """
    rng = random.Random(f"{seed}-{identifier}")
    inputs = []
    for _ in range(size):
        number = _VALID[identifier](rng)
        draw = rng.random()
        if draw < 0.8:
            inputs.append(number)
        elif draw < 0.9:
            inputs.append(_PRINTED[identifier](number))
        else:
            inputs.append(_mistyped(rng, number))
    return inputs


# --- measures -----------------------------------------------------------------------------


def count_valid(check: Check, inputs: Sequence[str]) -> int:
    """Run *check* on every input; return how many are valid (the work being measured)."""
    return sum(map(check, inputs))


def best_seconds(check: Check, inputs: Sequence[str], runs: int = RUNS) -> float:
    """Return the fastest of *runs* passes of *check* over *inputs*, in seconds."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        count_valid(check, inputs)
        best = min(best, time.perf_counter() - start)
    return best


def import_milliseconds(module: str, runs: int = RUNS) -> float:
    """Return the best cumulative ``python -X importtime -c 'import <module>'``, in ms."""
    top_level = re.compile(rf"import time:\s+\d+ \|\s+(\d+) \| {re.escape(module)}$", re.M)
    best = float("inf")
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        )
        match = top_level.search(result.stderr)
        if match is None:
            raise SystemExit(f"no import time for {module} in:\n{result.stderr}")
        best = min(best, int(match.group(1)) / 1000)
    return best


def cpu_model() -> str:
    """Return the CPU model named in ``/proc/cpuinfo``, or what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for text in cpuinfo:
                if text.startswith("model name"):
                    return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: Sequence[str] | None = None) -> int:
    """Print the comparison table; return 1 when a ratio misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=SIZE, help="inputs per identifier")
    parser.add_argument("--runs", type=int, default=RUNS, help="passes; the best one counts")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-import-time", action="store_true", help="skip -X importtime")
    options = parser.parse_args(argv)

    print(f"Python {platform.python_version()} on {cpu_model()}, {os.cpu_count()} CPUs")
    print(f"{options.size:,} inputs per identifier, best of {options.runs} runs\n")
    header = f"| {'identifier':<10} | {'implementation':<16} | {'numbers/s':>11} | {'ratio':>6} |"
    print(header)
    print(re.sub(r"[^|]", "-", header))
    missed = False
    for identifier, implementations in IMPLEMENTATIONS.items():
        inputs = make_inputs(identifier, options.size, options.seed)
        counts = {count_valid(check, inputs) for _, check in implementations}
        if len(counts) != 1:  # the inputs hold no all-zero SIREN: every check must agree
            raise SystemExit(f"{identifier}: the implementations disagree: {counts}")
        speeds = {
            name: len(inputs) / best_seconds(check, inputs, options.runs)
            for name, check in implementations
        }
        ours = speeds["clientbook"]
        for name, speed in speeds.items():
            ratio = "" if name == "clientbook" else f"{ours / speed:.1f}×"
            missed = missed or (name != "clientbook" and ours / speed < TARGET)
            print(f"| {identifier:<10} | {name:<16} | {speed:>11,.0f} | {ratio:>6} |")
    if not options.no_import_time:
        print()
        for module in ("clientbook", "clientbook.identifiers"):
            milliseconds = import_milliseconds(module, options.runs)
            print(f"python -X importtime -c 'import {module}': {milliseconds:.1f} ms cumulative")
    if missed:
        print(f"\nA ratio is below the target of {TARGET:.0f}×.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
