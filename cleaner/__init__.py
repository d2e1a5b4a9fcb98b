"""cleaner: the article body of a web page dump or HTML, and nothing else.

>>> from cleaner import clean
>>> clean("Menu\\n\\nSearch")
''
"""

from .api import Cleaner, clean
from .config import Config, InputFormat, Mode
from .errors import CleanerError, InputError, RuleError
from .replay import apply_decisions
from .types import Block, Cleaned, Decision, Label

__all__ = ["clean", "Cleaner", "Cleaned", "Config", "Mode", "InputFormat", "Block", "Decision", "Label",
           "CleanerError", "RuleError", "InputError", "apply_decisions"]
