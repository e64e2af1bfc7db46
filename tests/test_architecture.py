"""The import contract: dependencies point one way. Core modules (assistant/ outside its front
ends, and ingest/) never import a front end (assistant.cli*, assistant.web*), gradio or argparse;
ingest never imports a front end; core never imports ingest (the catalogue lives in the core so
both can use it); and nothing outside tests/ imports tests. Read from the source with ast, so an
import inside a function counts too."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FRONT_ENDS = ("assistant.cli", "assistant.web")
UI_LIBRARIES = ("gradio", "gradio_client", "argparse")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def is_front_end(name: str) -> bool:
    return any(
        name == f or name.startswith(f + ".") or name.startswith(f + "_") for f in FRONT_ENDS
    )


def names(prefixes, imported: set[str]) -> set[str]:
    return {i for i in imported if any(i == p or i.startswith(p + ".") for p in prefixes)}


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))


CORE = [p for p in python_files("assistant") if not is_front_end(module_name(p))]


@pytest.mark.parametrize("path", CORE, ids=lambda p: module_name(p))
def test_core_modules_never_import_a_front_end_a_ui_library_or_ingest(path):
    imported = imports_of(path)
    assert not {i for i in imported if is_front_end(i)}, f"{module_name(path)} imports a front end"
    assert not names(UI_LIBRARIES, imported), (
        f"{module_name(path)} imports {names(UI_LIBRARIES, imported)}"
    )
    assert not names(("ingest",), imported), (
        f"{module_name(path)} imports ingest: {names(('ingest',), imported)}"
    )


@pytest.mark.parametrize("path", python_files("ingest"), ids=lambda p: module_name(p))
def test_ingest_never_imports_a_front_end_or_a_ui_library(path):
    imported = imports_of(path)
    assert not {i for i in imported if is_front_end(i)} and not names(UI_LIBRARIES, imported)


@pytest.mark.parametrize(
    "path",
    python_files("assistant", "ingest", "evals", "benchmarks", "docs"),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_nothing_outside_tests_imports_tests(path):
    assert not names(("tests",), imports_of(path))


def test_the_contract_sees_a_violation_when_there_is_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n    import gradio\n    from assistant.web import create_app\n    from tests.conftest import free_port\n"
    )
    imported = imports_of(bad)
    assert names(UI_LIBRARIES, imported) == {"gradio"} and is_front_end("assistant.web")
    assert names(("tests",), imported) == {"tests.conftest"}
