"""What the Python tests share: the reprint binary built from this checkout,
which the tests compare the package's and the Spark job's outputs with."""

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def reprint_binary():
    """The reprint binary built from this checkout (release first), else one
    on the PATH, else None. A plain function too: test_spark decides at import
    whether its module is skipped."""
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "reprint"
        if path.exists():
            return str(path)
    return shutil.which("reprint")


@pytest.fixture
def cli_binary():
    """The reprint binary (see reprint_binary), or None."""
    return reprint_binary()
