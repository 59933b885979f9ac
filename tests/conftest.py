"""Test configuration: Hypothesis profiles.

``dev`` (default) keeps runs quick; ``ci`` (selected when the ``CI`` environment variable is
set, as ``.ci/run`` does) tries more examples and derandomises so that CI is reproducible.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# No timing check in either profile: on a shared machine a slow draw is the machine's, not the
# strategy's (HealthCheck.too_slow made a test fail at random under load).
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
