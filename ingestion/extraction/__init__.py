"""The claim extractor: plain rules over a document's text, driven by the
lexicons editors keep in the admin (LexiconTerm). No network, no model.

`extract_claims(body, lexicon=..., sources=...)` returns one `Candidate` per
claim-carrying sentence, speaker and figure, with character offsets into
`body` (`body[c.excerpt_start:c.excerpt_end] == c.excerpt`). It touches no
database: the caller passes the lexicon and the known sources in, which
keeps it easy to test and to evaluate (docs/extraction.md explains the rules).

The modules follow the pipeline:

- `sentences`: sentences with offsets;
- `quantities`: counted figures, qualifiers, ranges and vague amounts, read
  with the word lists of `figure_words`; `figure_subjects`: what each counts;
  `comparisons`, `money`: earlier figures and changes (context, not figures)
  and amounts of money;
- `cues`: reporting cues and the speaker phrase of each (`joint`: speakers
  of a joint statement);
- `speakers`: cleaning a speaker phrase, who has spoken so far;
- `names`, `documents`: the people named so far (by family name) and the
  statements and reports named so far (by issuer), for "Wang said" and
  "according to the statement";
- `matching`: a speaker phrase to a known source;
- `reading`: what one sentence holds (cues, figures, framing, who speaks);
- `ownership`: what in a sentence is not a speaker's own claim (a denied
  proposition, the scene described, the numbers counting the speakers);
- `claim_text`: the claim's text without its attribution;
- `proposals`: the document reader that puts them together.
"""

from .lexicon import Lexicon
from .matching import KnownSource, SourceMatcher, acronym
from .proposals import Candidate, extract_claims
from .quantities import Figure, find_figures
from .sentences import Span, is_headline, split_sentences
from .text import fold, normalise_name

__all__ = [
    "Candidate",
    "Figure",
    "KnownSource",
    "Lexicon",
    "SourceMatcher",
    "Span",
    "acronym",
    "extract_claims",
    "find_figures",
    "fold",
    "is_headline",
    "normalise_name",
    "split_sentences",
]
