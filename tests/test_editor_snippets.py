"""The README's "Editor integration" snippets, run by the real editors against the real CLI.

Each snippet is taken from README.md as written and loaded into the editor with a minimal stand-in for its linting
plugin (nvim-lint's ``require("lint")`` table, ALE's ``ale#linter#Define``, Flycheck's ``flycheck-define-checker`` and
``flycheck-error-new-at``): the editor runs the command line the snippet defines on a Dockerfile sent through stdin,
feeds lintainer's output to the snippet's parser and the test checks the diagnostics it produced. A test is skipped
when its editor is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = "FROM alpine\nFOO bar\nCOPY --nope=1 a b\n"
# What every snippet must report, as (line, column, end line, end column, code, message), 1-based, end exclusive.
EXPECTED = [
    (2, 1, 2, 4, "DF001", "unknown instruction `FOO`"),
    (3, 6, 3, 14, "DF001", "unknown flag `--nope` for COPY"),
]


def readme_snippet(language: str) -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Editor integration", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, f"expected one {language} block in the README's Editor integration section"
    return blocks[0]


def editor_env() -> dict[str, str]:
    # The `lintainer` console script of the interpreter running the tests comes first.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, "NO_COLOR": "1"}


def run_editor(command: list[str], workdir: Path, result_file: Path) -> Any:
    completed = subprocess.run(
        command, cwd=workdir, env=editor_env(), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result_file.exists(), f"the editor wrote no result:\n{completed.stdout}\n{completed.stderr}"
    return json.loads(result_file.read_text())


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile.input").write_text(DOCKERFILE)
    # Found from the editor's directory: DF001 only, so rules added later do not change what the snippets see.
    (tmp_path / ".lintainer.toml").write_text('select = ["DF001"]\n')
    return tmp_path


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_nvim_lint_snippet(workdir: Path) -> None:
    (workdir / "snippet.lua").write_text(readme_snippet("lua"))
    (workdir / "test.lua").write_text(
        """
        package.preload["lint"] = function()
          return { linters = {}, linters_by_ft = {}, try_lint = function() end }
        end
        dofile("snippet.lua")
        local lint = require("lint")
        local linter = lint.linters.lintainer
        vim.api.nvim_buf_set_name(0, vim.fn.getcwd() .. "/svc/Dockerfile")
        local command = { linter.cmd }
        for _, arg in ipairs(linter.args) do
          table.insert(command, type(arg) == "function" and arg() or arg)
        end
        local content = table.concat(vim.fn.readfile("Dockerfile.input"), "\\n") .. "\\n"
        local output = vim.fn.system(command, content)
        local diagnostics = linter.parser(output, 0)
        vim.fn.writefile({ vim.json.encode({
          command = command, stdin = linter.stdin, ft = lint.linters_by_ft.dockerfile, diagnostics = diagnostics,
        }) }, "result.json")
        """
    )
    result = run_editor(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", "luafile test.lua", "-c", "qa!"],
        workdir,
        workdir / "result.json",
    )
    assert result["ft"] == ["lintainer"] and result["stdin"] is True
    assert result["command"][-2:] == [str(workdir / "svc" / "Dockerfile"), "-"]
    # vim.diagnostic positions are 0-based with an exclusive end column; severity 1 = ERROR.
    assert [
        (d["lnum"] + 1, d["col"] + 1, d["end_lnum"] + 1, d["end_col"] + 1, d["code"], d["message"])
        for d in result["diagnostics"]
    ] == EXPECTED
    assert {(d["severity"], d["source"], d["bufnr"]) for d in result["diagnostics"]} == {(1, "lintainer", 0)}


@pytest.mark.skipif(shutil.which("vim") is None, reason="Vim is not installed")
def test_ale_snippet(workdir: Path) -> None:
    stub = workdir / "stub" / "autoload" / "ale"
    stub.mkdir(parents=True)
    (stub / "linter.vim").write_text(
        "let g:defined = []\n"
        "function! ale#linter#Define(filetype, linter) abort\n"
        "  call add(g:defined, [a:filetype, a:linter])\n"
        "endfunction\n"
    )
    # Where the README says to put it: Vim checks that the file path matches the function name's prefix.
    linters = workdir / "stub" / "ale_linters" / "dockerfile"
    linters.mkdir(parents=True)
    (linters / "lintainer.vim").write_text(readme_snippet("vim"))
    (workdir / "test.vim").write_text(
        "set runtimepath^=stub\n"
        "runtime ale_linters/dockerfile/lintainer.vim\n"
        "let s:linter = g:defined[0][1]\n"
        "let s:command = substitute(s:linter.command, '%s', shellescape('svc/Dockerfile'), '')\n"
        "let s:lines = systemlist(s:command, readfile('Dockerfile.input'))\n"
        "let s:result = function(s:linter.callback)(bufnr(''), s:lines)\n"
        "let s:report = {'ft': g:defined[0][0], 'linter': s:linter, 'result': s:result}\n"
        "call writefile([json_encode(s:report)], 'result.json')\n"
        "qa!\n"
    )
    result = run_editor(
        ["vim", "-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S", "test.vim"], workdir, workdir / "result.json"
    )
    assert result["ft"] == "dockerfile"
    assert (result["linter"]["name"], result["linter"]["executable"]) == ("lintainer", "lintainer")
    # ALE's columns are 1-based and its end column inclusive.
    assert [(d["lnum"], d["col"], d["end_lnum"], d["end_col"] + 1, d["code"], d["text"]) for d in result["result"]] == (
        EXPECTED
    )
    assert {d["type"] for d in result["result"]} == {"E"}


@pytest.mark.skipif(shutil.which("emacs") is None, reason="Emacs is not installed")
def test_flycheck_snippet(workdir: Path) -> None:
    (workdir / "flycheck.el").write_text(
        """
        ;; A stand-in for Flycheck: records the checker definition and builds errors as plists.
        (require 'cl-lib)
        (defvar flycheck-checkers nil)
        (defvar lintainer-test-checker nil)
        (defmacro flycheck-define-checker (name _doc &rest properties)
          `(setq lintainer-test-checker '(,name ,@properties)))
        (cl-defun flycheck-error-new-at (line column &optional level message
                                         &key id checker buffer filename group end-line end-column)
          (list :line line :column column :level (symbol-name level) :message message :id id
                :checker (symbol-name checker)))
        (provide 'flycheck)
        """
    )
    (workdir / "snippet.el").write_text(readme_snippet("elisp"))
    (workdir / "test.el").write_text(
        """
        (require 'json)
        (let* ((properties (cdr lintainer-test-checker))
               (command (mapcar (lambda (part) (if (eq part 'source-original) "svc/Dockerfile" part))
                                (plist-get properties :command)))
               (output (with-temp-buffer
                         (insert-file-contents "Dockerfile.input")
                         (let ((input (buffer-string)))
                           (erase-buffer)
                           (with-temp-buffer
                             (insert input)
                             (apply #'call-process-region (point-min) (point-max) (car command) t t nil
                                    (cdr command))
                             (buffer-string)))))
               (errors (funcall (plist-get properties :error-parser) output 'lintainer nil)))
          (with-temp-file "result.json"
            (insert (json-encode
                     (list :command command
                           :standard-input (if (plist-get properties :standard-input) t :json-false)
                           :registered (if (memq 'lintainer flycheck-checkers) t :json-false)
                           :errors (vconcat errors))))))
        """
    )
    result = run_editor(
        ["emacs", "--batch", "-Q", "-l", "flycheck.el", "-l", "snippet.el", "-l", "test.el"],
        workdir,
        workdir / "result.json",
    )
    assert result["standard-input"] is True and result["registered"] is True
    assert result["command"][-2:] == ["svc/Dockerfile", "-"]
    # Flycheck gets start positions (1-based) only.
    assert [(e["line"], e["column"], e["id"], e["message"]) for e in result["errors"]] == [
        (line, column, code, message) for line, column, _, _, code, message in EXPECTED
    ]
    assert {(e["level"], e["checker"]) for e in result["errors"]} == {("error", "lintainer")}
