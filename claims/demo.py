"""The demo story: the insurgent offensive on Aleppo, late November 2024.

Everything here restates the reported facts in the project's own words; the
document body below is a desk summary written for the demo, and every
attribution excerpt quotes that summary. `demo_load()` goes through the same
services as the UI and the API, so conflict detection runs on the demo claims
exactly as it would on real ones. Running it twice creates nothing new.

The airstrikes event has a second, independent account (added for the
agreement rules): the wire's own reporting that the strikes, with clashes and
gunfire, spread panic among residents, beside the Observatory's report of
where they hit. It restates the article and adds no figure: another outlet
relaying the Observatory's 20 would be an echo of one origin, and any other
number would be invented. See docs/detection.md (rule 7).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.roles import Role, ensure_role_groups
from sources.models import Document, Source, document_content_hash
from sources.services import document_create, source_create

from .models import Attribution, Claim, Event
from .services import claim_create, event_create

DEMO_PASSWORD = "claimtrack-demo"
DEMO_USERS = {"editor": Role.EDITOR, "factchecker": Role.FACT_CHECKER, "viewer": Role.VIEWER}

WIRE = "Wire agency desk"
RUSSIA = "Russian Ministry of Defence"
SOHR = "Syrian Observatory for Human Rights"
ARMY = "Syrian Army General Command"
RESIDENTS = "Aleppo residents and fighters"
TEACHER = "Abdulkafi Alhamdo"

GOVERNMENT_SIDE = "Syrian government and allies"

SOURCES = [
    dict(
        name=WIRE,
        kind=Source.Kind.WIRE_AGENCY,
        affiliation=Source.Affiliation.INDEPENDENT,
        reliability=Source.Reliability.B,
        reliability_reason="International wire service; relays statements and attributes them.",
        aliases=["the wire", "wire report", "the agency"],
        notes="<p>The wire service whose report the demo document summarises.</p>",
    ),
    dict(
        name=RUSSIA,
        kind=Source.Kind.GOVERNMENT,
        affiliation=Source.Affiliation.PARTY,
        side=GOVERNMENT_SIDE,
        country="Russia",
        reliability=Source.Reliability.D,
        reliability_reason="Party to the conflict; its casualty figures are rarely confirmed independently.",
        aliases=["Russia", "Russian defence ministry", "Moscow", "Russian military"],
    ),
    dict(
        name=SOHR,
        kind=Source.Kind.NGO_MONITOR,
        affiliation=Source.Affiliation.INDEPENDENT,
        country="United Kingdom",
        reliability=Source.Reliability.B,
        reliability_reason="Monitor with a network of contacts on the ground; counts are usually conservative.",
        aliases=["SOHR", "the Observatory", "Syrian Observatory"],
        url="https://www.syriahr.com/en/",
    ),
    dict(
        name=ARMY,
        kind=Source.Kind.MILITARY,
        affiliation=Source.Affiliation.PARTY,
        side=GOVERNMENT_SIDE,
        country="Syria",
        reliability=Source.Reliability.D,
        reliability_reason="Party to the conflict; statements frame losses favourably.",
        aliases=["Syrian army", "Syria's military", "Syrian military", "army command"],
    ),
    dict(
        name=RESIDENTS,
        kind=Source.Kind.WITNESS,
        affiliation=Source.Affiliation.UNKNOWN,
        country="Syria",
        reliability=Source.Reliability.F,
        reliability_reason="Unnamed people on the ground; not individually identifiable.",
        aliases=["residents", "residents and fighters", "witnesses"],
    ),
    dict(
        name=TEACHER,
        kind=Source.Kind.WITNESS,
        affiliation=Source.Affiliation.INDEPENDENT,
        country="Syria",
        reliability=Source.Reliability.C,
        reliability_reason="Named witness, teacher who fled in 2016 and returned this week.",
        aliases=["Alhamdo", "the teacher"],
    ),
]

DOCUMENT_TITLE = "Insurgents take most of Aleppo (desk summary of the wire report)"
DOCUMENT_URL = "https://demo.claimtrack.invalid/wire/aleppo-offensive"
# Written for the demo: the facts of the wire report in our own words.
DOCUMENT_BODY = """\
Desk summary: insurgent offensive reaches Aleppo

Thousands of insurgent fighters pushed into Aleppo, the country's biggest city, in the worst setback for the Damascus government in years. Moving in armoured vehicles and pick-up trucks, they reached landmarks including the Citadel and met little resistance. Government forces retreated from Aleppo as the insurgents advanced.

In a statement on Saturday, the Syrian army acknowledged that insurgents had entered large parts of Aleppo. The army called its pull-back a temporary redeployment meant to protect civilians and to prepare a counter-offensive.

Russian jets backing the government struck insurgent supply lines on Friday. Russia's defence ministry claimed the strikes killed 200 militants.

Residents and fighters said government forces now hold only the city's airport and a military academy.

The Syrian Observatory for Human Rights, a war monitor, confirmed that 20 insurgents were killed in airstrikes near residential areas late on Friday.

Across the city, airstrikes together with clashes and gunfire set off panic, and some residents were reported to be leaving.

The push into the city is part of an offensive launched on Wednesday that took in dozens of villages and towns across Aleppo and Idlib provinces.

Abdulkafi Alhamdo, a teacher who fled the city in 2016 and came back on Friday night, said he could not believe he was walking into Aleppo again and kept asking how it had happened.
"""

FRIDAY = dt.date(2024, 11, 29)
SATURDAY = dt.date(2024, 11, 30)

EVENTS = {
    "airstrikes": dict(
        title="Airstrikes around Aleppo, Friday 29 November",
        start_date=FRIDAY,
        end_date=FRIDAY,
        place="Aleppo",
        description="<p>Russian and Syrian government airstrikes on insurgent positions and supply lines.</p>",
    ),
    "pullback": dict(
        title="Government forces pull back from Aleppo",
        start_date=FRIDAY,
        end_date=SATURDAY,
        place="Aleppo",
        description="<p>How the departure of government troops from the city is described.</p>",
    ),
    "control": dict(
        title="Who holds Aleppo after the insurgent advance",
        start_date=SATURDAY,
        end_date=SATURDAY,
        place="Aleppo",
        description="<p>Competing accounts of how much of the city each side controls.</p>",
    ),
    "offensive": dict(
        title="Insurgent offensive across Aleppo and Idlib provinces",
        start_date=dt.date(2024, 11, 27),
        place="Aleppo and Idlib provinces",
    ),
}


@dataclass
class DemoClaim:
    event: str
    text: str
    kind: str
    source: str
    excerpt: str
    form: str
    verb: str
    relayed_by: str | None = WIRE
    figure: dict = field(default_factory=dict)
    place: str = ""
    occurred_on: dt.date | None = None
    credibility: int = Claim.Credibility.CANNOT_JUDGE


CLAIMS = [
    DemoClaim(
        event="airstrikes",
        text="Russian airstrikes on insurgent supply lines killed 200 militants.",
        kind=Claim.Kind.FIGURE,
        source=RUSSIA,
        excerpt="Russia's defence ministry claimed the strikes killed 200 militants.",
        form=Attribution.Form.STATEMENT,
        verb="claimed",
        figure=dict(quantity_subject="militants killed", value_low=200, qualifier=Claim.Qualifier.EXACT),
        place="Aleppo",
        occurred_on=FRIDAY,
        credibility=Claim.Credibility.DOUBTFUL,
    ),
    DemoClaim(
        event="airstrikes",
        text="Airstrikes near residential areas killed 20 insurgents late on Friday.",
        kind=Claim.Kind.FIGURE,
        source=SOHR,
        excerpt=(
            "The Syrian Observatory for Human Rights, a war monitor, confirmed that 20 insurgents "
            "were killed in airstrikes near residential areas late on Friday."
        ),
        form=Attribution.Form.STATEMENT,
        verb="confirmed",
        figure=dict(quantity_subject="insurgents killed", value_low=20, qualifier=Claim.Qualifier.EXACT),
        place="Aleppo",
        occurred_on=FRIDAY,
        credibility=Claim.Credibility.POSSIBLY_TRUE,
    ),
    # The second, independent account of the airstrikes (issue 18): the wire's
    # own reporting that the strikes, with clashes and gunfire, spread panic
    # among residents, beside the Observatory's report of where they hit.
    # Both restate the article; neither gives a figure of its own, so nothing
    # contradicts or duplicates the Observatory's count (another outlet
    # relaying the Observatory's 20 would be an echo, one origin, not a
    # second account). The corroboration rule relates the two occurrence
    # claims: two independent origins, neither a party.
    DemoClaim(
        event="airstrikes",
        text="Airstrikes hit near residential areas of Aleppo late on Friday.",
        kind=Claim.Kind.OCCURRENCE,
        source=SOHR,
        excerpt=(
            "The Syrian Observatory for Human Rights, a war monitor, confirmed that 20 insurgents "
            "were killed in airstrikes near residential areas late on Friday."
        ),
        form=Attribution.Form.STATEMENT,
        verb="confirmed",
        place="Aleppo",
        occurred_on=FRIDAY,
    ),
    DemoClaim(
        event="airstrikes",
        text="Airstrikes, along with clashes and gunfire, spread panic among Aleppo's residents, and some left.",
        kind=Claim.Kind.OCCURRENCE,
        source=WIRE,
        excerpt="airstrikes together with clashes and gunfire set off panic, and some residents were reported to be leaving",
        form=Attribution.Form.PARAPHRASE,
        verb="reported",
        relayed_by=None,
        place="Aleppo",
    ),
    DemoClaim(
        event="pullback",
        text="The army's pull-back from Aleppo is a temporary redeployment to protect civilians.",
        kind=Claim.Kind.FRAMING,
        source=ARMY,
        excerpt=(
            "The army called its pull-back a temporary redeployment meant to protect civilians "
            "and to prepare a counter-offensive."
        ),
        form=Attribution.Form.STATEMENT,
        verb="called",
        place="Aleppo",
        occurred_on=SATURDAY,
    ),
    DemoClaim(
        event="pullback",
        text="Government forces retreated from Aleppo as the insurgents advanced.",
        kind=Claim.Kind.FRAMING,
        source=WIRE,
        excerpt="Government forces retreated from Aleppo as the insurgents advanced.",
        form=Attribution.Form.PARAPHRASE,
        verb="reported",
        relayed_by=None,
        place="Aleppo",
        occurred_on=FRIDAY,
        credibility=Claim.Credibility.PROBABLY_TRUE,
    ),
    DemoClaim(
        event="control",
        text="Insurgents have entered large parts of Aleppo.",
        kind=Claim.Kind.TERRITORY,
        source=ARMY,
        excerpt="the Syrian army acknowledged that insurgents had entered large parts of Aleppo",
        form=Attribution.Form.STATEMENT,
        verb="acknowledged",
        place="Aleppo",
        occurred_on=SATURDAY,
    ),
    DemoClaim(
        event="control",
        text="Government forces hold only Aleppo's airport and a military academy.",
        kind=Claim.Kind.TERRITORY,
        source=RESIDENTS,
        excerpt="Residents and fighters said government forces now hold only the city's airport and a military academy.",
        form=Attribution.Form.ACCORDING_TO,
        verb="said",
        place="Aleppo",
        occurred_on=SATURDAY,
    ),
    DemoClaim(
        event="offensive",
        text="The offensive that began on Wednesday took in dozens of villages and towns.",
        kind=Claim.Kind.FIGURE,
        source=WIRE,
        excerpt="took in dozens of villages and towns across Aleppo and Idlib provinces",
        form=Attribution.Form.PARAPHRASE,
        verb="reported",
        relayed_by=None,
        # "Dozens" is stored as a range: two dozen up to just under a hundred.
        figure=dict(
            quantity_subject="villages and towns taken",
            value_low=24,
            value_high=99,
            qualifier=Claim.Qualifier.RANGE,
        ),
        place="Aleppo and Idlib provinces",
        occurred_on=dt.date(2024, 11, 27),
    ),
    DemoClaim(
        event="control",
        text="A teacher returning to Aleppo could not believe the city had changed hands.",
        kind=Claim.Kind.OTHER,
        source=TEACHER,
        excerpt="said he could not believe he was walking into Aleppo again and kept asking how it had happened",
        form=Attribution.Form.DIRECT_QUOTE,
        verb="said",
        place="Aleppo",
        occurred_on=FRIDAY,
    ),
]


@dataclass
class DemoResult:
    created: dict = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _demo_users(result: DemoResult) -> dict:
    ensure_role_groups()
    User = get_user_model()
    users = {}
    for username, role in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                email=f"{username}@newsroom.example",
                password=DEMO_PASSWORD,
                first_name=role.label,
                last_name="(demo)",
            )
            result.count("users")
        user.groups.add(Group.objects.get(name=role.value))
        users[username] = user
    return users


@transaction.atomic
def _demo_sources(result: DemoResult, editor) -> dict:
    """The demo's sources by name, created when missing."""
    sources = {}
    for spec in SOURCES:
        source = Source.objects.filter(name=spec["name"]).first()
        if source is None:
            source = source_create(user=editor, **spec)
            result.count("sources")
        sources[source.name] = source
    return sources


def _demo_document(result: DemoResult, editor, sources: dict) -> Document:
    """The wire story every demo claim quotes, created when missing."""
    document = Document.objects.filter(content_hash=document_content_hash(DOCUMENT_BODY)).first()
    # A demo loaded before the summary gained a sentence keeps its document
    # (a quoted body cannot change); claims quoting the new sentence are then skipped.
    document = document or Document.objects.filter(url=DOCUMENT_URL).first()
    if document is None:
        document = document_create(
            title=DOCUMENT_TITLE,
            body=DOCUMENT_BODY,
            url=DOCUMENT_URL,
            outlet=sources[WIRE],
            published_at=dt.datetime(2024, 11, 30, 14, 0, tzinfo=dt.UTC),
            user=editor,
        )
        result.count("documents")
    return document


def _demo_events(result: DemoResult, editor) -> dict:
    """The demo's events by key, created when missing."""
    events = {}
    for key, spec in EVENTS.items():
        event = Event.objects.filter(title=spec["title"]).first()
        if event is None:
            event = event_create(user=editor, **spec)
            result.count("events")
        events[key] = event
    return events


def demo_load() -> DemoResult:
    """Build the Aleppo story. Safe to run again: existing rows are reused."""
    result = DemoResult()
    users = _demo_users(result)
    editor = users["editor"]

    sources = _demo_sources(result, editor)
    document = _demo_document(result, editor, sources)
    events = _demo_events(result, editor)

    for spec in CLAIMS:
        if Claim.objects.filter(text=spec.text).exists() or spec.excerpt not in document.body:
            continue
        claim_create(
            text=spec.text,
            kind=spec.kind,
            event=events[spec.event],
            place=spec.place,
            occurred_on=spec.occurred_on,
            credibility=spec.credibility,
            created_by=editor,
            attributions=[
                dict(
                    source=sources[spec.source],
                    document=document,
                    excerpt=spec.excerpt,
                    form=spec.form,
                    reporting_verb=spec.verb,
                    relayed_by=sources[spec.relayed_by] if spec.relayed_by else None,
                )
            ],
            **spec.figure,
        )
        result.count("claims")
    return result
