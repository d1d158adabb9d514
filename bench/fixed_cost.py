"""Fixed cost per request: what the required stack costs before a view does
any work, the lower bound under every page's and API view's latency.

Views answering a constant (bench/fixed_cost_urls.py, routed only by
bench/fixed_cost_settings.py, never by the site):

- (a) a plain Django view returning `HttpResponse(b"ok")` with no middleware;
- (b) the same view through the site's whole MIDDLEWARE, signed in with a
  session cookie, and with an API token (which Django's middleware does not
  read: no session is loaded);
- (c) a DRF `APIView` returning `{"ok": true}` with the project's DRF
  settings (authentication, permission, throttles, renderers), through the
  whole middleware, with the session and with the token; and the same view
  with no middleware at all (DRF's own share);
- (d) a page with no content of its own inside base.html (the header, its
  links, the bell's count, the context processors), signed in: what every
  web page pays before its own content.

Two ways, both with the bench's production settings (bench/load_bench.py's
SERVER_ENV, DEBUG off):

- *In-process*: Django's WSGI handler called directly, as gunicorn calls it
  (the response iterated and closed, so request_finished runs), CPU time
  (time.process_time) of blocks of `--requests` requests, variants taken in
  turn for `--rounds` rounds; the median block per variant. The app's own CPU
  only: PostgreSQL's share and the HTTP server's are not in it. Then the
  breakdown: the constant view behind the first k middleware for every k
  (each middleware's price is the difference: the first to touch
  `request.user` pays for the session and user rows), and DRF's parts added
  one at a time (nothing, + authentication, + permission, + throttles, + the
  browsable renderer's content negotiation).
- *Over gunicorn*: the command of bench/load_bench.py (4 workers, gthread,
  one thread, keep-alive), one server with the middleware and one without,
  one wrk connection per run for `--duration` seconds, cases in turn for
  `--rounds` rounds: p50 and p95 latency and app+DB CPU per request (the
  workers' and the database backends' CPU from /proc, as load_bench counts
  it). Medians of the rounds. Every row carries the load average.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_load \\
        .venv/bin/python bench/fixed_cost.py [--rounds 5] [--requests 300] [--duration 3] \\
        [--cache-url redis://127.0.0.1:6379/1] [--profile "API, token"]

`--cache-url` runs everything with that cache (production's Redis) instead of
the bench's per-process cache; `--profile NAME` prints a cProfile of one
in-process variant instead of measuring.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.load_bench import (  # noqa: E402 (after the path is set)
    SERVER_ENV,
    SERVER_OPTIONS,
    cpu_snapshot,
    cpu_used_ms,
    editor_session_cookie,
    ensure_database,
    ensure_wrk,
    free_port,
    prepare_data,
    wait_until_serving,
)

BENCH_SETTINGS = "bench.fixed_cost_settings"

# (name, middleware?, path, credentials)
CASES = [
    ("(a) Django view, no middleware", False, "/bench/constant/", None),
    ("(b) Django view, middleware, session", True, "/bench/constant/", "session"),
    ("(b) Django view, middleware, token", True, "/bench/constant/", "token"),
    ("(c) DRF view, middleware, session", True, "/bench/api/", "session"),
    ("(c) DRF view, middleware, token", True, "/bench/api/", "token"),
    ("(c) DRF view, no middleware, token", False, "/bench/api/", "token"),
    ("(d) empty page in base.html, middleware, session", True, "/bench/empty-page/", "session"),
]

DRF_PARTS = [
    ("nothing (JSON renderer only)", "/bench/api/nothing/"),
    ("+ authentication", "/bench/api/authentication/"),
    ("+ permission", "/bench/api/permission/"),
    ("+ throttles", "/bench/api/throttle/"),
    ("+ browsable renderer (project defaults)", "/bench/api/"),
]


def chosen_cases(args) -> list[tuple]:
    """CASES, or those whose names start with one of --cases' comma-separated prefixes."""
    if not args.cases:
        return CASES
    prefixes = tuple(prefix.strip() for prefix in args.cases.split(","))
    return [case for case in CASES if case[0].startswith(prefixes)]


def setup_django(static_root: str, cache_url: str) -> None:
    os.environ.update(SERVER_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = BENCH_SETTINGS
    os.environ["STATIC_ROOT"] = static_root
    if cache_url:
        os.environ["CACHE_URL"] = cache_url
    import django

    django.setup()


def api_token() -> tuple[str, int]:
    from django.contrib.auth import get_user_model

    from accounts.services import api_token_create

    user = get_user_model().objects.get(username="editor")
    token, raw = api_token_create(user=user, name=f"fixed cost bench {time.time_ns()}")
    return raw, token.pk


def headers_for(credentials: str | None, cookie: str, token: str) -> dict[str, str]:
    if credentials == "session":
        return {"Cookie": f"sessionid={cookie}"}
    if credentials == "token":
        return {"Authorization": f"Token {token}"}
    return {}


# In-process ---------------------------------------------------------------


def wsgi_handler(middleware: list[str]):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with override_settings(MIDDLEWARE=middleware):
        return WSGIHandler()


def environ_for(path: str, headers: dict[str, str]) -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def serve(handler, environ: dict) -> str:
    """One request as a WSGI server makes it; returns the status line."""
    status = []
    request_environ = {**environ, "wsgi.input": io.BytesIO(b"")}
    result = handler(request_environ, lambda line, _headers, _exc_info=None: status.append(line))
    try:
        for _chunk in result:
            pass
    finally:
        result.close()
    return status[0]


def block_cpu_ms(handler, environ: dict, requests: int) -> float:
    started = time.process_time()
    for _ in range(requests):
        serve(handler, environ)
    return (time.process_time() - started) * 1000 / requests


def queries_of(handler, environ: dict) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        serve(handler, environ)
    return len(captured.captured_queries)


def measure_in_process(variants: list[tuple[str, object, dict]], rounds: int, requests: int) -> list[dict]:
    """Median per-request CPU of each (name, handler, environ), variants in turn."""
    for name, handler, environ in variants:
        status = serve(handler, environ)  # warm: first-request work is not per-request cost
        if not status.startswith("200"):
            raise SystemExit(f"{name}: {status}")
    timings = {name: [] for name, _, _ in variants}
    for _ in range(rounds):
        for name, handler, environ in variants:
            timings[name].append(block_cpu_ms(handler, environ, requests))
    return [
        {
            "name": name,
            "cpu_ms": statistics.median(timings[name]),
            "cpu_ms_min": min(timings[name]),
            "queries": queries_of(handler, environ),
        }
        for name, handler, environ in variants
    ]


def in_process(args, cookie: str, token: str) -> dict:
    from django.conf import settings

    full = list(settings.MIDDLEWARE)
    handlers = {False: wsgi_handler([]), True: wsgi_handler(full)}
    load_before = os.getloadavg()
    cases = measure_in_process(
        [
            (name, handlers[middleware], environ_for(path, headers_for(credentials, cookie, token)))
            for name, middleware, path, credentials in chosen_cases(args)
        ],
        args.rounds,
        args.requests,
    )
    if args.cases:
        return {"load_before": load_before, "load_after": os.getloadavg(), "cases": cases}
    session = headers_for("session", cookie, token)
    prefixes = measure_in_process(
        [
            (
                f"{k:2d} {full[k - 1] if k else '(none)'}",
                wsgi_handler(full[:k]),
                environ_for("/bench/constant/", session),
            )
            for k in range(len(full) + 1)
        ],
        args.rounds,
        args.requests,
    )
    drf = {}
    for credentials in ("session", "token"):
        drf[credentials] = measure_in_process(
            [
                (name, handlers[True], environ_for(path, headers_for(credentials, cookie, token)))
                for name, path in DRF_PARTS
            ],
            args.rounds,
            args.requests,
        )
    return {
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "cases": cases,
        "middleware_prefixes": prefixes,
        "drf_parts": drf,
    }


def profile(args, cookie: str, token: str) -> None:
    from django.conf import settings

    wanted = {name: (middleware, path, credentials) for name, middleware, path, credentials in CASES}
    wanted.update({f"DRF {name}, token": (True, path, "token") for name, path in DRF_PARTS})
    middleware, path, credentials = wanted[args.profile]
    handler = wsgi_handler(list(settings.MIDDLEWARE) if middleware else [])
    environ = environ_for(path, headers_for(credentials, cookie, token))
    serve(handler, environ)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        serve(handler, environ)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(30)


# Over gunicorn ------------------------------------------------------------


def start_server(port: int, static_root: str, *, middleware: bool, workers: int, options: str):
    env = {**os.environ, **SERVER_ENV, "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS, "STATIC_ROOT": static_root}
    if not middleware:
        env["BENCH_NO_MIDDLEWARE"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.fixed_cost_wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning", *shlex.split(options)],
        cwd=PROJECT_DIR,
        env=env,
    )
    return wait_until_serving(process, port, path="/bench/constant/")


def drive(wrk: str, url: str, headers: dict[str, str], duration: int, connections: int = 1) -> dict:
    command = [wrk, "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(PROJECT_DIR / "bench" / "wrk_report.lua"), url]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads([line for line in result.stdout.splitlines() if line.startswith("{")][-1])


def over_gunicorn(args, cookie: str, token: str, static_root: str) -> list[dict]:
    wrk = ensure_wrk()
    servers = {}
    try:
        for middleware in (False, True):
            port = free_port()
            servers[middleware] = (
                start_server(
                    port,
                    static_root,
                    middleware=middleware,
                    workers=args.workers,
                    options=args.server_options,
                ),
                port,
            )
        cases = chosen_cases(args)
        runs = {name: [] for name, *_ in cases}
        for _name, middleware, path, credentials in cases:
            # Warm every worker (a kept-alive connection stays with one worker).
            drive(
                wrk,
                f"http://127.0.0.1:{servers[middleware][1]}{path}",
                headers_for(credentials, cookie, token),
                2,
                connections=2 * args.workers,
            )
        for round_number in range(args.rounds):
            # Rotate the order so that no case always follows the same one.
            order = cases[round_number % len(cases) :] + cases[: round_number % len(cases)]
            for name, middleware, path, credentials in order:
                server, port = servers[middleware]
                load_before = os.getloadavg()[0]
                cpu_before = cpu_snapshot(server.pid)
                measured = drive(
                    wrk,
                    f"http://127.0.0.1:{port}{path}",
                    headers_for(credentials, cookie, token),
                    args.duration,
                )
                cpu_after = cpu_snapshot(server.pid)
                if measured["errors"]:
                    raise SystemExit(f"{name}: {measured['errors']} errors")
                runs[name].append(
                    {
                        "requests": measured["requests"],
                        "p50_ms": measured["p50_us"] / 1000,
                        "p95_ms": measured["p95_us"] / 1000,
                        "cpu_ms": cpu_used_ms(cpu_before, cpu_after) / max(measured["requests"], 1),
                        "load_before": load_before,
                        "load_after": os.getloadavg()[0],
                    }
                )
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(timeout=30)
    return [
        {
            "name": name,
            **{
                field: statistics.median(run[field] for run in runs[name])
                for field in ("requests", "p50_ms", "p95_ms", "cpu_ms")
            },
            "load_min": min(min(run["load_before"], run["load_after"]) for run in runs[name]),
            "load_max": max(max(run["load_before"], run["load_after"]) for run in runs[name]),
        }
        for name, *_ in cases
    ]


# Report -------------------------------------------------------------------


def save(args, results: dict) -> None:
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2))


def report_in_process(args, local: dict) -> None:
    print(
        f"\nIn-process, CPU ms a request (median of {args.rounds} blocks of {args.requests}), "
        f"load average {local['load_before'][0]:.1f}→{local['load_after'][0]:.1f}"
    )
    print("| case | app CPU ms | (lowest block) | queries |\n| --- | ---: | ---: | ---: |")
    for row in local["cases"]:
        print(f"| {row['name']} | {row['cpu_ms']:.3f} | {row['cpu_ms_min']:.3f} | {row['queries']} |")
    if "middleware_prefixes" not in local:
        return
    print("\nThe constant view behind the first k middleware, signed in with the session")
    print("| k, middleware added | app CPU ms | its own share ms | queries |\n| --- | ---: | ---: | ---: |")
    previous = None
    for row in local["middleware_prefixes"]:
        share = "" if previous is None else f"{row['cpu_ms'] - previous:+.3f}"
        print(f"| {row['name']} | {row['cpu_ms']:.3f} | {share} | {row['queries']} |")
        previous = row["cpu_ms"]
    for credentials, rows in local["drf_parts"].items():
        print(f"\nDRF's parts, whole middleware, {credentials}")
        print("| view | app CPU ms | its own share ms | queries |\n| --- | ---: | ---: | ---: |")
        previous = None
        for row in rows:
            share = "" if previous is None else f"{row['cpu_ms'] - previous:+.3f}"
            print(f"| {row['name']} | {row['cpu_ms']:.3f} | {share} | {row['queries']} |")
            previous = row["cpu_ms"]


def report_gunicorn(args, rows: list[dict]) -> None:
    print(
        f"\nOver gunicorn (--workers {args.workers} {args.server_options}), one connection, "
        f"{args.duration} s a run, median of {args.rounds} rounds"
    )
    print(
        "| case | p50 ms | p95 ms | app+DB CPU ms | requests a run | load avg |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for row in rows:
        print(
            f"| {row['name']} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | {row['cpu_ms']:.2f} | "
            f"{row['requests']:,.0f} | {row['load_min']:.1f}-{row['load_max']:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=300, help="requests in an in-process block")
    parser.add_argument("--duration", type=int, default=3, help="seconds of a gunicorn run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--server-options", default=SERVER_OPTIONS)
    parser.add_argument("--cache-url", default="", help="the cache (default: the bench's per-process cache)")
    parser.add_argument(
        "--cases", default="", help='only these cases, by name prefix ("(c),(d)"); no breakdowns then'
    )
    parser.add_argument("--in-process-only", action="store_true")
    parser.add_argument("--gunicorn-only", action="store_true")
    parser.add_argument("--profile", default="", help="a case's name: print its profile instead")
    parser.add_argument("--output", default=str(PROJECT_DIR / "bench" / "results" / "fixed_cost.json"))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database.")

    ensure_database()
    static_root = tempfile.mkdtemp(prefix="claimtrack-static-")
    setup_django(static_root, args.cache_url)
    from django.core.management import call_command

    prepare_data(0)  # migrations and the demo newsroom's users; no claims seeded
    call_command("collectstatic", verbosity=0, interactive=False)  # the page's frame names static files
    cookie = editor_session_cookie()
    token, token_id = api_token()
    try:
        if args.profile:
            profile(args, cookie, token)
            return
        results = {"cache_url": args.cache_url or "(per-process)"}
        if not args.gunicorn_only:
            results["in_process"] = in_process(args, cookie, token)
            save(args, results)
            report_in_process(args, results["in_process"])
        if not args.in_process_only:
            results["gunicorn"] = over_gunicorn(args, cookie, token, static_root)
            save(args, results)
            report_gunicorn(args, results["gunicorn"])
    finally:
        from django.contrib.auth import get_user_model

        from accounts.services import api_token_revoke

        api_token_revoke(token_id=token_id, user=get_user_model().objects.get(username="editor"))


if __name__ == "__main__":
    main()
