from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name",
        help_text="What will use the token, e.g. “nightly sync script” or “my laptop”.",
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address")
