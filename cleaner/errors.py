"""One error hierarchy: the CLI maps every CleanerError to a one-line message and exit code 2."""

import importlib


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class RuleError(CleanerError):
    """A rule file is malformed: the message names the file, the rule id and what is wrong."""


class InputError(CleanerError):
    """The input cannot be cleaned (undecodable, binary, too large, timed out)."""


def require(what: str, extra: str, *modules: str) -> None:
    """Import an optional extra's ``modules``, or raise a one-line CleanerError: ``what`` needs it
    (the missing module named) and the install command of ``extra``."""
    try:
        for module in modules:
            importlib.import_module(module)
    except ImportError as exc:
        raise CleanerError(f"{what} ({exc.name} is not installed): pip install 'cleaner[{extra}]'") from None
