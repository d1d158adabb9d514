"""Side-by-side: the same endpoints on several gunicorn servers at once (other
code trees, other worker classes), against one database, in alternating
short runs, so that a busy machine's noise falls on all of them alike.

For each run: app+DB CPU per request (the server's workers and every
PostgreSQL backend on the database, from /proc, as bench/load_bench.py counts
it), p50 and p95 latency, and the load average before and after. Runs rotate
the order of the servers each round; the report gives the median of the rounds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_load \\
        .venv/bin/python bench/server_ab.py --rounds 5 --duration 3 --connections 1 \\
        --server "before sync=/path/to/old/tree:--workers 2" \\
        --server "sync=.:--workers 2" \\
        --server "gthread=.:--workers 2 --worker-class gthread --threads 2 --keep-alive 5"

Every tree must be migrated to (or compatible with) the database; the session
cookie is written for each tree's own SESSION_ENGINE (`--engine name=module`,
default this tree's).
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load_bench import (
    SERVER_ENV,
    cpu_snapshot,
    cpu_used_ms,
    drive,
    endpoints,
    free_port,
    setup_django,
    wait_until_serving,
)


def session_cookie(engine: str) -> str:
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    user = get_user_model().objects.get(username="editor")
    session = import_module(engine).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def start(tree: Path, options: str, static_root: str, port: int) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV, "STATIC_ROOT": static_root}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=tree, env=env, check=True
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", *shlex.split(options)],
        cwd=tree,
        env=env,
    )
    return wait_until_serving(process, port, what=f"gunicorn in {tree}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server", action="append", required=True, help='"name=tree:gunicorn options"')
    parser.add_argument("--engine", action="append", default=[], help='"name=session engine module"')
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated endpoint names of bench/load_bench.py")
    parser.add_argument("--extra", action="append", default=[], help='"name=path" endpoints to add')
    parser.add_argument("--output", default="")
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="claimtrack-ab-static-")
    setup_django(static_root)
    from django.conf import settings

    engines = dict(item.split("=", 1) for item in args.engine)
    paths = endpoints()
    if args.only:
        paths = {name: paths[name.strip()] for name in args.only.split(",")}
    paths.update(dict(item.split("=", 1) for item in args.extra))

    servers = {}
    for spec in args.server:
        name, rest = spec.split("=", 1)
        tree, options = rest.split(":", 1)
        port = free_port()
        process = start(Path(tree).resolve(), options, tempfile.mkdtemp(prefix="claimtrack-ab-static-"), port)
        cookie = session_cookie(engines.get(name, settings.SESSION_ENGINE))
        servers[name] = (process, f"http://127.0.0.1:{port}", cookie)

    wrk = "wrk"
    runs = []
    try:
        for endpoint, path in paths.items():
            for _, url, cookie in servers.values():  # warm every worker
                drive(wrk, url + path, cookie, duration=2, connections=max(args.connections, 2))
            for round_number in range(args.rounds):
                names = list(servers)
                shift = round_number % len(names)
                for name in names[shift:] + names[:shift]:
                    process, url, cookie = servers[name]
                    load_before = os.getloadavg()[0]
                    before = cpu_snapshot(process.pid)
                    result = drive(
                        wrk, url + path, cookie, duration=args.duration, connections=args.connections
                    )
                    after = cpu_snapshot(process.pid)
                    run = {
                        "endpoint": endpoint,
                        "server": name,
                        "round": round_number,
                        "requests": result["requests"],
                        "errors": result["errors"],
                        "cpu_ms": cpu_used_ms(before, after) / max(result["requests"], 1),
                        "p50_ms": result["p50_us"] / 1000,
                        "p95_ms": result["p95_us"] / 1000,
                        "load_before": load_before,
                        "load_after": os.getloadavg()[0],
                    }
                    runs.append(run)
                    print(json.dumps(run), flush=True)
    finally:
        for process, _, _ in servers.values():
            process.terminate()
            process.wait(timeout=30)

    print()
    print("| endpoint | server | app+DB CPU ms/req | p50 ms | p95 ms | requests | errors | load avg |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for endpoint in paths:
        for name in servers:
            mine = [run for run in runs if run["endpoint"] == endpoint and run["server"] == name]
            print(
                f"| {endpoint} | {name} | {statistics.median(r['cpu_ms'] for r in mine):.2f} "
                f"| {statistics.median(r['p50_ms'] for r in mine):.2f} "
                f"| {statistics.median(r['p95_ms'] for r in mine):.2f} "
                f"| {sum(r['requests'] for r in mine):,} | {sum(r['errors'] for r in mine)} "
                f"| {min(r['load_before'] for r in mine):.1f}-{max(r['load_after'] for r in mine):.1f} |"
            )
    if args.output:
        Path(args.output).write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
