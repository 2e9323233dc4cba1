"""DF211 npm-unpinned: npm installs of named packages without a fixed version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF211"
NODE = "FROM node:20-slim"

POSITIVE = [
    (f"{NODE}\nRUN npm install -g pm2\n", [(2, 20)]),
    (f"{NODE}\nRUN npm i -g npm@latest\n", [(2, 14)]),
    (f"{NODE}\nRUN npm install --registry https://r.example.com @angular/cli\n", [(2, 50)]),
    (f"{NODE}\nRUN npm add typescript@5.4.5 eslint@next\n", [(2, 30)]),
    (f"{NODE}\nRUN npm install user/repo\n", [(2, 17)]),
    (f"{NODE}\nRUN npm install git+https://github.com/user/repo.git\n", [(2, 17)]),
    ("from node:20-slim\nrun npm install -g \\\n    pm2@5.4.2 \\\n    nodemon\n", [(4, 5)]),
    (f'{NODE}\nRUN ["npm", "install", "-g", "pm2"]\n', [(2, 30)]),
    (f"{NODE}\nRUN cat <<EOF > /x && npm install -g pm2\nx\nEOF\n", [(2, 38)]),
    (f"{NODE}\nONBUILD RUN npm install -g pm2\n", [(2, 28)]),
]

NEGATIVE = [
    f"{NODE}\nRUN npm install\n",
    f"{NODE}\nRUN npm ci --omit=dev\n",
    f"{NODE}\nRUN npm install --production\n",
    f"{NODE}\nRUN npm install -g pm2@5.4.2 @angular/cli@17\n",
    f"{NODE}\nRUN npm install typescript@^5.4 'eslint@>=8 <9' react@v18.3.1\n",
    f"{NODE}\nRUN npm install react17@npm:react@17.0.2\n",
    f'{NODE}\nRUN npm install -g "ghost-cli@$GHOST_CLI_VERSION" $EXTRA\n',
    f"{NODE}\nRUN npm install . ./packages/a ../b /tmp/c.tgz file:../d\n",
    f"{NODE}\nRUN npm install https://example.com/pkg-1.0.0.tgz\n",
    f"{NODE}\nRUN npm install git+https://github.com/user/repo.git#v1.2.0 user/other#4f3e2a1\n",
    f"{NODE}\nRUN npm install github:user/repo#semver:^1.2\n",
    f"{NODE}\nRUN npm uninstall -g pm2\n",
    f"{NODE}\nRUN npm run build\n",
    f"{NODE}\nRUN yarn add pm2\n",
    f"{NODE}\nRUN echo npm install pm2\n",
    f"{NODE}\nRUN cat <<EOF > /notes\nnpm install pm2\nEOF\n",
    f'{NODE}\nRUN ["npm", "install", "-g", "pm2@5.4.2"]\n',
    f"{NODE}\nONBUILD RUN npm install -g pm2@5.4.2\n",
    "from node:20-slim\nrun npm install -g \\\n    pm2@5.4.2\n",
    f"{NODE}\nRUN <<EOF\nnpm ci\nEOF\n",
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
    [finding] = lint(f"{NODE}\nRUN npm i -g npm@latest @scope/tool\n", CODE)
    assert finding.message == (
        "`npm i` installs `npm@latest` and `@scope/tool` without a fixed version: pin each (`npm@<version>`) so that "
        "rebuilds install the same code"
    )
