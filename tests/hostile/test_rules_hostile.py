"""Hostile rule files: refused at load with file, rule id and reason, or bounded at match time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import Recorder
from hostile_cases import EN
from hostile_run import cleaner, error_line

from cleaner import Cleaner, Config, RuleError

RULE = '[[rule]]\nid = "bad"\ncomment = "hostile"\n'
FILES = {  # name -> (what, file text)
    "malformed-toml": ("not TOML at all", '[[rule]\nid = "bad"'),
    "unknown-key": ("a key no rule has", RULE + 'phrases = ["x"]\ncolour = "red"\n'),
    "unknown-table": ("a table that is not [[rule]]", '[rules]\nid = "x"\n'),
    "rule-not-table": ("`rule = 5`", "rule = 5\n"),
    "missing-id": ("a rule without id", '[[rule]]\ncomment = "c"\nphrases = ["x"]\n'),
    "duplicate-id": ("two rules with one id", (RULE + 'phrases = ["x"]\n') * 2),
    "no-matchers": ("neither phrases, prefixes nor patterns", RULE),
    "wrong-type": ("`phrases = \"x\"` (a string, not a list)", RULE + 'phrases = "x"\n'),
    "bad-action": ("action = \"explode\"", RULE + 'phrases = ["x"]\naction = "explode"\n'),
    "bad-max-words": ("max_words = -1", RULE + 'phrases = ["x"]\nmax_words = -1\n'),
    "empty-pattern": ("patterns = [\"\"]", RULE + "patterns = ['']\n"),
    "empty-match": ("a pattern that matches the empty text: `x*`", RULE + "patterns = ['x*']\n"),
    "always-match": ("a pattern that matches any text: `.`", RULE + "patterns = ['.']\n"),
    "invalid-regex": ("an unbalanced `(`", RULE + "patterns = ['(']\n"),
    "catastrophic": ("catastrophic backtracking: `(a+)+$`", RULE + "patterns = ['(a+)+$']\n"),
    "catastrophic-alt": ("catastrophic backtracking: `(a|aa)+$`", RULE + "patterns = ['(a|aa)+$']\n"),
    "not-utf8": ("a rule file in latin-1", RULE.replace("hostile", "h\xf4stile") + 'phrases = ["x"]\n'),
}


def _write(tmp: Path, name: str) -> Path:
    path = tmp / f"{name}.toml"
    text = FILES[name][1]
    path.write_bytes(text.encode("latin-1" if name == "not-utf8" else "utf-8"))
    return path


@pytest.mark.parametrize("name", list(FILES))
def test_rule_file_is_refused(name: str, tmp_path: Path, recorder: Recorder) -> None:
    path = _write(tmp_path, name)
    with pytest.raises(RuleError) as err:
        Cleaner(Config(rule_files=(path,)))
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    if name not in ("malformed-toml", "unknown-table", "rule-not-table", "missing-id", "not-utf8"):
        assert "rule 'bad'" in message, message  # file, rule id and reason
    proc = cleaner("--rules", path, stdin=b"text")
    assert proc.returncode == 2 and error_line(proc.stderr) == message
    recorder.check("rules", name, "outcome", "rejected: " + message.replace(str(tmp_path) + "/", ""),
                   FILES[name][0])


SLOW_PATTERNS = {  # not caught by the load-time probe: the regex timeout bounds them per block
    "slow-not-probed": ("`^(\\p{L}+\\s*)+\\.$` on 2,000 blocks of 'aaaa… a!'", r"^(\p{L}+\s*)+\.$"),
}


def test_slow_pattern_is_bounded_at_match_time(tmp_path: Path, recorder: Recorder) -> None:
    what, pattern = SLOW_PATTERNS["slow-not-probed"]
    path = tmp_path / "slow.toml"
    path.write_text(RULE + f"patterns = ['{pattern}']\n")
    c = Cleaner(Config(rule_files=(path,), timeout=20))
    blocks = "\n\n".join(["a" * 3000 + " a!", *EN] * 20)
    started = time.monotonic()
    try:
        outcome = "loads; cleaned " + ("with a body" if c.clean(blocks).text else "to nothing")
    except RuleError as exc:
        outcome = f"rejected: {exc}"
    except Exception as exc:  # the document guard: an InputError
        outcome = f"loads; document error: {exc}"
    took = time.monotonic() - started
    assert took < 25
    recorder.check("rules", "slow-not-probed", "outcome", outcome, what)


def test_slow_user_pattern_does_not_hide_default_rules(tmp_path: Path) -> None:
    """A user pattern timing out in the joined prefilter must not stop other rules from matching."""
    from cleaner.rules import RuleSet, parse_rules

    slow = parse_rules(RULE + "patterns = ['(a|aa)+$']\n", "slow.toml")
    other = parse_rules(RULE.replace('"bad"', '"other"') + "patterns = ['a{3000}']\n", "other.toml")
    rs = RuleSet(slow + other, frozenset(), frozenset())
    hit = rs.first_match("a" * 3000 + "!", "a" * 3000, 1)
    assert hit is not None and hit.id == "other"
