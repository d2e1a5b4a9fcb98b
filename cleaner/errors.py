"""One error hierarchy: the CLI maps every CleanerError to a one-line message and exit code 2."""


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class RuleError(CleanerError):
    """A rule file is malformed: the message names the file, the rule id and what is wrong."""


class InputError(CleanerError):
    """The input cannot be cleaned (undecodable, binary, too large, timed out)."""
