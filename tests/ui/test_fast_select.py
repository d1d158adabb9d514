"""FastSelect renders what Django's Select renders, escaped, without a
template per option."""

from django import forms

from core.forms import FastSelect

CHOICES = [("", "Any"), ("x", 'X <b onmouseover="alert(1)">'), ("y", "Y & Z")]


class Pair(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.Select)
    fast = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)


def squeezed(markup: str) -> str:
    return "".join(line.strip() for line in markup.splitlines())


def test_it_renders_the_same_markup_as_djangos_select():
    form = Pair(data={"django": "y", "fast": "y"})
    assert squeezed(str(form["fast"])).replace('name="fast" id="id_fast"', "") == squeezed(
        str(form["django"])
    ).replace('name="django" id="id_django"', "")


def test_labels_and_values_are_escaped():
    markup = str(Pair()["fast"])
    assert "<b " not in markup
    assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;" in markup
    assert "Y &amp; Z" in markup
