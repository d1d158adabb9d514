import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import Role, ensure_role_groups
from claims.models import Attribution, Claim, ClaimRelation, ConflictFlag, Event
from detection import models as detection_models
from ingestion.models import LexiconTerm
from sources.models import Document, Source, document_content_hash


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            ensure_role_groups()
            self.groups.add(Group.objects.get(name=extracted))


def editor(**kwargs):
    return UserFactory(role=Role.EDITOR, **kwargs)


def fact_checker(**kwargs):
    return UserFactory(role=Role.FACT_CHECKER, **kwargs)


def viewer(**kwargs):
    return UserFactory(role=Role.VIEWER, **kwargs)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = Source.Kind.NGO_MONITOR
    affiliation = Source.Affiliation.INDEPENDENT


class PartySourceFactory(SourceFactory):
    kind = Source.Kind.MILITARY
    affiliation = Source.Affiliation.PARTY
    side = "Government"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Report {n}")
    body = factory.Sequence(lambda n: f"Report number {n}. Officials said 12 people were hurt.")
    content_hash = factory.LazyAttribute(lambda doc: document_content_hash(doc.body))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    place = "Aleppo"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Something happened ({n}).")
    kind = Claim.Kind.OTHER


class FigureClaimFactory(ClaimFactory):
    kind = Claim.Kind.FIGURE
    event = factory.SubFactory(EventFactory)
    quantity_subject = "militants killed"
    value_low = 20
    value_high = factory.SelfAttribute("value_low")
    qualifier = Claim.Qualifier.EXACT


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    form = Attribution.Form.STATEMENT
    reporting_verb = "said"


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    relation_type = ClaimRelation.Type.CORROBORATES


class ConflictFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictFlag
        skip_postgeneration_save = True

    rule = "figure_mismatch"
    claim_a = factory.SubFactory(ClaimFactory)
    claim_b = factory.SubFactory(ClaimFactory)
    severity = ConflictFlag.Severity.HIGH
    explanation = "Two figures for the same thing do not agree."

    @factory.post_generation
    def dispute(self, create, extracted, **kwargs):
        # Filed under its dispute as the detector files every flag it raises.
        if create:
            from detection.dispute_services import disputes_sync

            disputes_sync(flag_ids=[self.pk])


def lexicon_entries() -> dict:
    """One entry in each vocabulary the admin edits, by model label; words no
    starting lexicon holds, so they never collide with the seeded rows."""
    return {
        "detection.subjectsynonym": detection_models.SubjectSynonym.objects.create(
            phrase="pigeon wranglers", canonical="pigeon keepers"
        ),
        "detection.contestedterm": detection_models.ContestedTerm.objects.create(
            term="tactical pigeon release", counterparts="pigeon escape"
        ),
        "detection.controlextentterm": detection_models.ControlExtentTerm.objects.create(
            phrase="a pigeon's share of", share_low=1, share_high=5
        ),
        "detection.controlholderterm": detection_models.ControlHolderTerm.objects.create(
            phrase="pigeon brigade", side=detection_models.ControlHolderTerm.Side.OPPOSITION
        ),
        "detection.victimcategoryterm": detection_models.VictimCategoryTerm.objects.create(
            phrase="pigeon fanciers", category=detection_models.VictimCategoryTerm.Category.NON_COMBATANT
        ),
        "detection.reportingverbstance": detection_models.ReportingVerbStance.objects.create(
            verb="cooed", stance=detection_models.ReportingVerbStance.Stance.NEUTRAL
        ),
        "ingestion.lexiconterm": LexiconTerm.objects.create(
            lexicon=LexiconTerm.Lexicon.REPORTING_VERB, term="cooed"
        ),
    }
