"""DF223 yarn-cache-not-cleaned: Yarn 1 installs whose cache stays in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF223"
NODE = "FROM node:20-slim"

POSITIVE = [
    (f"{NODE}\nRUN yarn install --frozen-lockfile\n", [(2, 5)]),
    (f"{NODE}\nRUN yarn\n", [(2, 5)]),
    (f"{NODE}\nRUN yarn --production\n", [(2, 5)]),
    (f"{NODE}\nRUN yarn global add pm2@5.4.2\n", [(2, 5)]),
    (f"{NODE}\nRUN yarn cache clean && yarn install\n", [(2, 25)]),
    ("from node:20-slim\nrun yarn install \\\n    --frozen-lockfile \\\n && yarn build\n", [(2, 5)]),
    (f'{NODE}\nRUN ["yarn", "install"]\n', [(2, 6)]),
    (f"{NODE}\nRUN cat <<EOF > /x && yarn install\nx\nEOF\n", [(2, 23)]),
    (f"{NODE}\nONBUILD RUN yarn install\n", [(2, 13)]),
]

NEGATIVE = [
    f"{NODE}\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    f"{NODE}\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n",
    f"{NODE}\nRUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc\n",
    f"{NODE}\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
    f"{NODE}\nENV YARN_CACHE_FOLDER=/cache/yarn\nRUN --mount=type=cache,target=/cache/yarn yarn install\n",
    # Yarn 2+: the cache belongs to the project
    f"{NODE}\nRUN yarn install --immutable\n",
    f"{NODE}\nRUN corepack enable && yarn install\n",
    f"{NODE}\nCOPY .yarnrc.yml package.json yarn.lock ./\nRUN yarn install\n",
    # builders read only through COPY --from
    f"{NODE} AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /srv\n",
    # not an install
    f"{NODE}\nRUN yarn --version\n",
    f"{NODE}\nRUN yarn build && yarn test\n",
    f"{NODE}\nRUN yarn cache clean\n",
    f"{NODE}\nRUN npm install\n",
    f"{NODE}\nRUN echo yarn install\n",
    f"{NODE}\nRUN cat <<EOF > /notes\nyarn install\nEOF\n",
    f'{NODE}\nRUN ["sh", "-c", "yarn install && yarn cache clean"]\n',
    f"{NODE}\nONBUILD RUN yarn install && yarn cache clean\n",
    "from node:20-slim\nrun yarn install \\\n && yarn cache clean\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (
            "yarn install",
            "`yarn install` keeps every downloaded package in yarn's cache in this layer: end the RUN with "
            "`yarn cache clean`",
        ),
        (
            "yarn global add pm2",
            "`yarn global add` keeps every downloaded package in yarn's cache in this layer: end the RUN with "
            "`yarn cache clean`",
        ),
        (
            "yarn",
            "`yarn` keeps every downloaded package in yarn's cache in this layer: end the RUN with `yarn cache clean`",
        ),
    ],
)
def test_message(run: str, message: str) -> None:
    [finding] = lint(f"{NODE}\nRUN {run}\n", CODE)
    assert finding.message == message
