from django import forms
from django.core.exceptions import ValidationError

MAX_FLAGS = 200


class FlagIdsField(forms.CharField):
    """Comma-separated conflict numbers, as a page reports the ones it shows."""

    def to_python(self, value) -> list[int]:
        text = (super().to_python(value) or "").strip()
        if not text:
            return []
        parts = [part.strip() for part in text.split(",")]
        if not all(part.isdecimal() and 0 < len(part) < 12 for part in parts):
            raise ValidationError("Give conflict numbers separated by commas, e.g. 3,14.")
        if len(parts) > MAX_FLAGS:
            raise ValidationError(f"At most {MAX_FLAGS} conflicts at a time.")
        return sorted({int(part) for part in parts})


class PresenceForm(forms.Form):
    viewing = FlagIdsField(required=False)
    working = forms.IntegerField(required=False, min_value=1)
    leave = forms.BooleanField(required=False)


class PresenceQueryForm(forms.Form):
    flags = FlagIdsField(required=False)
