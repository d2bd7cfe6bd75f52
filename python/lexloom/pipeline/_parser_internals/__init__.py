"""spaCy's `spacy.pipeline._parser_internals` under lexloom: the transition systems of the
parser (arc_eager.ArcEager) and the entity recognizer (ner.BiluoPushDown) as the components'
move tables, spaCy's state view (stateclass.StateClass) and pseudo-projectivity functions
(nonproj), and `_beam_utils` (BeamBatch: a beam stepped from Python with outside scores;
lexloom's own beam search is one native call). The work is native
(lexloom.parser_internals); these modules give it spaCy's names.

Left out: `_state` (a C++ struct, nothing to import).
"""
