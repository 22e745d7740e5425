import pytest
from django.core.management import call_command


@pytest.fixture
def starter_content(db):
    """The starter content loaded into the test database (en + da)."""
    call_command("load_content", verbosity=0)
