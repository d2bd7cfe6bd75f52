"""Scottish Gaelic special cases: elided and contracted forms ("a'", "'s", "'ac") and
abbreviations, with their full form as NORM, and phrases written with a space that the
tokenizer keeps as one token. Which spellings are kept whole was checked against spaCy's
Scottish Gaelic one by one (spaCy used as a black box); the norms are lexloom's own, written
from what each form stands for, so some differ from spaCy's."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, Exceptions, merge_exceptions,
                                    spelled_exceptions)

# spelling -> norm
_MORE_NORMS: dict[str, str] = {
    'a-nis': 'a-nis', 'A-nis': 'a-nis', 'a-nochd': 'a-nochd', 'A-nochd': 'a-nochd',
    'a-màireach': 'a-màireach', 'A-màireach': 'a-màireach', 'a-raoir': 'a-raoir',
    'A-raoir': 'a-raoir', 'a-rithist': 'a-rithist', 'A-rithist': 'a-rithist',
    'a-staigh': 'a-staigh', 'A-staigh': 'a-staigh', 'a-steach': 'a-steach', 'A-steach': 'a-steach',
    'a-mach': 'a-mach', 'A-mach': 'a-mach', 'a-muigh': 'a-muigh', 'A-muigh': 'a-muigh',
    'a-null': 'a-null', 'A-null': 'a-null', 'a-nall': 'a-nall', 'A-nall': 'a-nall',
    'a-bhòn-dè': 'a-bhòn-dè', 'A-bhòn-dè': 'a-bhòn-dè', 'a-riamh': 'a-riamh', 'A-riamh': 'a-riamh',
    'a-mhàin': 'a-mhàin', 'A-mhàin': 'a-mhàin', 'a-nuas': 'a-nuas', 'A-nuas': 'a-nuas',
    'a-bhos': 'a-bhos', 'A-bhos': 'a-bhos', 'a-seo': 'a-seo', 'A-seo': 'a-seo', 'a-sin': 'a-sin',
    'A-sin': 'a-sin', 'a-siud': 'a-siud', 'A-siud': 'a-siud', 'a-chèile': 'a-chèile',
    'A-chèile': 'a-chèile', 'co-dhiù': 'co-dhiù', 'Co-dhiù': 'co-dhiù', 'co-dhiubh': 'co-dhiubh',
    'Co-dhiubh': 'co-dhiubh', 'co-ionann': 'co-ionann', 'Co-ionann': 'co-ionann',
    'an-diugh': 'an-diugh', 'An-diugh': 'an-diugh', 'an-dè': 'an-dè', 'An-dè': 'an-dè',
    'an-raoir': 'an-raoir', 'An-raoir': 'an-raoir', 'an-dràsta': 'an-dràsta',
    'An-dràsta': 'an-dràsta', 'an-uiridh': 'an-uiridh', 'An-uiridh': 'an-uiridh',
    'an-nochd': 'an-nochd', 'An-nochd': 'an-nochd', 'an-àird': 'an-àird', 'An-àird': 'an-àird',
    '’S': 'is', '’s': 'is', 'a chionn': 'a chionn', 'A chionn': 'a chionn', 'na bu': 'na bu',
    'Na bu': 'na bu', 'cia mheud': 'cia mheud', 'Cia mheud': 'cia mheud', 'gu dè': 'gu dè',
    'Gu dè': 'gu dè', 'gu ruige': 'gu ruige', 'Gu ruige': 'gu ruige', 'air neo': 'air neo',
    'Air neo': 'air neo', 'an uair': 'an uair', 'An uair': 'an uair', 'ge brith': 'ge brith',
    'Ge brith': 'ge brith', "'": "'", '’': "'", 'ath-bhliadhna': 'ath-bhliadhna',
    'Ath-bhliadhna': 'ath-bhliadhna', 'am-bliadhna': 'am-bliadhna', 'Am-bliadhna': 'am-bliadhna',
    'fa-near': 'fa-near', 'Fa-near': 'fa-near', 'mar-thà': 'mar-thà', 'Mar-thà': 'mar-thà',
    'co-obrachadh': 'co-obrachadh', 'Co-obrachadh': 'co-obrachadh', 'co-labhairt': 'co-labhairt',
    'Co-labhairt': 'co-labhairt', 'ro-làimh': 'ro-làimh', 'Ro-làimh': 'ro-làimh',
    'ro-innleachd': 'ro-innleachd', 'Ro-innleachd': 'ro-innleachd',
    'neo-eisimeileach': 'neo-eisimeileach', 'Neo-eisimeileach': 'neo-eisimeileach',
}
# kept whole, with the default norm (the lower-cased form)
_MORE_WHOLE = """
a' A' 'S 's 'ac ac' Ac' 'ad 'ar 'ga 'gam 'gan 'gar 'gur 'na 'nad 'nam 'nan 'nar 'nuair 'nur
'sa 'san 'sann 'se 'sna 'g 'G 'm 'M 'n 'N 'd 'D 'eil 'ille 'gad 'ic 'nise b' B' d' D' dh' Dh'
m' M' t' T' r' R' th' Th' bh' Bh' aig' Aig' leoth' Leoth' riuth' Riuth' thuc' Thuc' dòch'
Dòch' mis' Mis' thus' Thus' cuin' Cuin' càit' Càit' cà' Cà' agads' Agads' agams' Agams'
dhomh-s' Dhomh-s' riums' Riums' an-dràsda An-dràsda h-uile H-uile a's A's a’ A’ 'Ac ’ac ac’
Ac’ 'Ad ’ad 'Ar ’ar 'Ga ’ga 'Gam ’gam 'Gan ’gan 'Gar ’gar 'Gur ’gur 'Na ’na 'Nad ’nad 'Nam
’nam 'Nan ’nan 'Nar ’nar 'Nuair ’nuair 'Nur ’nur 'Sa ’sa 'San ’san 'Sann ’sann 'Se ’se 'Sna
’sna ’g ’G ’m ’M ’n ’N ’d ’D 'Eil ’eil 'Ille ’ille 'Gad ’gad 'Ic ’ic 'Nise ’nise b’ B’ d’ D’
dh’ Dh’ m’ M’ t’ T’ r’ R’ th’ Th’ bh’ Bh’ aig’ Aig’ leoth’ Leoth’ riuth’ Riuth’ thuc’ Thuc’
dòch’ Dòch’ mis’ Mis’ thus’ Thus’ cuin’ Cuin’ càit’ Càit’ cà’ Cà’ agads’ Agads’ agams’ Agams’
dhomh-s’ Dhomh-s’ riums’ Riums’ a’s A’s am-màireach Am-màireach sin' Sin' sin’ Sin’ tro' Tro'
tro’ Tro’ 'sa' ’sa’ sa' Sa' sa’ Sa’
""".split()


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, spelled_exceptions(_MORE_NORMS, _MORE_WHOLE))
