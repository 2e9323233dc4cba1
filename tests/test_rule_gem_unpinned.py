"""DF212 gem-unpinned: gem installs without a version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF212"
RUBY = "FROM ruby:3.3-slim"

POSITIVE = [
    (f"{RUBY}\nRUN gem install bundler\n", [(2, 17)]),
    (f"{RUBY}\nRUN gem i -N --source https://rubygems.org rails\n", [(2, 44)]),
    (f"{RUBY}\nRUN gem install rails:7.1.3 puma\n", [(2, 29)]),
    (f"{RUBY}\nRUN gem install pg -- --with-pg-config=/usr/bin/pg_config\n", [(2, 17)]),
    ("from ruby:3.3-slim\nrun gem install \\\n    --no-document \\\n    bundler\n", [(4, 5)]),
    (f'{RUBY}\nRUN ["gem", "install", "bundler"]\n', [(2, 24)]),
    (f"{RUBY}\nRUN cat <<EOF > /x && gem install bundler\nx\nEOF\n", [(2, 35)]),
    (f"{RUBY}\nONBUILD RUN gem install bundler\n", [(2, 25)]),
]

NEGATIVE = [
    f"{RUBY}\nRUN gem install bundler -v 2.5.11\n",
    f"{RUBY}\nRUN gem install bundler --version '~> 2.5'\n",
    f"{RUBY}\nRUN gem install bundler --version=2.5.11\n",
    f"{RUBY}\nRUN gem install -v2.5.11 bundler\n",
    f"{RUBY}\nRUN gem install bundler:2.5.11 rails:7.1.3\n",
    f"{RUBY}\nARG BUNDLER_VERSION\nRUN gem install bundler:$BUNDLER_VERSION $GEMS\n",
    f"{RUBY}\nRUN gem install --local --force pups-1.4.0.gem ./vendor/x.gem\n",
    f"{RUBY}\nRUN gem install -g Gemfile\n",
    f"{RUBY}\nRUN gem update --system 3.5.11\n",
    f"{RUBY}\nRUN gem fetch pups --version 1.4.0\n",
    f"{RUBY}\nRUN bundle install\n",
    f"{RUBY}\nRUN echo gem install rails\n",
    f"{RUBY}\nRUN cat <<EOF > /notes\ngem install rails\nEOF\n",
    f'{RUBY}\nRUN ["gem", "install", "bundler", "-v", "2.5.11"]\n',
    f"{RUBY}\nONBUILD RUN gem install bundler:2.5.11\n",
    "from ruby:3.3-slim\nrun gem install \\\n    bundler -v 2.5.11\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message() -> None:
    [finding] = lint(f"{RUBY}\nRUN gem install bundler\n", CODE)
    assert finding.message == (
        "`gem install` installs `bundler` without a version: pin it (`bundler:<version>` or `-v <version>`) so that "
        "rebuilds install the same code"
    )
