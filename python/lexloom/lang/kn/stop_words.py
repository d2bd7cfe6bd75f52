"""Kannada stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
ಅಂತ ಅಥವಾ ಅದಕ್ಕೆ ಅದನ್ನು ಅದು ಅದೇ ಅಲ್ಲ ಅಲ್ಲದೆ ಅವರ ಅವರನ್ನು ಅವರಿಗೆ ಅವರು ಅಷ್ಟೇ ಆ ಆಗ ಆಗಿ ಆದರೆ ಇತ್ತು
ಇದಕ್ಕೆ ಇದನ್ನು ಇದರ ಇದರಿಂದ ಇದು ಇದೆ ಇದೇ ಇನ್ನು ಇನ್ನೂ ಇರುವ ಇಲ್ಲ ಇಲ್ಲಿ ಈ ಈಗ ಈಗಾಗಲೇ ಎಂದರು ಎಂದರೆ
ಎಂದು ಎಂಬ ಎಂಬುದು ಎಲ್ಲ ಎಲ್ಲಾ ಎಷ್ಟು ಏನು ಕಳೆದ ಕೂಡ ಕೆಲವು ಕೇವಲ ಜೊತೆಗೆ ತನ್ನ ತಮ್ಮ ತುಂಬಾ ನಡೆದ
ನಡೆದಿದೆ ನನಗೆ ನನ್ನ ನನ್ನನ್ನು ನಮ್ಮ ನಾನು ನಾವು ನಿಮ್ಮ ನೀಡಿದರು ನೀಡಿದೆ ನೀಡಿದ್ದಾರೆ ನೀವು ಬಗ್ಗೆ ಬಳಿಕ
ಬೇರೆ ಮತ್ತು ಮತ್ತೆ ಮಾಡಿ ಮಾತ್ರ ಮೂಲಕ ಮೇಲೆ ಯಾವ ಯಾವುದೇ ಹಲವು ಹಾಗಾಗಿ ಹಾಗೂ ಹೀಗಾಗಿ ಹೀಗೆ ಹೆಚ್ಚು ಹೇಳಿ
ಹೇಳಿದ್ದಾರೆ
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
