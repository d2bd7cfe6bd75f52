"""Latin stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
ab ac ad adhuc aliqui aliquis an ante apud at atque aut autem cum cur de deinde dum ego enim
ergo es est et etiam etsi ex fio haud hic iam idem igitur ille in infra inter interim ipse
is ita magis modo mox nam ne nec necque neque nisi non nos o ob per possum post pro quae
quam quare qui quia quicumque quidem quilibet quis quisnam quisquam quisque quisquis quo
quoniam sed si sic sive sub sui sum super suus tam tamen trans tu tum ubi uel uero vel vero
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
