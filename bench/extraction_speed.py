"""How long the extractor takes on a document as large as an upload may be.

    .venv/bin/python bench/extraction_speed.py [size_in_bytes]

Builds a document from the labelled corpus articles repeated (with their
sentences made unique so de-duplication does not shortcut the work) up to the
size, and times extract_claims with the starting lexicon. Prints characters,
sentences, candidates and seconds. No database needed.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingestion.extraction import Lexicon, extract_claims, split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "ingestion" / "corpus"


def build(size: int) -> str:
    articles = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    parts, total, copy = [], 0, 0
    while total < size:
        for article in articles:
            text = f"Edition {copy}\n" + article.replace(".\n", f" (edition {copy}).\n")
            parts.append(text)
            total += len(text)
        copy += 1
    return "".join(parts)[:size]


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2 * 1024 * 1024
    body = build(size)
    lexicon = Lexicon.starting()
    started = time.perf_counter()
    candidates = extract_claims(body, lexicon=lexicon, sources=[])
    elapsed = time.perf_counter() - started
    print(
        f"{len(body):,} characters, {len(split_sentences(body)):,} sentences, "
        f"{len(candidates):,} candidates in {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
