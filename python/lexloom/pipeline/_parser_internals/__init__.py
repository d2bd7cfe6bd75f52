"""spaCy's `spacy.pipeline._parser_internals` under lexloom: the transition systems of the
parser (arc_eager.ArcEager) and the entity recognizer (ner.BiluoPushDown) as the components'
move tables, spaCy's state view (stateclass.StateClass) and pseudo-projectivity functions
(nonproj). The work is native (lexloom.parser_internals); these modules give it spaCy's names.

Left out: `_beam_utils` (spaCy's Python-driven beam; lexloom's beam search is one native
call, see transition_parser.Beam) and `_state` (a C++ struct, nothing to import).
"""
