"""Binding figures to the speakers of a joint statement, and to nobody when
the words cannot say who spoke (joint.py reads who speaks together)."""

from .binding import Binding
from .cues import Cue
from .reading import SpokenBy


def nobody_speaker(verb: str, anchor: int, cue: Cue | None) -> SpokenBy:
    """Someone speaks here but the words cannot say who ("the Department of
    Health and Human Services said": one name or two): their figures are
    proposed unbound."""
    return SpokenBy(name="", source=None, verb=verb, cue=cue, anchors=[anchor], unknown=True)


def partners_of(spoken: list[SpokenBy], entry: SpokenBy) -> list[str]:
    """The other speakers of `entry`'s joint statement."""
    if entry.group is None:
        return []
    return [e.name for e in spoken if e.group == entry.group and e is not entry]


def settle_joint_and_unknown(bindings: list[Binding], spoken: list[SpokenBy]) -> list[Binding]:
    """Every speaker of a joint statement gets each figure bound to any of
    them (never one of them alone); a figure bound to someone unknown is
    proposed unbound."""
    settled: list[Binding] = []
    with_figures = set()
    for binding in bindings:
        entry = spoken[binding.speaker] if binding.speaker is not None else None
        if entry is not None and entry.unknown:
            if binding.figure is not None:
                settled.append(Binding(None, binding.figure, unbound=True))
            continue
        members = [binding.speaker]
        if entry is not None and entry.group is not None:
            members = [i for i, e in enumerate(spoken) if e.group == entry.group]
        for member in members:
            settled.append(Binding(member, binding.figure, binding.unbound))
            if binding.figure is not None:
                with_figures.add(member)
    unique: list[Binding] = []
    for binding in settled:
        if binding.figure is None and binding.speaker in with_figures:
            continue
        if any(b.speaker == binding.speaker and b.figure is binding.figure for b in unique):
            continue
        unique.append(binding)
    return unique
