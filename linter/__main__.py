import os
import sys

# `python -m linter` puts the current directory first on sys.path. In a checkout being linted, a `click.py` or a
# `*.dist-info` with entry points there must not be imported: drop that entry (the `lintainer` script never has it).
# sys.flags.safe_path (-P, PYTHONSAFEPATH) is Python 3.11's; 3.10 always puts the directory first.
if (
    not getattr(sys.flags, "safe_path", False)
    and sys.path
    and os.path.abspath(sys.path[0] or os.curdir) == os.path.abspath(os.curdir)
):
    del sys.path[0]

from linter.cli import main

main()
