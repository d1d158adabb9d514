"""Production installs requirements.txt only (scripts/bootstrap without --dev).
Every third-party package the app imports, at the top of a module or inside a
function, must be in that lock; one that only the test tools pull in (as
urllib3 came with requests) would start fine in CI and fail on a server."""

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
NOT_APP_CODE = ("tests/", "bench/", "docs/", "scripts/")


def app_modules() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    ).stdout.split()
    return [
        PROJECT_DIR / name
        for name in listed
        if not name.startswith(NOT_APP_CODE) and "/migrations/" not in name and name != "manage.py"
    ]


def imported_top_level_names() -> set[str]:
    names = set()
    for path in app_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def locked_distributions() -> set[str]:
    text = (PROJECT_DIR / "requirements.txt").read_text(encoding="utf-8")
    return {normalise(match) for match in re.findall(r"^([A-Za-z0-9_.\-]+)==", text, flags=re.MULTILINE)}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_the_app_imports_is_in_the_production_lock():
    own_apps = {path.name for path in PROJECT_DIR.iterdir() if (path / "__init__.py").exists()}
    distributions = packages_distributions()
    locked = locked_distributions()
    missing = {}
    for name in sorted(imported_top_level_names() - own_apps - set(sys.stdlib_module_names)):
        providers = {normalise(dist) for dist in distributions.get(name, [])}
        assert providers, f"nothing installed provides the module {name!r}"
        if not providers & locked:
            missing[name] = sorted(providers)
    assert missing == {}, f"imported by the app but not in requirements.txt: {missing}"
