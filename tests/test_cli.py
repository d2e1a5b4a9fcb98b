"""The ``cleaner`` command, run as a user runs it: ``python -m cleaner`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import cli, rules

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_39b2ea25ac99eeb9.txt"
EXPECTED = ROOT / "seeds" / "000_39b2ea25ac99eeb9.expected.txt"

PROSE = [
    "The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
    "bridge over the river will be built by the end of next year at a cost of about two million euros.",
    "Residents of the eastern districts have waited for a second crossing for more than a decade, and many "
    "of them came to the meeting to hear the decision and to ask questions about the traffic plan.",
    "Zorbulon Media sponsored the public meeting and paid for the hall, the microphones and the coffee "
    "that was served to the residents who waited in the corridor before the vote.",
    "The mayor said that construction work would start in the spring, once the last permits have been "
    "granted by the regional water authority and the contracts have been signed.",
]
PAGE = ("Home\nNews\nSport\nContact\n\nCouncil approves the new river bridge\n\n" + "\n\n".join(PROSE)
        + "\n\nShare this article\nCopyright 2024 Example News. All rights reserved.\n")
SPONSOR_RULE = """\
[[rule]]
id = "sponsor-line"
comment = "sponsorship notes are not part of the story"
action = "drop"
prefixes = ["zorbulon media sponsored"]
"""


def run(*args: str | os.PathLike[str], stdin: bytes = b"", timeout: float = 120,
        ) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=stdin,
                          capture_output=True, env=env, timeout=timeout, check=False)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    return proc


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The run failed with exit 2 and exactly one line ``cleaner: error: ...`` on stderr."""
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.count("\n") == 1 and err.startswith("cleaner: error: "), err
    return err


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_stdin_to_stdout_is_the_body_with_one_newline() -> None:
    proc = run(stdin=PAGE.encode())
    out = proc.stdout.decode()
    assert proc.returncode == 0 and proc.stderr == b""
    assert PROSE[0] in out and "Copyright" not in out and "Home" not in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_dash_means_stdin_and_stdout(tmp_path: Path) -> None:
    proc = run("-", "-o", "-", stdin=PAGE.encode())
    assert proc.returncode == 0 and PROSE[0] in proc.stdout.decode()


def test_seed_runs_and_ends_with_one_newline() -> None:
    proc = run(stdin=SEED.read_bytes())
    assert proc.returncode == 0 and proc.stdout.endswith(b"\n") and not proc.stdout.endswith(b"\n\n")


def test_seed_gives_the_expected_body() -> None:
    assert run(stdin=SEED.read_bytes()).stdout == EXPECTED.read_bytes()


def test_file_argument_equals_stdin(page: Path) -> None:
    assert run(page).stdout == run(stdin=PAGE.encode()).stdout


def test_several_files_print_headed_sections(tmp_path: Path, page: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(PAGE.replace("Tuesday", "Monday"), encoding="utf-8")
    out = run(page, other).stdout.decode()
    assert out.startswith(f"==> {page} <==\n") and f"\n==> {other} <==\n" in out
    assert "Tuesday" in out and "Monday" in out


def test_several_files_as_json_lines(tmp_path: Path, page: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(PAGE, encoding="utf-8")
    lines = run("--format", "json", page, other).stdout.decode().splitlines()
    assert [json.loads(line)["input"] for line in lines] == [str(page), str(other)]


def test_output_file_is_written_atomically(tmp_path: Path, page: Path) -> None:
    out = tmp_path / "body.txt"
    out.write_text("old content", encoding="utf-8")
    proc = run(page, "-o", out)
    assert proc.returncode == 0 and proc.stdout == b""
    assert out.read_bytes() == run(page).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["body.txt", "page.txt"]  # no temp file left


def test_failed_run_leaves_no_output_file(tmp_path: Path) -> None:
    src, out = tmp_path / "bin.dat", tmp_path / "body.txt"
    src.write_bytes(b"\0\1\2\3" * 100)
    one_error_line(run(src, "-o", out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin.dat"]


def test_refuses_to_overwrite_its_input(page: Path) -> None:
    err = one_error_line(run(page, "-o", page))
    assert "refusing to overwrite" in err and page.read_text(encoding="utf-8") == PAGE


def test_refuses_to_overwrite_stdin_file(page: Path) -> None:
    with page.open("rb") as fh:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-m", "cleaner", "-o", str(page)], stdin=fh,
                              capture_output=True, env=env, timeout=60, check=False)
    assert "refusing to overwrite" in one_error_line(proc) and page.read_text(encoding="utf-8") == PAGE


def test_output_directory_for_several_inputs(tmp_path: Path, page: Path) -> None:
    other, outdir = tmp_path / "other.txt", tmp_path / "out"
    other.write_text(PAGE, encoding="utf-8")
    outdir.mkdir()
    assert run(page, other, "-o", outdir).returncode == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["other.txt", "page.txt"]
    assert (outdir / "page.txt").read_bytes() == run(page).stdout


def test_output_directory_refuses_its_inputs_and_name_clashes(tmp_path: Path, page: Path) -> None:
    assert "refusing to overwrite" in one_error_line(run(page, "-o", tmp_path))
    (tmp_path / "sub").mkdir()
    twin = tmp_path / "sub" / "page.txt"
    twin.write_text(PAGE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    assert "would be written there" in one_error_line(run(page, twin, "-o", tmp_path / "out"))


def test_several_inputs_need_a_directory(tmp_path: Path, page: Path) -> None:
    assert "existing directory" in one_error_line(run(page, page, "-o", tmp_path / "nope.txt"))


def test_explain_lists_every_block(page: Path) -> None:
    lines = run("--explain", page).stdout.decode().splitlines()
    assert len(lines) == 11
    for line in lines:
        label, reason, quoted = line.split("  ", 2)
        assert label in {"KEEP", "DROP"} and reason and quoted.startswith('"') and quoted.endswith('"')
    assert lines[0].startswith('DROP  ') and lines[0].endswith('  "Home"')
    assert any(line.startswith("KEEP  ") and "The city council met" in line for line in lines)
    assert all(len(line.split("  ", 2)[2]) <= cli.EXPLAIN_WIDTH + 2 for line in lines)


def test_explain_and_json_are_exclusive(page: Path) -> None:
    one_error_line(run("--explain", "--format", "json", page))


def test_json_has_text_title_and_blocks_with_offsets(page: Path) -> None:
    data = json.loads(run("--format", "json", page).stdout)
    assert set(data) >= {"text", "title", "blocks"}
    assert data["text"] + "\n" == run(page).stdout.decode()
    for block in data["blocks"]:
        assert set(block) >= {"text", "label", "reason", "start", "end"}
        assert PAGE[block["start"]:block["end"]] == block["text"]


def test_user_rule_file_removes_a_line(tmp_path: Path, page: Path) -> None:
    rule_file = tmp_path / "mysite.toml"
    rule_file.write_text(SPONSOR_RULE, encoding="utf-8")
    assert "Zorbulon" in run(page).stdout.decode()
    proc = run("--rules", rule_file, page)
    assert proc.returncode == 0 and "Zorbulon" not in proc.stdout.decode()
    assert PROSE[0] in proc.stdout.decode()
    explained = run("--explain", "--rules", rule_file, page).stdout.decode()
    assert 'DROP  rule:sponsor-line  "Zorbulon' in explained


@pytest.mark.parametrize(("content", "what"), [
    ('[[rule]]\nid = "bad-re"\ncomment = "x"\npatterns = ["(unclosed"]\n', "bad pattern"),
    ('[[rule]]\nid = "no-match"\ncomment = "x"\n', "needs at least one"),
    ('[[rule]]\nid = "typo"\ncomment = "x"\nphrase = ["a"]\n', "unknown key"),
])
def test_malformed_rule_file_names_file_and_rule(tmp_path: Path, page: Path, content: str, what: str) -> None:
    rule_file = tmp_path / "bad.toml"
    rule_file.write_text(content, encoding="utf-8")
    err = one_error_line(run("--rules", rule_file, page))
    rid = content.split('id = "')[1].split('"')[0]
    assert err.startswith(f"cleaner: error: {rule_file}: rule '{rid}': ") and what in err


def test_unparsable_and_missing_rule_files(tmp_path: Path, page: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]\nid = ", encoding="utf-8")
    assert f"{bad}: not valid TOML" in one_error_line(run("--rules", bad, page))
    assert "cannot read rule file" in one_error_line(run("--rules", tmp_path / "none.toml", page))


def test_no_default_rules_leaves_builtin_rules_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """In-process, with a stand-in built-in rule file: the flag decides whether it is loaded."""
    builtin = tmp_path / "builtin.toml"
    builtin.write_text(SPONSOR_RULE, encoding="utf-8")
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(rules, "_default_paths", lambda: [builtin])
    rules._load_ruleset.cache_clear()
    try:
        assert cli.main(["--explain", str(src)]) == 0
        assert "rule:sponsor-line" in capsys.readouterr().out
        assert cli.main(["--explain", "--no-default-rules", str(src)]) == 0
        assert "rule:sponsor-line" not in capsys.readouterr().out
    finally:
        rules._load_ruleset.cache_clear()


@pytest.mark.parametrize("mode", ["precision", "balanced", "recall"])
def test_modes_are_accepted(page: Path, mode: str) -> None:
    proc = run("--mode", mode, page)
    assert proc.returncode == 0 and PROSE[0] in proc.stdout.decode()


def test_bad_options_exit_2(page: Path) -> None:
    proc = run("--mode", "extreme", page)
    assert proc.returncode == 2 and b"invalid choice" in proc.stderr
    assert "unknown encoding" in one_error_line(run("--encoding", "klingon", page))


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    src = tmp_path / "page.txt"
    src.write_bytes(PAGE.replace("euros", "Größe €").encode("cp1252"))
    assert "Größe €" in run(src).stdout.decode()
    assert "Größe €" in run("--encoding", "cp1252", src).stdout.decode()
    assert "invalid" in one_error_line(run("--encoding", "utf-8", src)).lower()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "cp1252"])
def test_encoded_input_gives_utf8_output(tmp_path: Path, codec: str) -> None:
    text = PAGE.replace("euros", "euros, à peu près")
    out = run(stdin=text.encode(codec)).stdout.decode("utf-8")
    assert "à peu près" in out


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  \r\n"])
def test_empty_and_whitespace_input_is_an_empty_body(data: bytes) -> None:
    proc = run(stdin=data)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 64,
    b"text with a NUL\0byte\n" * 10,
    b"\x01\x02\x03\x04\x05\x06\x07\x08" * 500,
])
def test_binary_input_is_one_error_line(data: bytes) -> None:
    proc = run(stdin=data)
    assert "<stdin>: input looks binary" in one_error_line(proc) and proc.stdout == b""


def test_missing_file_and_directory_input(tmp_path: Path, page: Path) -> None:
    assert "No such file" in one_error_line(run(tmp_path / "missing.txt"))
    assert "directory" in one_error_line(run(tmp_path)).lower()


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path, page: Path) -> None:
    proc = run(tmp_path / "missing.txt", page)
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    assert PROSE[0] in proc.stdout.decode()


def test_timeout_is_one_error_line() -> None:
    big = ("word " * 40 + "\n") * 200_000
    err = one_error_line(run("--timeout", "0.05", stdin=big.encode()))
    assert "timed out after 0.05s" in err


def test_missing_subcommand_module_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "cleaner.batch", None)  # import of it fails as if absent
    assert cli.main(["batch", "--help"]) == 2
    assert "'batch' subcommand is not available" in capsys.readouterr().err


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().startswith("cleaner ")
    helptext = run("--help").stdout.decode()
    for option in ("--explain", "--format", "--rules", "--no-default-rules", "--mode", "--encoding",
                   "--timeout", "--version", "-o", "==>", "DIR"):
        assert option in helptext


def test_closed_pipe_is_quiet(page: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    big = ("\n\n".join(PROSE) + "\n\n") * 3_000
    proc = subprocess.Popen([sys.executable, "-m", "cleaner"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(big.encode())
    proc.stdin.close()
    proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=120) in (0, 141)
    assert proc.stderr.read() == b""


@pytest.mark.slow
def test_a_million_short_lines_finish(tmp_path: Path) -> None:
    src = tmp_path / "lines.txt"
    src.write_bytes(b"".join(bytes([97 + i % 26]) + b"\n" for i in range(10**6)))
    started = time.monotonic()
    proc = run(src, timeout=300)
    print(f"10^6 lines: {time.monotonic() - started:.1f}s, exit {proc.returncode}")
    assert proc.returncode == 0 or "timed out" in one_error_line(proc)


@pytest.mark.slow
def test_a_50mb_single_line_finishes(tmp_path: Path) -> None:
    src = tmp_path / "line.txt"
    words = b"the council met on tuesday and agreed that a new bridge will be built over the river "
    src.write_bytes((words * (50 * 2**20 // len(words) + 1))[: 50 * 2**20])
    started = time.monotonic()
    proc = run(src, timeout=300)
    print(f"50 MB line: {time.monotonic() - started:.1f}s, exit {proc.returncode}")
    assert proc.returncode == 0 or "timed out" in one_error_line(proc)
