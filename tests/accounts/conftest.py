"""A real OpenID Connect provider for the single sign-on tests.

tests/oidc_provider/provider.mjs (panva/oidc-provider on node) runs on a free
port for the test module; its accounts live in a JSON file the tests rewrite,
so a change "at the identity provider" is just a new file. Outside CI a
missing node skips these tests; in CI it fails them (tests/conftest.py).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from tests.conftest import skip_or_fail
from tracker.sso_settings import parse_role_groups, sso_provider_settings

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc_provider"
CLIENT_ID = "claimtrack-tests"
CLIENT_SECRET = "test-only-client-secret-not-secret"
CALLBACK = "http://testserver/accounts/oidc/sso/login/callback/"


@dataclass
class IdentityProvider:
    issuer: str
    accounts_file: Path

    def set_accounts(self, accounts: dict) -> None:
        """Who exists at the provider, with which claims, from now on."""
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    def sign_in(self, authorize_url: str, account_id: str) -> str:
        """Act as the person's browser at the provider: open the authorization
        request, sign in as `account_id`, follow the provider's redirects, and
        return the address it sends the browser back to (our callback)."""
        browser = requests.Session()
        page = browser.get(authorize_url, timeout=10)
        assert page.status_code == 200, page.text
        answer = browser.post(
            page.url + "/login", data={"login": account_id}, allow_redirects=False, timeout=10
        )
        return self._follow(browser, answer)

    def cancel(self, authorize_url: str) -> str:
        browser = requests.Session()
        page = browser.get(authorize_url, timeout=10)
        return self._follow(browser, browser.post(page.url + "/abort", allow_redirects=False, timeout=10))

    def _follow(self, browser, answer) -> str:
        for _ in range(10):
            assert answer.status_code in (302, 303), answer.text
            location = urljoin(self.issuer + "/", answer.headers["Location"])
            if not location.startswith(self.issuer):
                return location
            answer = browser.get(location, allow_redirects=False, timeout=10)
        raise AssertionError("the provider kept redirecting")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _node_ready() -> str | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        return None
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir() and npm:
        # .ci/run installs it; a developer's first run does it here.
        subprocess.run(
            [npm, "ci", "--prefix", str(PROVIDER_DIR)], check=True, capture_output=True, timeout=300
        )
    return node


def _wait_for_discovery(process, issuer: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test identity provider stopped: {log.read_text()}")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the test identity provider did not answer within 30 s")


@pytest.fixture(scope="module")
def provider_redirect_uris() -> list[str]:
    """Where the provider may send the browser back (a browser test adds its live server)."""
    return [CALLBACK]


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory, provider_redirect_uris):
    node = _node_ready()
    if node is None:
        skip_or_fail(
            "node is not installed (the single sign-on tests run a real OpenID Connect provider on it)"
        )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("idp")
    provider = IdentityProvider(issuer=issuer, accounts_file=folder / "accounts.json")
    provider.set_accounts({})
    environment = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(provider_redirect_uris),
        "ACCOUNTS_FILE": str(provider.accounts_file),
    }
    log = folder / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [node, "provider.mjs"], cwd=PROVIDER_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_for_discovery(process, issuer, log)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


ROLE_GROUPS = "editor=newsroom-editors,fact_checker=fact-checkers,viewer=newsroom-staff"


def person(username: str, email: str, groups: list[str], *, verified: bool = True) -> dict:
    return {
        "email": email,
        "email_verified": verified,
        "preferred_username": username,
        "name": username.title(),
        "groups": groups,
    }


@pytest.fixture
def idp(identity_provider, settings):
    """Single sign-on on, pointed at the test provider, as the OIDC_* variables would set it."""
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Newsroom Login"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_ROLE_GROUPS = parse_role_groups(ROLE_GROUPS)
    settings.OIDC_VERIFIED_EMAIL_DOMAINS = []
    settings.OIDC_LOCAL_TWO_FACTOR = False
    settings.SOCIALACCOUNT_PROVIDERS = sso_provider_settings(
        server_url=identity_provider.issuer,
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        name="Newsroom Login",
        scopes=["openid", "profile", "email"],
    )
    identity_provider.set_accounts(
        {
            "amira": person("amira", "amira@newsroom.example", ["newsroom-editors", "everyone"]),
            "bo": person("bo", "bo@newsroom.example", ["fact-checkers"]),
            "chen": person("chen", "chen@newsroom.example", ["newsroom-staff"]),
            "dana": person("dana", "dana@newsroom.example", ["marketing"]),
        }
    )
    return identity_provider


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
