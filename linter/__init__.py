"""lintainer: a Dockerfile linter that knows Python web services, and fixes what it finds."""

__version__ = "0.1.0"

# Where each rule's documentation lives; ``{code}`` is replaced by the rule code.
RULE_DOCS_URL = "https://github.com/lintainer/lintainer/blob/main/docs/rules.md#{code}"
