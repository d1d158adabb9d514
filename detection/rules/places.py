"""Whether two places are one place: the reading lives in `claims/places.py`
(so the claims app, which may not import detection, offers events by the same
reading); detection's rules keep importing it from here."""

from claims.places import place_key, places_differ

__all__ = ["place_key", "places_differ"]
