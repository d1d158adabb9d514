"""`manage.py create_user`: the first real account, made by a script."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_an_editor_with_a_generated_password_shown_once():
    output = run("nightdesk", "--role", "editor", "--email", "desk@example.org")

    user = get_user_model().objects.get(username="nightdesk")
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    assert user.email == "desk@example.org"
    assert not user.is_staff
    password = output.split("Password (shown once): ")[1].strip()
    assert user.check_password(password)


@pytest.mark.django_db
def test_it_reads_the_password_from_standard_input(monkeypatch):
    output = run(
        "checker",
        "--role",
        "fact-checker",
        "--password-stdin",
        stdin="a long passphrase 9431\n",
        monkeypatch=monkeypatch,
    )
    assert "shown once" not in output
    assert get_user_model().objects.get(username="checker").check_password("a long passphrase 9431")


@pytest.mark.django_db
def test_it_refuses_a_taken_username_and_creates_nothing():
    run("nightdesk", "--role", "viewer")
    with pytest.raises(CommandError, match="username: The username 'NightDesk' is taken"):
        run("NightDesk", "--role", "editor")
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_weak_password_and_says_why(monkeypatch):
    with pytest.raises(CommandError, match="password: .*too common"):
        run("weak", "--role", "viewer", "--password-stdin", stdin="password\n", monkeypatch=monkeypatch)
    assert not get_user_model().objects.filter(username="weak").exists()


@pytest.mark.django_db
def test_it_refuses_an_unknown_role():
    with pytest.raises(CommandError, match="invalid choice: 'admin'"):
        run("someone", "--role", "admin")
