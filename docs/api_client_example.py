"""Claimtrack REST API example, in Python with requests.

Records a story's claims the way a fact-checker's script would: a source, a
document, an event, and a casualty figure credited to the source with its
exact words, then reads the conflicts that the new claim raised against a
figure already on file. Then it submits an article to the extractor
(`POST /documents/ingest/`), waits for the run, and accepts the proposals
that can be accepted as they are.

Usage:

    export CLAIMTRACK_URL=http://localhost:8000
    export CLAIMTRACK_TOKEN=ct_...    # create one at /api/v1/tokens/ or in the admin
    python docs/api_client_example.py

Running it twice is safe: sources, the document and the event are looked up
before they are created (the API answers 409 for a document already stored).
The token's user needs the editor role (fact-checkers may create claims and
attributions, but not sources, documents or events).
"""

import os
import sys
import time

import requests


class ApiError(Exception):
    """An error answer from the API, with its JSON error body."""

    def __init__(self, response: requests.Response):
        try:
            self.error = response.json()["error"]
        except (ValueError, KeyError):
            self.error = {"status": response.status_code, "code": "unknown", "message": response.text[:200]}
        self.status = response.status_code
        self.code = self.error.get("code")
        self.fields = self.error.get("fields", {})
        super().__init__(
            f"{self.status} {self.code}: {self.error.get('message')} {self.fields or ''}".strip()
        )


class Claimtrack:
    def __init__(self, base_url: str, token: str, *, timeout: float = 30):
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Token {token}", "Accept": "application/json"})

    def request(self, method: str, path: str, **kwargs):
        response = self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        if response.status_code == 429:
            # Throttled: wait as long as the server asks, then try once more.
            time.sleep(int(response.headers.get("Retry-After", "5")))
            response = self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise ApiError(response)
        return response.json() if response.content else None

    def get(self, path: str, **params):
        return self.request("GET", path, params=params)

    def post(self, path: str, data: dict):
        return self.request("POST", path, json=data)

    def all_pages(self, path: str, **params):
        """Every row of a list, following the `next` links (200 rows a page)."""
        page = self.get(path, page_size=200, **params)
        yield from page["results"]
        while page["next"]:
            response = self.session.get(page["next"], timeout=self.timeout)
            if response.status_code >= 400:
                raise ApiError(response)
            page = response.json()
            yield from page["results"]

    # Look-ups before creating, so the script can run again.

    def source(self, name: str, **fields) -> dict:
        for source in self.all_pages("/sources/", search=name):
            if source["name"] == name:
                return source
        return self.post("/sources/", {"name": name, **fields})

    def event(self, title: str, **fields) -> dict:
        for event in self.all_pages("/events/", search=title):
            if event["title"] == title:
                return event
        return self.post("/events/", {"title": title, **fields})

    def document(self, title: str, body: str, **fields) -> dict:
        try:
            return self.post("/documents/", {"title": title, "body": body, **fields})
        except ApiError as error:
            if error.code != "duplicate_document":
                raise
            return next(d for d in self.all_pages("/documents/", search=title) if d["title"] == title)

    def flags_for(self, claim_id: int, *, wait: float = 20) -> list[dict]:
        """The conflict flags involving a claim. Detection runs in a worker after
        the claim is saved, so give it a few seconds."""
        deadline = time.monotonic() + wait
        while True:
            flags = list(self.all_pages("/flags/", claim=claim_id))
            if flags or time.monotonic() > deadline:
                return flags
            time.sleep(1)


ARTICLE_TITLE = "Example: shelling of the port"
ARTICLE = (
    "Shelling hits the port\n"
    "The example port authority said 12 cranes were hit, while the example city hospital "
    "put the number of wounded at 52.\n"
)


def review_article(api: "Claimtrack") -> None:
    """Submit an article, wait for the extractor, accept what can be accepted."""
    try:
        run_path = api.post("/documents/ingest/", {"title": ARTICLE_TITLE, "body": ARTICLE})["extraction_url"]
    except ApiError as error:
        if error.code != "duplicate_document":
            raise
        document = next(
            d for d in api.all_pages("/documents/", search=ARTICLE_TITLE) if d["title"] == ARTICLE_TITLE
        )
        run_path = f"/api/v1/documents/{document['id']}/extraction/"
    run_path = run_path.split("/api/v1", 1)[1]
    deadline = time.monotonic() + 60
    run = api.get(run_path)
    while not run["extraction"]["finished"] and time.monotonic() < deadline:
        time.sleep(1)
        run = api.get(run_path)
    for proposal in run["proposals"]:
        speaker = proposal["source_name"] or proposal["proposed_source_name"] or "(nobody named)"
        print(f"Proposal #{proposal['id']} [{proposal['status']}]: {speaker}: {proposal['text']}")
        if proposal["status"] != "proposed":
            continue
        if proposal["accept_blocked_reason"]:
            print(f"  needs an editor's correction: {proposal['accept_blocked_reason']}")
            continue
        choice = (
            {"existing_claim": proposal["probable_claims"][0]["claim"]} if proposal["probable_claims"] else {}
        )
        accepted = api.post(f"/proposals/{proposal['id']}/accept/", choice)
        print(f"  accepted as claim #{accepted['claim']}")


STATEMENT = (
    "The defence ministry said on Saturday that its overnight air raids south of the city "
    "had killed 300 fighters. A monitoring group with contacts on the ground put the number "
    "of fighters killed in the same raids at 42."
)


def record_story(api: Claimtrack) -> dict:
    """The sources, the event and the report the example's claims are about."""
    ministry = api.source(
        "Example defence ministry",
        kind="government",
        affiliation="party",
        side="Government and allies",
    )
    monitor = api.source("Example monitoring group", kind="ngo_monitor", affiliation="independent")
    wire = api.source("Example wire agency", kind="wire_agency", affiliation="independent")
    raids = api.event("Example overnight air raids south of the city", place="south of the city")
    report = api.document("Example: air raids south of the city", STATEMENT, outlet=wire["id"])
    print(f"Source #{ministry['id']}, document #{report['id']}, event #{raids['id']}")
    return {"ministry": ministry, "monitor": monitor, "wire": wire, "raids": raids, "report": report}


def record_monitor_claim(api: Claimtrack, story: dict) -> dict:
    """The monitor's figure, for the ministry's to be compared with."""
    return api.post(
        "/claims/",
        {
            "text": "The monitoring group said the raids killed 42 fighters.",
            "kind": "figure",
            "event": story["raids"]["id"],
            "quantity_subject": "fighters killed",
            "value_low": 42,
            "qualifier": "exact",
            "attributions": [
                {
                    "source": story["monitor"]["id"],
                    "document": story["report"]["id"],
                    "excerpt": "at 42",
                    "form": "paraphrase",
                }
            ],
        },
    )


def record_ministry_claim(api: Claimtrack, story: dict) -> dict:
    """The ministry's claim, credited with its exact words: the API finds where
    the excerpt stands in the document and stores the offsets."""
    return api.post(
        "/claims/",
        {
            "text": "The defence ministry said its air raids killed 300 fighters.",
            "kind": "figure",
            "event": story["raids"]["id"],
            "quantity_subject": "fighters killed",
            "value_low": 300,
            "qualifier": "exact",
            "attributions": [
                {
                    "source": story["ministry"]["id"],
                    "document": story["report"]["id"],
                    "excerpt": "had killed 300 fighters",
                    "form": "statement",
                    "reporting_verb": "said",
                    "relayed_by": story["wire"]["id"],
                }
            ],
        },
    )


def show_conflicts(api: Claimtrack, claim: dict, monitor_claim: dict) -> None:
    """The conflicts the tracker raised on the new claim, and what they are against."""
    flags = api.flags_for(claim["id"])
    if not flags:
        print("No conflicts raised (yet).")
    for flag in flags:
        other = flag["claim_b"] if flag["claim_a"]["id"] == claim["id"] else flag["claim_a"]
        print(f"Conflict #{flag['id']} [{flag['rule']}, severity {flag['severity']}]: {flag['explanation']}")
        if other:
            print(f"  against claim #{other['id']}: {other['text']}")
    print(f"Monitor's claim #{monitor_claim['id']}; open flags on the new claim: {len(flags)}")


def main() -> int:
    base_url = os.environ.get("CLAIMTRACK_URL", "http://localhost:8000")
    token = os.environ.get("CLAIMTRACK_TOKEN")
    if not token:
        print("Set CLAIMTRACK_TOKEN to an API token (see /api/v1/tokens/).", file=sys.stderr)
        return 2
    api = Claimtrack(base_url, token)

    story = record_story(api)
    monitor_claim = record_monitor_claim(api, story)
    try:
        claim = record_ministry_claim(api, story)
    except ApiError as error:
        # A 400 names the fields that are wrong, e.g. {"attributions": {"0": {"excerpt": [...]}}}.
        print(f"Could not record the claim: {error}", file=sys.stderr)
        return 1
    attribution = claim["attributions"][0]
    print(
        f"Claim #{claim['id']} recorded: {claim['figure_display']!r}, credited to "
        f"{attribution['source']['name']} (characters {attribution['excerpt_start']}–{attribution['excerpt_end']})"
    )

    show_conflicts(api, claim, monitor_claim)

    # The verdict as schema.org ClaimReview, ready for a fact-check page.
    review = api.get(f"/claims/{claim['id']}/claimreview/")
    print(f"ClaimReview rating: {review['reviewRating']['alternateName']}")

    review_article(api)
    return 0


if __name__ == "__main__":
    sys.exit(main())
