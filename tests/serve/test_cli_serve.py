"""`khabar serve` and `khabar bench serve` end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from typer.testing import CliRunner

from khabar.cli.app import app
from khabar.serve.server import free_port
from tests.serve.conftest import TOKEN


def test_cli_serve_missing_store_says_so(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store" in result.output


def test_cli_bench_serve_figures(demo_db):
    result = CliRunner().invoke(app, ["bench", "serve", "--db", str(demo_db), "--repeats", "2", "--no-cache",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    calls = json.loads(result.stdout)["calls"]
    for label in ("page /", "page search", "page article", "page entity", "page events", "api search",
                  "api article", "api entity", "api stats"):
        assert 0 < calls[label]["p50_ms"] <= calls[label]["p95_ms"] <= calls[label]["max_ms"], label


def _post(url: str, token: str | None, text: str = "!!!") -> int:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url, data=json.dumps({"text": text}).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_cli_serve_listens_on_localhost_with_the_token_from_the_environment(writable_db):
    port = free_port()
    command = [sys.executable, "-m", "khabar.cli.app", "serve", "--db", str(writable_db), "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, "KHABAR_TOKEN": TOKEN}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/api/v1/stats", timeout=5) as answer:
                    assert json.load(answer)["articles"] > 0
                break
            except urllib.error.URLError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.1)
        else:
            raise AssertionError("khabar serve did not answer")
        assert _post(base + "/api/v1/articles", None) == 401  # writes are on, and need the token
        assert _post(base + "/api/v1/articles", "wrong") == 401
        assert _post(base + "/api/v1/articles", TOKEN) == 422  # authorised, but "!!!" is no text
        # Doha, the Qatari foreign minister received the Omani ambassador today
        assert _post(base + "/api/v1/articles", TOKEN, "الدوحة - استقبل وزير الخارجية القطري اليوم سفير سلطنة عمان.") == 201
    finally:
        server.terminate()
        server.wait(timeout=20)
