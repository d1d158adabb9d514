from django import forms

from core.forms import TextForm


class ApiTokenForm(TextForm):
    name = forms.CharField(
        max_length=100,
        label="Name",
        help_text="What will use the token, e.g. “nightly sync script” or “my laptop”.",
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address")


class TwoFactorCodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Code from your authenticator app",
        error_messages={"invalid": "Enter the six digits your app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
