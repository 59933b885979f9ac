"""``python -m clientbook``: the ``clientbook`` command (see :mod:`clientbook._cli`)."""

from __future__ import annotations

if __name__ == "__main__":
    from clientbook._cli import main

    raise SystemExit(main())
