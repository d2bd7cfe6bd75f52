"""Small built-in examples: sample.txt (text to tokenize), sample.conllu (annotated)."""
from pathlib import Path

DATA_DIR = Path(__file__).parent
SAMPLE_TEXT = DATA_DIR / "sample.txt"
SAMPLE_CONLLU = DATA_DIR / "sample.conllu"
