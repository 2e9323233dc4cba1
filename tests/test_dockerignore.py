"""Docker's .dockerignore semantics (moby/patternmatcher behaviour), checked case by case."""

from __future__ import annotations

import pytest

from linter.dockerignore import (
    DockerIgnore,
    InvalidPattern,
    clean_path,
    ignore_file_names,
    load_dockerignore,
    read_patterns,
)


def excluded(patterns: list[str], path: str) -> bool:
    return DockerIgnore.parse("\n".join(patterns)).excludes(path)


# (pattern, path, excluded) with one pattern; a directory match also excludes what is below it.
SINGLE = [
    ("**", "file", True),
    ("**", "dir/file", True),
    ("**/", "file", True),
    ("**/**", "dir/file", True),
    ("dir/**", "dir/file", True),
    ("dir/**", "dir/dir2/file", True),
    ("**/dir", "dir", True),
    ("**/dir", "dir/file", True),
    ("**/dir2/*", "dir/dir2/file", True),
    ("**/dir2/**", "dir/dir2/dir3/file", True),
    ("**file", "file", True),
    ("**file", "dir/dir/file", True),
    ("**/file", "dir/dir/file", True),
    ("**/file*", "dir/dir/file.txt", True),
    ("**/file*txt", "dir/dir/file.txt", True),
    ("**/**/*.txt", "dir/dir/file.txt", True),
    ("**/**/*.txt2", "dir/dir/file.txt", False),
    ("**/*.txt", "file.txt", True),
    ("a**/*.txt", "a/dir/dir/file.txt", True),
    ("a/*.txt", "a/dir/file.txt", False),
    ("a/*.txt", "a/file.txt", True),
    ("a/*.txt**", "a/file.txt", True),
    ("a[b-d]e", "ae", False),
    ("a[b-d]e", "ace", True),
    ("a[b-d]e", "aae", False),
    ("a[^b-d]e", "aze", True),
    (".*", ".foo", True),
    (".*", "foo", False),
    ("abc.def", "abcdef", False),
    ("abc.def", "abc.def", True),
    ("abc?def", "abcZdef", True),
    ("abc?def", "abcdef", False),
    ("**/foo/bar", "foo/bar", True),
    ("**/foo/bar", "dir/dir2/foo/bar", True),
    ("abc/**", "abc", False),
    ("abc/**", "abc/def/ghi", True),
    ("**/.foo", ".foo", True),
    ("**/.foo", "bar.foo", False),
    ("a(b)c/def", "a(b)c/def", True),
    ("a(b)c/def", "a(b)c/xyz", False),
    ("a.|)$(}+{bc", "a.|)$(}+{bc", True),
    ("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", True),
    ("a\\*b", "a*b", True),
    ("a\\*b", "ab", False),
    ("*", "abc", True),
    ("a*", "ab/c", True),
    ("a*/b", "abc/b", True),
    ("a*/b", "a/c/b", False),
    ("a*b?c*x", "abxbbxdbxebxczzx", True),
    ("a?b", "a/b", False),
    ("a*b", "a/b", False),
    ("[\\]a]", "]", True),
    ("[x\\-]", "-", True),
    ("[x\\-]", "z", False),
    ("*x", "xxx", True),
    ("docs", "docs/README.md", True),
    ("docs/", "docs/README.md", True),
    ("/docs", "docs/README.md", True),
    ("./docs", "docs", True),
    ("*.go", ".", False),
    (".venv", "app/.venv", False),
    ("**/.venv", "app/.venv/bin/python", True),
]


@pytest.mark.parametrize(("pattern", "path", "expected"), SINGLE)
def test_single_pattern(pattern: str, path: str, expected: bool) -> None:
    assert excluded([pattern], path) is expected


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        (["docs", "!docs/README.md"], "docs/README.md", False),
        (["docs/*", "!docs/README.md"], "docs/README.md", False),
        (["*.go", "!fileutils.go"], "fileutils.go", False),
        (["!fileutils.go", "*.go"], "fileutils.go", True),
        (["**", "!util/docker/web"], "util/docker/web/foo", False),
        (["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", True),
        (["**", "!dist/*.whl"], "dist/a-1.0-py3-none-any.whl", False),
        (["*", "!app", "app/.env"], "app/.env", True),
        (["*", "!app"], "app/main.py", False),
    ],
)
def test_last_match_wins(patterns: list[str], path: str, expected: bool) -> None:
    assert excluded(patterns, path) is expected


def test_read_patterns_like_docker() -> None:
    text = "\ufefftest1\n/test2\n/a/file/here\n\nlastfile\n# a comment\n ! /inverted/abs/path\n  # not a comment\n"
    assert read_patterns(text) == [
        (1, "test1"),
        (2, "test2"),
        (3, "a/file/here"),
        (5, "lastfile"),
        (7, "!inverted/abs/path"),
        (8, "# not a comment"),
    ]


@pytest.mark.parametrize("bad", ["[", "a[", "[^", "[^bc", "[]a]", "[-]", "[x-]", "[a-b-c]", "\\", "!"])
def test_malformed_patterns_make_the_file_unusable(bad: str) -> None:
    with pytest.raises(InvalidPattern):
        DockerIgnore.parse(f"ok\n{bad}\n")


@pytest.mark.parametrize(
    ("path", "cleaned"),
    [("", "."), ("./a/", "a"), ("a//b/../c", "a/c"), ("/a/./b", "/a/b"), ("../x", "../x"), ("/..", "/")],
)
def test_clean_path(path: str, cleaned: str) -> None:
    assert clean_path(path) == cleaned


def test_deciding_pattern_and_reinclusion() -> None:
    ignore = DockerIgnore.parse("# secrets\n**/.env\nbuild\n!build/keep\n")
    decided = ignore.deciding_pattern("./app/.env")
    assert decided is not None and (decided.line, decided.written) == (2, "**/.env")
    assert ignore.deciding_pattern("app/main.py") is None
    assert ignore.may_reinclude_below("build")
    assert not ignore.may_reinclude_below("app")
    assert DockerIgnore.parse("x\n!**/keep\n").may_reinclude_below("x")


def test_dockerfile_specific_file_wins() -> None:
    assert ignore_file_names("ci/api.Dockerfile") == ["api.Dockerfile.dockerignore", ".dockerignore"]
    assert ignore_file_names("-") == [".dockerignore"]
    files = {"Dockerfile.dockerignore": "specific\n", ".dockerignore": "general\n"}
    loaded = load_dockerignore("Dockerfile", files.get)
    assert loaded is not None and loaded.source == "Dockerfile.dockerignore" and loaded.excludes("specific")
    loaded = load_dockerignore("other/Containerfile", files.get)
    assert loaded is not None and loaded.source == ".dockerignore"
    assert load_dockerignore("Dockerfile", {}.get) is None
