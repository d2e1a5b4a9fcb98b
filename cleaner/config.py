"""The one configuration record. Variants with ``dataclasses.replace``."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Mode(enum.Enum):
    """How aggressive removal is: precision removes more, recall keeps more."""

    PRECISION = "precision"
    BALANCED = "balanced"
    RECALL = "recall"


class InputFormat(enum.Enum):
    AUTO = "auto"
    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True)
class Config:
    """Everything that changes what ``clean`` returns.

    mode           precision | balanced | recall (see ``Mode``)
    rule_files     extra TOML rule files, loaded after the built-in ones
    default_rules  load the built-in rules shipped in the package
    input_format   auto-detect HTML from the content, or force text / html
    encoding       decode bytes with this codec instead of detecting one
    headline       keep the headline that leads the body in the text; False: only ``Cleaned.title``
                   has it (an articleBody without the headline, as HTML extractors return)
    timeout        seconds one document may take (None: no guard)
    max_bytes      larger inputs are refused with InputError
    """

    mode: Mode = Mode.BALANCED
    rule_files: tuple[Path, ...] = ()
    default_rules: bool = True
    input_format: InputFormat = InputFormat.AUTO
    encoding: str | None = None
    headline: bool = True
    timeout: float | None = 30.0
    max_bytes: int = 200 * 1024 * 1024

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", Mode(self.mode))
        object.__setattr__(self, "input_format", InputFormat(self.input_format))
        object.__setattr__(self, "rule_files", tuple(Path(p) for p in self.rule_files))
