"""The extractor stays readable: a package whose modules follow the pipeline,
with no function longer than a screen."""

import ast
from pathlib import Path

import ingestion.extraction

PACKAGE = Path(ingestion.extraction.__file__).parent
LONGEST = 60


def test_the_extractor_is_a_package_with_one_module_per_stage():
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert {"sentences", "quantities", "cues", "speakers", "matching", "proposals"} <= modules


def test_no_function_in_the_extractor_is_longer_than_sixty_lines():
    too_long = []
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > LONGEST:
                    too_long.append(f"{path.name}:{node.name} ({length} lines)")
    assert too_long == []
