"""Headless Chromium for tests: open a page from the file system, read its DOM, take a screenshot.

Debian's chromium package, started headless, without a sandbox (tests run as
root in CI) or a GPU, and without network: every host name resolves to nothing,
and a proxy that does not exist stands in for the rest. A test that needs it
calls ``chromium_or_skip()``, which skips with the reason (shown by pytest -ra)
where no Chromium is installed; .ci/run installs it when apt-get can.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                  "--lang=zh-CN")
TIMEOUT = 120


def chromium_or_skip() -> str:
    """The Chromium executable, or a skip saying why there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium "
                    "fonts-noto-cjk; .ci/run does it when it runs as root)")
    return found


def _run(profile: Path) -> list[str]:
    return [chromium_or_skip(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM as Chromium serialises it after loading (scripts, if any, have run)."""
    result = subprocess.run([*_run(profile), "--dump-dom", page.as_uri()], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout


def screenshot(page: Path, png: Path, profile: Path, size: tuple[int, int] = (1200, 900)) -> Path:
    """A PNG of the page in a window of ``size``; asserts a PNG of that size was written."""
    subprocess.run([*_run(profile), f"--screenshot={png}", f"--window-size={size[0]},{size[1]}",
                    page.as_uri()], capture_output=True, timeout=TIMEOUT, check=True)
    assert png_size(png) == size
    return png


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from a PNG's header; fails on anything that is not a PNG."""
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    return struct.unpack(">II", head[16:24])
