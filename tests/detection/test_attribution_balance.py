"""Attribution balance: reporting verbs that distance one side and endorse the other."""

import pytest

from claims.models import Claim, ConflictFlag
from claims.services import claim_create
from tests.factories import DocumentFactory

from .conftest import check

pytestmark = pytest.mark.django_db


def quoted(*, event, document, source, excerpt, value, subject="militants killed", verb=""):
    return claim_create(
        text=f"{value} {subject}.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject=subject,
        value_low=value,
        qualifier=Claim.Qualifier.EXACT,
        attributions=[{"source": source, "document": document, "excerpt": excerpt, "reporting_verb": verb}],
    )


def balance_flags():
    return ConflictFlag.objects.filter(rule="attribution_balance")


def test_the_seed_articles_claimed_against_confirmed_is_found(seed_article_text, event, ministry, monitor):
    # The verbs are read from the article itself: no reporting verb is entered.
    document = DocumentFactory(title="Wire story on Aleppo", body=seed_article_text)
    russia = quoted(
        event=event, document=document, source=ministry, excerpt="killed 200 militants", value=200
    )
    sohr = quoted(
        event=event, document=document, source=monitor, excerpt="20 insurgents killed", value=20,
        subject="insurgents killed",
    )  # fmt: skip
    check(russia)
    check(sohr)
    (flag,) = balance_flags()
    assert set(flag.claim_ids) == {russia.pk, sohr.pk}
    assert flag.severity == ConflictFlag.Severity.LOW
    assert '"claiming"' in flag.explanation and '"confirmed"' in flag.explanation
    assert "Russian Ministry of Defence" in flag.explanation


def test_neutral_verbs_for_both_sides_raise_nothing(event, ministry, monitor):
    document = DocumentFactory(
        body="The ministry said its strikes killed 200 militants. The monitor said 20 insurgents died."
    )
    check(quoted(event=event, document=document, source=ministry, excerpt="killed 200 militants", value=200))
    check(quoted(event=event, document=document, source=monitor, excerpt="20 insurgents died", value=20))
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1
    assert not balance_flags().exists()


def test_claims_that_agree_may_be_worded_differently(event, ministry, monitor):
    document = DocumentFactory(
        body="The ministry claimed its strikes killed 20 militants. The monitor confirmed 20 insurgents died."
    )
    check(quoted(event=event, document=document, source=ministry, excerpt="killed 20 militants", value=20))
    check(quoted(event=event, document=document, source=monitor, excerpt="20 insurgents died", value=20))
    assert not balance_flags().exists()


def test_opposite_parties_distanced_and_endorsed_are_flagged_even_on_other_topics(
    event, ministry, rebel_command
):
    document = DocumentFactory(
        body="The ministry alleged that 12 soldiers died. The rebels revealed that 40 villages were taken."
    )
    check(quoted(event=event, document=document, source=ministry, excerpt="12 soldiers died", value=12,
                 subject="soldiers killed"))  # fmt: skip
    check(quoted(event=event, document=document, source=rebel_command, excerpt="40 villages were taken",
                 value=40, subject="villages taken"))  # fmt: skip
    (flag,) = balance_flags()
    assert '"alleged"' in flag.explanation and '"revealed"' in flag.explanation


def test_the_editors_reporting_verb_wins_over_the_text(event, ministry, monitor):
    document = DocumentFactory(body="Officials: 200 militants killed. Monitor: 20 insurgents killed.")
    check(quoted(event=event, document=document, source=ministry, excerpt="200 militants killed", value=200,
                 verb="claimed"))  # fmt: skip
    check(quoted(event=event, document=document, source=monitor, excerpt="20 insurgents killed", value=20,
                 subject="insurgents killed", verb="confirmed"))  # fmt: skip
    assert balance_flags().count() == 1


def test_a_second_source_in_another_document_is_not_mixed_in(event, ministry, monitor):
    first = DocumentFactory(body="The ministry claimed 200 militants were killed.")
    second = DocumentFactory(body="The monitor confirmed 20 insurgents were killed.")
    check(
        quoted(event=event, document=first, source=ministry, excerpt="200 militants were killed", value=200)
    )
    check(quoted(event=event, document=second, source=monitor, excerpt="20 insurgents were killed", value=20))
    assert not balance_flags().exists()


def test_the_document_page_highlights_the_verbs(seed_article_text, event, ministry, monitor, client):
    from tests.factories import editor

    document = DocumentFactory(title="Wire story on Aleppo", body=seed_article_text)
    check(quoted(event=event, document=document, source=ministry, excerpt="killed 200 militants", value=200))
    check(quoted(event=event, document=document, source=monitor, excerpt="20 insurgents killed", value=20))
    client.force_login(editor())
    html = client.get(document.get_absolute_url()).content.decode()
    assert '<mark class="verb verb--distancing">claiming</mark>' in html
    assert '<mark class="verb verb--endorsing">confirmed</mark>' in html
    assert 'data-asymmetric="true"' in html
