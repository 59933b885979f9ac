"""The ``testing`` extra: what it installs, and what its modules say when it is missing."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"

# Imports a module of clientbook.testing as if some packages were not installed: a None in
# sys.modules makes their import raise ImportError.
BLOCKED_IMPORT = """
import sys
for name in sys.argv[2:]:
    sys.modules[name] = None
try:
    __import__(sys.argv[1])
except ImportError as error:
    print(f"ImportError: {error}")
else:
    print("imported")
"""


@pytest.mark.parametrize(
    ("module", "missing", "message"),
    [
        (
            "clientbook.testing.strategies",
            ["hypothesis"],
            (
                "clientbook.testing.strategies needs Hypothesis: "
                "python -m pip install 'clientbook[testing]'"
            ),
        ),
        (
            "clientbook.testing.contract",
            ["pytest"],
            (
                "clientbook.testing.contract needs pytest and Hypothesis (pytest is missing): "
                "python -m pip install 'clientbook[testing]'"
            ),
        ),
        (
            "clientbook.testing.contract",
            ["hypothesis"],
            (
                "clientbook.testing.contract needs pytest and Hypothesis (hypothesis is missing): "
                "python -m pip install 'clientbook[testing]'"
            ),
        ),
    ],
)
def test_a_testing_module_without_its_packages_says_to_install_the_testing_extra(
    module: str, missing: list[str], message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT, module, *missing],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"ImportError: {message}"


def test_the_testing_extra_installs_pytest_and_hypothesis() -> None:
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert sorted(extras["testing"]) == ["hypothesis>=6.100", "pytest>=8"]
