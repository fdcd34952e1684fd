"""Score the NER tagger on a CoNLL file (exact span and type, CoNLL style, micro over PERS/LOC/ORG/MISC).

    PYTHONPATH=src python tools/ner_eval.py /work/shared/data/anercorp-camellab/ANERCorp_CamelLab_test.txt
    PYTHONPATH=src python tools/ner_eval.py FILE --model path/to/other.crfsuite
"""

from __future__ import annotations

import argparse

from khabar.entities.tagger import NerTagger
from khabar.training.evaluate import evaluate_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--model", default=None, help="a .crfsuite file with its .json beside it (default: shipped)")
    args = ap.parse_args()
    evaluate_file(args.file, NerTagger.load(args.model))


if __name__ == "__main__":
    main()
