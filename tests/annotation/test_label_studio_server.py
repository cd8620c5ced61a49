"""The round trip through a real Label Studio server (slow; skipped without one).

Label Studio lives in its own environment (it pins many packages): the test finds its
``label-studio`` executable in ``$QUOTEATTR_LABEL_STUDIO`` or on the PATH, and drives it
with the Python beside that executable, which must have ``label-studio-sdk``::

    python -m venv /opt/ls && /opt/ls/bin/pip install label-studio label-studio-sdk
    QUOTEATTR_LABEL_STUDIO=/opt/ls/bin/label-studio python -m pytest -m slow tests/annotation

The server starts on SQLite in a temporary folder. The tasks ``quoteattr export`` writes
go into a project made with ``quoteattr export --label-config``; every prediction is
accepted as an annotation through the API (the Data Manager's Create Annotations From
Predictions); and ``quoteattr import`` of the project's JSON export gives back the same
attributions.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from test_label_studio import TEXT, article, signature, write

from quoteattr.annotation.label_studio import LABEL_CONFIG
from quoteattr.cli import main
from quoteattr.data.readers import read_jsonl
from quoteattr.schema import Article

ENV = "QUOTEATTR_LABEL_STUDIO"
DRIVER = Path(__file__).with_name("label_studio_driver.py")
START_SECONDS = 900  # migrations on a fresh SQLite database are slow on a busy CPU


def label_studio() -> tuple[str, str]:
    """The ``label-studio`` executable and the Python beside it, or skip."""
    exe = os.environ.get(ENV) or shutil.which("label-studio")
    if not exe or not Path(exe).is_file():
        pytest.skip(f"no Label Studio: set {ENV} to a label-studio executable, or put it on PATH")
    python = Path(exe).with_name("python")
    found = subprocess.run([str(python), "-c", "import label_studio_sdk"], capture_output=True)
    if found.returncode:
        pytest.skip(f"no label-studio-sdk for {python}: pip install label-studio-sdk there")
    return exe, str(python)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"Label Studio exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(2)
    pytest.fail(f"Label Studio did not start in {START_SECONDS} s:\n{log.read_text()[-3000:]}")


@pytest.mark.slow
def test_round_trip_through_a_label_studio_server(tmp_path):
    exe, python = label_studio()
    port, token = free_port(), secrets.token_hex(20)
    data_dir, log = tmp_path / "label-studio", tmp_path / "label-studio.log"
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "DJANGO_DB": "sqlite",
        "LABEL_STUDIO_USERNAME": "annotator@example.com",
        "LABEL_STUDIO_PASSWORD": secrets.token_hex(12),
        "LABEL_STUDIO_USER_TOKEN": token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LATEST_VERSION_CHECK": "false",  # no call to pypi.org
        "COLLECT_ANALYTICS": "false",
    }
    command = [exe, "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
               "--data-dir", str(data_dir), "--enable-legacy-api-token"]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{url}/health", server, log)
        articles = [article(), Article("quiet", "Nobody spoke in the meeting.")]
        predictions = write(tmp_path / "pred.jsonl", [a.to_dict() for a in articles])
        tasks, config = tmp_path / "tasks.json", tmp_path / "config.xml"
        assert main(["export", str(predictions), "-o", str(tasks)]) == 0
        config.write_text(LABEL_CONFIG, encoding="utf-8")
        export = tmp_path / "export.json"
        run = subprocess.run(
            [python, str(DRIVER), url, token, str(config), str(tasks), str(export)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-3000:]
        summary = json.loads(run.stdout.strip().splitlines()[-1])
        assert summary["tasks"] == 2 and summary["annotations"] == 2

        exported = json.loads(export.read_text(encoding="utf-8"))
        assert all(task["annotations"] for task in exported)
        gold = tmp_path / "gold.jsonl"
        assert main(["import", str(export), "-o", str(gold)]) == 0
        back = sorted(read_jsonl(gold, strict=True), key=lambda a: a.id)
        assert signature(back) == signature(sorted(articles, key=lambda a: a.id))
        assert back[0].text == TEXT
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the workers it started
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
