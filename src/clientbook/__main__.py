"""``python -m clientbook``: the ``clientbook`` command (see :mod:`clientbook._cli.app`)."""

from __future__ import annotations

if __name__ == "__main__":
    from clientbook._cli.app import main

    raise SystemExit(main())
