"""Count the instructions samplan's commands execute, against a git ref.

    python bench/instructions.py                     # this working tree against main
    python bench/instructions.py --against f19ec5b   # ... against any commit

Wall time on a shared virtual machine moves by a third between runs, and with
other work running it says little about a change of a few per cent. The number
of instructions a command executes does not move: valgrind's callgrind counts
them (the same count on every run, whatever the load). This script installs
both sides as a user has them (`pip install .`, not editable: this tree into
bench/.venv as bench/run.py does, the ref into bench/.venv-REF), runs each
command once to fill samplan's caches, then once under callgrind, and prints
the counts side by side. It needs valgrind (`apt-get install valgrind`).

Instructions are not time: a cache miss costs more than an addition. They are
what start-up regressions are made of (imports, classes made at import,
regular expressions compiled, work done twice), so a rise here is one to look
at; bench/run.py gives the times.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _load_run() -> Any:
    """bench/run.py, for its corpus, install and environment (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


run = _load_run()


def install_ref(ref: str) -> Path:
    """samplan at `ref`, installed (not editable) into bench/.venv-SHA; its console script."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short=12", ref], cwd=ROOT, capture_output=True, text=True
    )
    if sha.returncode != 0:
        sys.exit(f"not a commit: {ref}")
    venv = BENCH / f".venv-{sha.stdout.strip()}"
    script = venv / "bin" / "samplan"
    if script.is_file():
        return script
    print(f"installing samplan {ref} into {venv.relative_to(ROOT)} ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True)
        subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", tree]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(venv)
            sys.exit(f"pip could not install {ref}:\n{done.stderr}")
    return script


def commands() -> dict[str, list[str]]:
    _, big = run.corpus(1, run.BIG_ACTIVITIES)
    plans, _ = run.corpus(29)
    report = ["report", "--format", "html", "--period", run.REPORT_PERIOD]
    return {
        "samplan --help": ["--help"],
        "samplan validate (1 real plan)": ["validate", str(run.ONE_PLAN), "--as-of", run.AS_OF],
        "samplan overdue (1 real plan)": ["overdue", str(run.ONE_PLAN), "--as-of", run.AS_OF],
        "samplan validate (29 plans)": ["validate", str(plans), "--as-of", run.AS_OF],
        "samplan overdue (29 plans)": ["overdue", str(plans), "--as-of", run.AS_OF],
        f"samplan report html ({run.BIG_ACTIVITIES} activities)": [
            *report,
            "--as-of",
            run.AS_OF,
            str(big[0]),
        ],
    }


def instructions(script: Path, args: list[str], env: dict[str, str]) -> int:
    """Instructions of one run of `script args` (after one run that fills the caches),
    its worker processes included."""
    python = str(script.with_name("python"))
    subprocess.run(
        [python, str(script), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as out:
        counted = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--trace-children=yes",
                f"--callgrind-out-file={out}/callgrind.%p",
                python,
                str(script),
                *args,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    found = [
        int(line.split(":")[-1]) for line in counted.stderr.splitlines() if "Collected :" in line
    ]
    if not found:
        sys.exit(f"callgrind gave no count:\n{counted.stderr}")
    return sum(found)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", default="main", help="the git ref to compare with")
    options = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    env = run.environment()
    env["PYTHONHASHSEED"] = "0"  # the same dict layouts, so the same count every run
    sides = {
        options.against: install_ref(options.against),
        "this tree": Path(run.samplan_command(installed=False)[0]),
    }
    print(f"| command | {options.against} | this tree | change |")
    print("|---|---:|---:|---:|")
    for name, args in commands().items():
        counts = []
        for label, script in sides.items():
            # each side its own cache: two versions would replace each other's
            env["SAMPLAN_CACHE_DIR"] = str(run.CORPUS / f"cache-{label.replace(' ', '-')}")
            counts.append(instructions(script, args, env))
        before, after = counts
        change = (after - before) / before * 100
        print(f"| {name} | {before / 1e6:,.0f} M | {after / 1e6:,.0f} M | {change:+.1f} % |")
        sys.stdout.flush()


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
