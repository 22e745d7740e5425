"""Settings for the live server of the concurrency test: the test settings with a whole fair behind one IP."""

from config.settings.test import *  # noqa: F403

EDIT_BUDGET_SESSION = (1000, 600)
EDIT_BUDGET_IP = (10_000, 600)
