"""The language server end to end: the real ``python -m linter server`` over stdio, driven by a small JSON-RPC client.

Every wait is bounded, so a hung server fails a test in seconds instead of hanging the suite. The position and edit
helpers are also tested in-process, where the encodings' corner cases (non-BMP characters, BOM, CRLF) are cheap.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.config import load_settings
from linter.fixer import fix_text
from linter.options import lint_options
from linter.positions import Span
from linter.registry import all_rules
from linter.server import UTF8, UTF16, UTF32, DocumentLines, line_diff_edits

TIMEOUT = 30.0  # seconds for any one reply; generous for a loaded CI machine, still bounded

PIP = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"


# ------------------------------------------------------------------------------------------------------------------
# A hand-rolled LSP client
# ------------------------------------------------------------------------------------------------------------------


class LspClient:
    """Speaks JSON-RPC with Content-Length framing to a server subprocess; a thread reads its stdout."""

    def __init__(self, cwd: Path, capabilities: dict[str, Any] | None = None, arguments: tuple[str, ...] = ()) -> None:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONSAFEPATH"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "linter", "server", *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.capabilities = capabilities if capabilities is not None else default_capabilities()
        self._incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._write_lock = threading.Lock()
        self._next_id = 0
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []  # every notification received, in order
        self.server_requests: list[dict[str, Any]] = []
        self.initialize_result: dict[str, Any] = {}
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- transport --

    def _read_stdout(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    self._incoming.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self._incoming.put(json.loads(body))

    def _read_stderr(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        for line in stream:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", errors="replace")

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self._write_lock:
            assert self.process.stdin is not None
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            self.process.stdin.flush()

    def _pump(self, deadline: float) -> bool:
        """Take one message off the wire (answering the server's own requests); False when the wire is closed."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no reply from the server in time; its stderr:\n{self.stderr}")
        try:
            message = self._incoming.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError(f"no reply from the server in time; its stderr:\n{self.stderr}") from None
        if message is None:
            self._incoming.put(None)  # stays closed for later waits
            return False
        if "id" in message and "method" in message:  # a request from the server (client/registerCapability...)
            self.server_requests.append(message)
            self.send({"id": message["id"], "result": None})
        elif "id" in message:
            self.responses[message["id"]] = message
        else:
            self.notifications.append(message)
        return True

    # -- requests and notifications --

    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while request_id not in self.responses:
            if not self._pump(deadline):
                raise ConnectionError(f"the server closed the connection; its stderr:\n{self.stderr}")
        response = self.responses.pop(request_id)
        assert "error" not in response, response
        return response["result"]

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, "params": params})

    def wait_for(
        self, method: str, where: Callable[[dict[str, Any]], bool] = lambda _: True, timeout: float = TIMEOUT
    ) -> dict[str, Any]:
        """The params of the first notification of ``method`` that satisfies ``where``; it is taken off the list."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for index in range(seen, len(self.notifications)):
                message = self.notifications[index]
                if message["method"] == method and where(message["params"]):
                    del self.notifications[index]
                    return message["params"]
            seen = len(self.notifications)
            if not self._pump(deadline):
                raise ConnectionError(f"the server closed the connection; its stderr:\n{self.stderr}")

    def drain(self, seconds: float) -> None:
        """Read whatever arrives for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                message = self._incoming.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return
            if message is None:
                self._incoming.put(None)
                return
            self._incoming.put(message)
            self._pump(deadline + 1)

    # -- the LSP conversation --

    def initialize(self, root: Path) -> dict[str, Any]:
        self.initialize_result = self.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": self.capabilities},
        )
        self.notify("initialized", {})
        return self.initialize_result

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": version, "text": text}},
        )
        return uri

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version`` when given)."""
        params = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
            timeout,
        )
        return params["diagnostics"]

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def code_actions(
        self, uri: str, range_: dict[str, Any], only: list[str] | None = None, diagnostics: list[Any] | None = None
    ) -> list[dict[str, Any]]:
        context: dict[str, Any] = {"diagnostics": diagnostics or []}
        if only is not None:
            context["only"] = only
        return self.request(
            "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": range_, "context": context}
        )

    def stop(self) -> int:
        """shutdown + exit; the process's exit code."""
        assert self.request("shutdown") is None
        self.notify("exit")
        return self.process.wait(timeout=TIMEOUT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def default_capabilities(encodings: list[str] | None = None, dynamic_watchers: bool = True) -> dict[str, Any]:
    capabilities: dict[str, Any] = {
        "workspace": {
            "workspaceEdit": {"documentChanges": True},
            "didChangeWatchedFiles": {"dynamicRegistration": dynamic_watchers},
        },
        "textDocument": {
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}},
            "publishDiagnostics": {"versionSupport": True},
        },
    }
    if encodings is not None:
        capabilities["general"] = {"positionEncodings": encodings}
    return capabilities


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., LspClient]]:
    """Start (and always clean up) servers: ``start(capabilities=None)`` returns an initialized client."""
    clients: list[LspClient] = []

    def launch(capabilities: dict[str, Any] | None = None, arguments: tuple[str, ...] = ()) -> LspClient:
        client = LspClient(tmp_path, capabilities, arguments)
        clients.append(client)
        client.initialize(tmp_path)
        return client

    yield launch
    for client in clients:
        client.kill()


# ------------------------------------------------------------------------------------------------------------------
# Applying what the server returns, as an editor would
# ------------------------------------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def offset_of(text: str, position: dict[str, int], encoding: str = UTF16) -> int:
    """The string offset of an LSP position (lines broken at CRLF, CR or LF; characters in ``encoding`` units)."""
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    line = position["line"]
    if line >= len(starts):
        return len(text)
    start = starts[line]
    end = len(text) if line + 1 >= len(starts) else starts[line + 1]
    units, offset = 0, start
    while offset < end and units < position["character"] and text[offset] not in "\r\n":
        char = text[offset]
        units += {UTF32: 1, UTF16: 2 if ord(char) > 0xFFFF else 1, UTF8: len(char.encode("utf-8"))}[encoding]
        offset += 1
    return offset


def apply_text_edits(text: str, edits: list[dict[str, Any]], encoding: str = UTF16) -> str:
    located = [
        (offset_of(text, edit["range"]["start"], encoding), offset_of(text, edit["range"]["end"], encoding), edit)
        for edit in edits
    ]
    for start, end, edit in sorted(located, key=lambda item: (item[0], item[1]), reverse=True):
        text = text[:start] + edit["newText"] + text[end:]
    return text


def edits_of(workspace_edit: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    if "documentChanges" in workspace_edit:
        changes = [change for change in workspace_edit["documentChanges"] if change["textDocument"]["uri"] == uri]
        return [edit for change in changes for edit in change["edits"]]
    return workspace_edit["changes"][uri]


def as_changes(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The edits as incremental didChange events (last first, so that earlier ranges stay valid)."""
    ordered = sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]))
    return [{"range": edit["range"], "text": edit["newText"]} for edit in reversed(ordered)]


def by_code(diagnostics: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [diagnostic for diagnostic in diagnostics if diagnostic["code"] == code]


def whole(line: int, character: int = 0, end_line: int | None = None, end_character: int = 0) -> dict[str, Any]:
    return {
        "start": {"line": line, "character": character},
        "end": {"line": line if end_line is None else end_line, "character": end_character},
    }


# ------------------------------------------------------------------------------------------------------------------
# End to end
# ------------------------------------------------------------------------------------------------------------------


def test_initialize_advertises_the_features(start: Callable[..., LspClient]) -> None:
    client = start()
    capabilities = client.initialize_result["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["hoverProvider"] is True
    assert set(capabilities["codeActionProvider"]["codeActionKinds"]) == {"quickfix", "source.fixAll.lintainer"}
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert client.initialize_result["serverInfo"]["name"] == "lintainer"
    assert client.stop() == 0


def test_diagnostic_quick_fix_and_the_diagnostic_goes_away(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    uri = client.open(tmp_path / "Dockerfile", PIP)
    [diagnostic] = by_code(client.diagnostics(uri, version=1), "DF202")
    assert diagnostic["range"] == whole(3, 4, 3, 15)  # `pip install` on `RUN pip install -r requirements.txt`
    assert diagnostic["severity"] == 2  # warning
    assert diagnostic["source"] == "lintainer"
    assert diagnostic["codeDescription"]["href"].endswith("#df202")
    assert "--no-cache-dir" in diagnostic["message"]

    actions = client.code_actions(uri, whole(3, 6, 3, 6), diagnostics=[diagnostic])
    [fix] = [action for action in actions if action["title"].startswith("DF202: ")]
    assert fix["kind"] == "quickfix"
    assert fix["isPreferred"] is True
    assert fix["diagnostics"][0]["code"] == "DF202"
    [document_edit] = fix["edit"]["documentChanges"]
    assert document_edit["textDocument"] == {"uri": uri, "version": 1}
    edits = edits_of(fix["edit"], uri)
    fixed = apply_text_edits(PIP, edits)
    assert fixed.splitlines()[3] == "RUN pip install --no-cache-dir -r requirements.txt"

    client.change(uri, 2, as_changes(edits))  # incremental, as an editor applies the edit
    assert by_code(client.diagnostics(uri, version=2), "DF202") == []
    # The server's buffer is the fixed text: no code action for DF202 is left.
    actions = client.code_actions(uri, whole(3, 6, 3, 6))
    assert [a for a in actions if "DF202" in a["title"]] == []
    assert client.stop() == 0


def test_unsafe_fix_is_labelled_and_not_preferred(start: Callable[..., LspClient], tmp_path: Path) -> None:
    text = "FROM python:3.12-slim\nRUN useradd --no-log-init --uid 10001 app\nUSER app\n"
    client = start()
    uri = client.open(tmp_path / "Dockerfile", text)
    [diagnostic] = by_code(client.diagnostics(uri, version=1), "DF512")  # non-numeric-user: an unsafe fix
    actions = client.code_actions(uri, diagnostic["range"])
    [action] = [a for a in actions if a["title"].startswith("DF512: ")]
    assert action["title"].endswith("(unsafe fix)")
    assert action["isPreferred"] is False
    assert apply_text_edits(text, edits_of(action["edit"], uri)).endswith("\nUSER 10001\n")
    # Fix-all applies safe fixes only: there is none here.
    assert client.code_actions(uri, whole(0), only=["source.fixAll"]) == []
    client.kill()


@pytest.mark.parametrize(
    ("offered", "chosen", "units_before_pip"),
    [
        (None, "utf-16", 17),  # `RUN echo "😀" && ` is 16 characters; the emoji takes two UTF-16 code units
        (["utf-32", "utf-16"], "utf-32", 16),
        (["utf-8"], "utf-8", 19),  # the emoji takes four bytes
    ],
)
def test_positions_in_the_negotiated_encoding(
    start: Callable[..., LspClient], tmp_path: Path, offered: list[str] | None, chosen: str, units_before_pip: int
) -> None:
    client = start(default_capabilities(offered))
    assert client.initialize_result["capabilities"]["positionEncoding"] == chosen
    text = 'FROM python:3.12-slim\nRUN echo "😀" && pip install -r requirements.txt\n'
    uri = client.open(tmp_path / "Dockerfile", text)
    [diagnostic] = by_code(client.diagnostics(uri, version=1), "DF202")
    assert diagnostic["range"] == whole(1, units_before_pip, 1, units_before_pip + len("pip install"))
    actions = client.code_actions(uri, diagnostic["range"])
    [fix] = [action for action in actions if action["title"].startswith("DF202: ")]
    fixed = apply_text_edits(text, edits_of(fix["edit"], uri), chosen)
    assert fixed.splitlines()[1] == 'RUN echo "😀" && pip install --no-cache-dir -r requirements.txt'
    client.kill()


def test_hover_shows_the_rule_documentation(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    uri = client.open(tmp_path / "Dockerfile", PIP)
    [diagnostic] = by_code(client.diagnostics(uri, version=1), "DF202")
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 8}}
    )
    assert hover["contents"]["kind"] == "markdown"
    value = hover["contents"]["value"]
    assert value.startswith("**DF202** `pip-no-cache-dir` (warning): ")
    assert "## What it does" in value and "## Fix" in value
    assert "(https://github.com/lintainer/lintainer/blob/main/docs/rules.md#df202)" in value
    assert hover["range"] == diagnostic["range"]
    # Nothing to say away from a finding.
    assert (
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}})
        is None
    )
    client.kill()


def test_fix_all_safe_problems(start: Callable[..., LspClient], tmp_path: Path) -> None:
    text = "FROM python:3.12-slim\r\nRUN pip install -r requirements.txt\r\nCOPY . /app\r\nRUN pip install -e /app\r\n"
    client = start()
    uri = client.open(tmp_path / "Dockerfile", text)
    assert len(by_code(client.diagnostics(uri, version=1), "DF202")) == 2

    quick_only = client.code_actions(uri, whole(0), only=["quickfix"])
    assert all(action["kind"] == "quickfix" for action in quick_only)
    [fix_all] = client.code_actions(uri, whole(0), only=["source.fixAll"])
    assert fix_all["kind"] == "source.fixAll.lintainer"
    assert fix_all["title"] == "Fix all safe problems (lintainer)"
    fixed = apply_text_edits(text, edits_of(fix_all["edit"], uri))

    options = lint_options(load_settings(all_rules(), start=tmp_path), all_rules())
    assert fixed == fix_text(text, options, str(tmp_path / "Dockerfile"))  # what `lintainer --fix` writes
    assert "RUN pip install --no-cache-dir -e /app\r\n" in fixed

    client.change(uri, 2, as_changes(edits_of(fix_all["edit"], uri)))
    assert by_code(client.diagnostics(uri, version=2), "DF202") == []
    assert client.code_actions(uri, whole(0), only=["source.fixAll"]) == []  # nothing safe left to fix
    client.kill()


def test_ignore_comment_action(start: Callable[..., LspClient], tmp_path: Path) -> None:
    text = "FROM python:3.12-slim AS base\n    RUN apt-get update \\\n      && pip install flask\n"
    client = start()
    uri = client.open(tmp_path / "Dockerfile", text)
    [pip] = by_code(client.diagnostics(uri, version=1), "DF202")
    assert pip["range"]["start"]["line"] == 2  # on the continuation line

    actions = client.code_actions(uri, pip["range"])
    [ignore] = [action for action in actions if action["title"] == "Ignore DF202 for this instruction"]
    assert ignore["kind"] == "quickfix"
    edits = edits_of(ignore["edit"], uri)
    text = apply_text_edits(text, edits)
    # Above the instruction's first line, with its indentation.
    assert text.splitlines()[1:3] == ["    # lintainer: ignore=DF202", "    RUN apt-get update \\"]
    client.change(uri, 2, as_changes(edits))
    diagnostics = client.diagnostics(uri, version=2)
    assert by_code(diagnostics, "DF202") == []

    # A second rule on the same instruction joins the existing comment.
    [pinning] = by_code(diagnostics, "DF203")
    actions = client.code_actions(uri, pinning["range"])
    [ignore] = [action for action in actions if action["title"] == "Ignore DF203 for this instruction"]
    edits = edits_of(ignore["edit"], uri)
    text = apply_text_edits(text, edits)
    assert text.splitlines()[1] == "    # lintainer: ignore=DF202,DF203"
    client.change(uri, 3, as_changes(edits))
    diagnostics = client.diagnostics(uri, version=3)
    assert by_code(diagnostics, "DF203") == by_code(diagnostics, "DF202") == []
    assert by_code(diagnostics, "DF002") == []  # the comment is used, not reported as unused

    # On the first line of the file (no parser directive can be broken: the comment has no `key=value` form).
    eol = "FROM python:3.7\nRUN true\n"
    other = client.open(tmp_path / "eol" / "Dockerfile", eol)
    [finding] = by_code(client.diagnostics(other, version=1), "DF302")  # an end-of-life base image
    actions = client.code_actions(other, finding["range"])
    [ignore] = [action for action in actions if action["title"] == "Ignore DF302 for this instruction"]
    edits = edits_of(ignore["edit"], other)
    assert apply_text_edits(eol, edits) == "# lintainer: ignore=DF302\nFROM python:3.7\nRUN true\n"
    client.change(other, 2, as_changes(edits))
    assert by_code(client.diagnostics(other, version=2), "DF302") == []
    client.kill()


def test_configuration_is_read_from_the_document_folder_and_reloaded(
    start: Callable[..., LspClient], tmp_path: Path
) -> None:
    project = tmp_path / "service"
    project.mkdir()
    client = start()
    uri = client.open(project / "Dockerfile", PIP)
    assert len(by_code(client.diagnostics(uri, version=1), "DF202")) == 1
    # The server asked to be told about configuration files.
    [request] = [r for r in client.server_requests if r["method"] == "client/registerCapability"]
    [registered] = request["params"]["registrations"]
    assert registered["method"] == "workspace/didChangeWatchedFiles"
    patterns = {watcher["globPattern"] for watcher in registered["registerOptions"]["watchers"]}
    assert {"**/.lintainer.toml", "**/pyproject.toml", "**/.hadolint.yaml", "**/.dockerignore"} <= patterns

    config = project / ".lintainer.toml"
    config.write_text('ignore = ["DF202"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]})
    assert by_code(client.diagnostics(uri), "DF202") == []

    # A broken configuration is reported once, and the defaults apply meanwhile.
    config.write_text("ignore = [\n", encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    message = client.wait_for("window/showMessage")
    assert message["type"] == 1 and "invalid TOML" in message["message"] and ".lintainer.toml" in message["message"]
    assert len(by_code(client.diagnostics(uri), "DF202")) == 1

    config.write_text("[tool.other]\n", encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.lintainer]\nseverity = { DF202 = "error" }\n', encoding="utf-8")
    config.unlink()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 3}]})
    [diagnostic] = by_code(client.diagnostics(uri), "DF202")
    assert diagnostic["severity"] == 1  # error, from pyproject.toml's [tool.lintainer]
    client.kill()


def test_without_file_watchers_a_save_reloads_the_configuration(
    start: Callable[..., LspClient], tmp_path: Path
) -> None:
    client = start(default_capabilities(dynamic_watchers=False))
    uri = client.open(tmp_path / "Dockerfile", PIP)
    assert len(by_code(client.diagnostics(uri, version=1), "DF202")) == 1
    assert [r for r in client.server_requests if r["method"] == "client/registerCapability"] == []
    (tmp_path / ".lintainer.toml").write_text('ignore = ["pip-no-cache-dir"]\n', encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": (tmp_path / ".lintainer.toml").as_uri()}})
    assert by_code(client.diagnostics(uri), "DF202") == []
    client.kill()


def test_rapid_changes_publish_only_the_latest_version(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    uri = client.open(tmp_path / "Dockerfile", "FROM python:3.12-slim\n")
    client.diagnostics(uri, version=1)
    for version in range(2, 8):  # typing: one character a time, faster than the debounce
        client.change(uri, version, [{"text": PIP + "#" * version}])
    diagnostics = client.diagnostics(uri, version=7)
    assert len(by_code(diagnostics, "DF202")) == 1
    client.drain(1.0)
    published = [
        m["params"]["version"] for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"
    ]
    assert published == []  # the superseded versions were never linted and published
    client.kill()


def test_broken_documents_do_not_stop_the_server(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    junk = client.open(tmp_path / "junk" / "Dockerfile", "\x00\x01\x02\x7f\ud800 binary junk\x00" * 100)
    assert client.diagnostics(junk, version=1) == []
    log = client.wait_for("window/logMessage", lambda p: junk in p["message"])
    assert "binary" in log["message"]

    long_line = client.open(tmp_path / "long" / "Dockerfile", "FROM python:3.12-slim\nRUN echo " + "x" * 1_000_000)
    client.diagnostics(long_line, version=1, timeout=120)  # whatever it finds, it answers

    huge = client.open(tmp_path / "huge" / "Dockerfile", "RUN true\n" * 300_000)  # 2.7 MB: over the CLI's limit
    assert client.diagnostics(huge, version=1) == []
    assert "too large" in client.wait_for("window/logMessage", lambda p: huge in p["message"])["message"]

    # Still serving: a valid document gets its diagnostics, and requests on the broken ones answer.
    uri = client.open(tmp_path / "Dockerfile", PIP)
    assert len(by_code(client.diagnostics(uri, version=1), "DF202")) == 1
    assert client.code_actions(junk, whole(0)) == []
    assert (
        client.request("textDocument/hover", {"textDocument": {"uri": huge}, "position": {"line": 0, "character": 1}})
        is None
    )
    assert client.process.poll() is None
    assert client.stop() == 0


def test_close_clears_the_diagnostics(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    uri = client.open(tmp_path / "Dockerfile", PIP)
    assert client.diagnostics(uri, version=1)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    client.kill()


def test_an_unsaved_buffer_is_linted_as_a_dockerfile_of_the_workspace(
    start: Callable[..., LspClient], tmp_path: Path
) -> None:
    (tmp_path / ".lintainer.toml").write_text('severity = { DF202 = "error" }\n')  # the workspace's configuration
    client = start()
    uri = "untitled:Untitled-1"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": PIP}},
    )
    [diagnostic] = by_code(client.diagnostics(uri, version=1), "DF202")
    assert diagnostic["severity"] == 1
    client.kill()


def test_the_open_buffer_is_linted_not_the_file_on_disk(start: Callable[..., LspClient], tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.0\n")
    client = start()
    uri = client.open(tmp_path / "Dockerfile", PIP)
    assert len(by_code(client.diagnostics(uri, version=1), "DF202")) == 1
    client.kill()


def test_exit_without_shutdown_exits_with_1(start: Callable[..., LspClient]) -> None:
    client = start(arguments=("--stdio",))  # what many editors pass: accepted
    client.notify("exit")
    assert client.process.wait(timeout=TIMEOUT) == 1


def test_a_closed_pipe_ends_the_server(start: Callable[..., LspClient], tmp_path: Path) -> None:
    client = start()
    client.open(tmp_path / "Dockerfile", PIP)
    assert client.process.stdin is not None
    client.process.stdin.close()  # the editor went away without a word
    assert client.process.wait(timeout=TIMEOUT) == 1


def test_the_cli_does_not_import_the_server_libraries() -> None:
    code = "import sys, linter.cli; print(any(m.split('.')[0] in ('pygls', 'lsprotocol') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.stdout.strip() == "False", result.stderr


def test_server_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "linter", "server", "--help"], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0
    assert "--stdio" in result.stdout and "language server" in result.stdout


# ------------------------------------------------------------------------------------------------------------------
# The README's editor setup, in a real editor
# ------------------------------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent

# Batch Emacs loads the README's eglot snippet, opens a Dockerfile, waits for the diagnostics, runs "Fix all safe
# problems" and waits for the server to publish again. Batch Emacs runs no commands and no idle timers, so the loop
# runs the post-command hook (eglot-ensure connects there, flymake starts there) and sends the buffer's changes as
# eglot's idle timer would. dockerfile-mode gets a stand-in when the package is not installed.
EMACS_DRIVER = r""";; Debian's elpa-eglot, for Emacs 28
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'json)
(defun lintainer-test-write (value)
  (with-temp-file (expand-file-name "result.json" lintainer-test-dir) (insert (json-encode value))))
(defvar lintainer-test-dir default-directory)
(unless (require 'eglot nil t)
  (lintainer-test-write "no eglot")
  (kill-emacs 0))
(unless (fboundp 'dockerfile-mode)  ; a stand-in for the dockerfile-mode package
  (define-derived-mode dockerfile-mode prog-mode "Dockerfile"))
(load (expand-file-name "snippet.el") nil t)
(find-file (expand-file-name "Dockerfile"))
(dockerfile-mode)
(defun lintainer-test-wait (predicate)
  "Run Emacs's event loop until PREDICATE holds (60 s at most)."
  (let ((deadline (+ (float-time) 60)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (run-hooks 'post-command-hook)  ; batch Emacs runs no commands: eglot-ensure and flymake start from this hook
      ;; ...nor idle timers, which send the buffer's changes to the server: send them as the timer would.
      (when (and (eglot-current-server) (fboundp 'eglot--signal-textDocument/didChange))
        (eglot--signal-textDocument/didChange))
      (accept-process-output nil 0.1))))
(defun lintainer-test-diagnostics ()
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)))
              (list (cons 'line (line-number-at-pos beg))
                    (cons 'column (save-excursion (goto-char beg) (1+ (current-column))))
                    (cons 'text (flymake-diagnostic-text d)))))
          (flymake-diagnostics)))
(defun lintainer-test-publications ()
  (let ((server (eglot-current-server)))
    (if (null server) 0
      (with-current-buffer (jsonrpc-events-buffer server)
        (how-many "textDocument/publishDiagnostics" (point-min) (point-max))))))
(lintainer-test-wait (lambda () (flymake-diagnostics)))
(let ((before (lintainer-test-diagnostics)))
  (eglot-code-actions (point-min) (point-max) "source.fixAll.lintainer" t)
  ;; Until the server has published again, for the fixed text (the events log shows every message).
  (lintainer-test-wait (lambda () (>= (lintainer-test-publications) 2)))
  (lintainer-test-write
   (list (cons 'before before)
         (cons 'text (buffer-substring-no-properties (point-min) (point-max)))
         (cons 'publications (lintainer-test-publications))
         (cons 'after (lintainer-test-diagnostics)))))
(ignore-errors (eglot-shutdown (eglot-current-server)))
"""


def readme_block(language: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Language server\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, f"expected one {language} block in the README's Language server section"
    return blocks[0]


def _flymake(diagnostics: list[dict[str, Any]] | None) -> list[tuple[int, int, str]]:
    """(line, column, code) of Flymake diagnostics; their text reads `lintainer [DF202]: message`."""
    return [(d["line"], d["column"], d["text"].split("[", 1)[1].split("]", 1)[0]) for d in diagnostics or []]


@pytest.mark.skipif(shutil.which("emacs") is None, reason="Emacs is not installed")
def test_the_readme_eglot_snippet_in_emacs(tmp_path: Path) -> None:
    (tmp_path / "snippet.el").write_text(readme_block("elisp"), encoding="utf-8")
    (tmp_path / "run.el").write_text(EMACS_DRIVER, encoding="utf-8")
    before = "FROM python:3.12-slim\nRUN pip install -r requirements.txt\nRUN pip install --no-cache-dir flask\n"
    (tmp_path / "Dockerfile").write_text(before)
    # Read from the Dockerfile's folder; two rules only, so that rules added later do not change what Emacs sees.
    (tmp_path / ".lintainer.toml").write_text('select = ["DF202", "DF203"]\n')
    # The `lintainer` script of the interpreter running the tests comes first on PATH.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    completed = subprocess.run(
        ["emacs", "--batch", "-Q", "-l", "run.el"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    result_file = tmp_path / "result.json"
    assert result_file.exists(), f"Emacs wrote no result:\n{completed.stdout}\n{completed.stderr}"
    result = json.loads(result_file.read_text())
    if result == "no eglot":
        pytest.skip("eglot is not installed (built into Emacs 29; Debian's elpa-eglot for Emacs 28)")
    assert _flymake(result["before"]) == [(2, 5, "DF202"), (3, 32, "DF203")]
    assert result["text"] == before.replace("pip install -r", "pip install --no-cache-dir -r")
    assert result["publications"] >= 2  # the server published again for the fixed buffer
    assert _flymake(result["after"]) == [(3, 32, "DF203")]


# Headless Neovim loads the README's snippet (Neovim 0.8 and newer; 0.7 lacks vim.lsp.start and vim.fs, so there the
# same server command is started through vim.lsp.start_client), opens a Dockerfile, waits for the diagnostics, asks
# for "Fix all safe problems", applies its edit to the buffer and waits for the server to publish for the new text.
NVIM_DRIVER = r"""local function write(value)
  local file = io.open("result.json", "w")
  file:write(vim.fn.json_encode(value))
  file:close()
end
local function diagnostics(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, { line = d.lnum + 1, column = d.col + 1, code = code, message = d.message })
  end
  table.sort(found, function(a, b) return a.line < b.line end)
  return found
end
local snippet_runs = vim.lsp.start ~= nil and vim.fs ~= nil
if snippet_runs then
  dofile("snippet.lua")
else
  -- Neovim 0.7 has neither vim.lsp.start nor vim.fs: the same server command through the older API.
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "dockerfile",
    callback = function(args)
      local client = vim.lsp.start_client({
        name = "lintainer", cmd = { "lintainer", "server" }, root_dir = vim.fn.getcwd(),
      })
      vim.lsp.buf_attach_client(args.buf, client)
    end,
  })
end
vim.cmd("edit Dockerfile")
vim.cmd("set filetype=dockerfile")
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local before = diagnostics(buf)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = 0, character = 0 }, ["end"] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
  context = { diagnostics = {}, only = { "source.fixAll.lintainer" } },
}
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
local titles = {}
for client_id, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    table.insert(titles, action.title)
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
    end
  end
end
vim.wait(30000, function() return #vim.diagnostic.get(buf) == 1 end, 50)
write({
  snippet = snippet_runs,
  before = before,
  titles = titles,
  text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n",
  after = diagnostics(buf),
})
vim.lsp.stop_client(vim.lsp.get_active_clients())
"""


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_the_readme_neovim_snippet_in_neovim(tmp_path: Path) -> None:
    (tmp_path / "snippet.lua").write_text(readme_block("lua"), encoding="utf-8")
    (tmp_path / "run.lua").write_text(NVIM_DRIVER, encoding="utf-8")
    before = "FROM python:3.12-slim\nRUN pip install -r requirements.txt\nRUN pip install --no-cache-dir flask\n"
    (tmp_path / "Dockerfile").write_text(before)
    (tmp_path / ".lintainer.toml").write_text('select = ["DF202", "DF203"]\n')
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    completed = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", "luafile run.lua", "-c", "qa!"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    result_file = tmp_path / "result.json"
    assert result_file.exists(), f"Neovim wrote no result:\n{completed.stdout}\n{completed.stderr}"
    result = json.loads(result_file.read_text())
    assert [(d["line"], d["column"], d["code"]) for d in result["before"]] == [(2, 5, "DF202"), (3, 32, "DF203")]
    assert result["titles"] == ["Fix all safe problems (lintainer)"]
    assert result["text"] == before.replace("pip install -r", "pip install --no-cache-dir -r")
    assert [(d["line"], d["column"], d["code"]) for d in result["after"]] == [(3, 32, "DF203")]


# ------------------------------------------------------------------------------------------------------------------
# Positions and edits, in-process
# ------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, (1, 12)), (UTF32, (1, 11)), (UTF8, (1, 14))],
)
def test_document_lines_convert_after_an_emoji(encoding: str, expected: tuple[int, int]) -> None:
    lines = DocumentLines("FROM a\nRUN echo 😀 x\n", encoding)
    position = lines.position(2, 12)  # the `x`, character 12 of line 2
    assert (position.line, position.character) == expected


def test_document_lines_crlf_bom_and_past_the_end() -> None:
    lines = DocumentLines("\ufeffFROM a\r\nRUN b\r\n", UTF16)
    first = lines.position(1, 1)  # the linter does not count the BOM; the editor does
    assert (first.line, first.character) == (0, 1)
    end_of_run = lines.position(2, 6)  # before the "\r"
    assert (end_of_run.line, end_of_run.character) == (1, 5)
    past = lines.position(9, 1)
    assert (past.line, past.character) == (2, 0)
    clamped = lines.position(2, 40)
    assert (clamped.line, clamped.character) == (1, 5)
    span = lines.range(Span(2, 1, 2, 4))
    assert (span.start.character, span.end.character) == (0, 3)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("a\nb\nc", "a\nb\nC"),  # no final newline
        ("a\nb\n", "a\nb\nc\n"),  # appended
        ("a\r\nb\r\n", "x\r\na\r\nb\r\n"),
        ("😀\nb", "😀\nb\nc"),
        ("", "a\n"),
    ],
)
def test_line_diff_edits_rebuild_the_text(before: str, after: str) -> None:
    edits = [
        {
            "range": {
                "start": {"line": e.range.start.line, "character": e.range.start.character},
                "end": {"line": e.range.end.line, "character": e.range.end.character},
            },
            "newText": e.new_text,
        }
        for e in line_diff_edits(before, after, UTF16)
    ]
    assert apply_text_edits(before, edits) == after


def test_the_first_lint_moves_long_lived_objects_out_of_the_collectors_sight(tmp_path: Path) -> None:
    """A resident server freezes what its first lint leaves alive, so later full collections stay short."""
    import gc

    from linter.server import _Document, create_server

    server = create_server()
    text = "FROM python:3.12-slim\nRUN pip install flask\n"
    document = _Document(
        uri=(tmp_path / "Dockerfile").as_uri(), path=str(tmp_path / "Dockerfile"), text=text, version=1
    )
    gc.unfreeze()
    try:
        first = server._lint_job(document, text, server.generation, "utf-16")
        frozen = gc.get_freeze_count()
        second = server._lint_job(document, text, server.generation, "utf-16")
        assert first is not None and second is not None
        assert [d.code for d in first.diagnostics] == [d.code for d in second.diagnostics] == ["DF202", "DF203"]
        assert frozen > 0
        assert gc.get_freeze_count() == frozen  # once only
    finally:
        gc.unfreeze()


# -- diagnostics kept between lints: never stale ------------------------------------------------------------------


def _fresh_diagnostics(text: str, encoding: str = UTF16) -> list[Any]:
    from linter import server

    server._DIAGNOSTICS.clear()
    return server.diagnostics_for(text, "/tmp/Dockerfile", lint_options(load_settings(None), all_rules()), encoding)[1]


def _kept_diagnostics(text: str, encoding: str = UTF16) -> list[Any]:
    from linter import server

    return server.diagnostics_for(text, "/tmp/Dockerfile", lint_options(load_settings(None), all_rules()), encoding)[1]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the same finding (same character columns) after a character that takes two UTF-16 units instead of one
        (
            "FROM python:3.12\nRUN echo a; apt-get install curl\n",
            "FROM python:3.12\nRUN echo 😀; apt-get install curl\n",
        ),
        # a byte order mark makes the first line's columns one character further for the editor
        ("FROM python\nRUN pip install x\n", "\ufeffFROM python\nRUN pip install x\n"),
        # a line added above moves every finding below
        ("FROM python\nRUN pip install x\n", "# note\nFROM python\nRUN pip install x\n"),
        # a finding whose text changes
        ("FROM python\nRUN pip install x\n", "FROM python\nRUN pip install y\n"),
    ],
)
def test_kept_diagnostics_equal_freshly_made_ones(before: str, after: str) -> None:
    for encoding in (UTF16, UTF8, UTF32):
        _fresh_diagnostics(before, encoding)
        assert _kept_diagnostics(after, encoding) == _fresh_diagnostics(after, encoding)


def test_unchanged_findings_keep_their_diagnostics_and_the_store_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from linter import server

    first = _fresh_diagnostics("FROM python\nRUN pip install x\nRUN apt-get install curl\n")
    again = _kept_diagnostics("FROM python\nRUN pip install x\nRUN apt-get install curl\n")
    assert again == first and all(kept is made for kept, made in zip(again, first, strict=True))
    monkeypatch.setattr(server, "MAX_KEPT_DIAGNOSTICS", 3)
    _kept_diagnostics("FROM python:3.12\nRUN pip install a\nRUN pip install b\nRUN apt-get install c d e\n")
    assert len(server._DIAGNOSTICS) <= 3
