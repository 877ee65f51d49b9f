"""``placement-rules serve`` refuses an address it cannot listen on in one line, before uvicorn
starts (which would print its own lines and exit 3)."""

from __future__ import annotations

import socket

from click.testing import CliRunner

from placement_rules.cli import cli


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    expected = f"error: 127.0.0.1:{port}: cannot listen there: address already in use\n"
    assert result.stderr == expected


def test_an_unknown_host_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "no-such-host.invalid", "--port", "8000"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no-such-host.invalid:8000: cannot listen there: ")
    assert result.stderr.count("\n") == 1
