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
    '’S': 'is', '’s': 'is', '’': "'",
}
# kept whole, with the default norm (the lower-cased form); phrases with a space first
_MORE_PHRASES = [
    'a chionn', 'A chionn', 'na bu', 'Na bu', 'cia mheud', 'Cia mheud', 'gu dè', 'Gu dè',
    'gu ruige', 'Gu ruige', 'air neo', 'Air neo', 'an uair', 'An uair', 'ge brith', 'Ge brith',
]
_MORE_WHOLE = """
a-nis A-nis a-nochd A-nochd a-màireach A-màireach a-raoir A-raoir a-rithist A-rithist a-staigh
A-staigh a-steach A-steach a-mach A-mach a-muigh A-muigh a-null A-null a-nall A-nall a-bhòn-dè
A-bhòn-dè a-riamh A-riamh a-mhàin A-mhàin a-nuas A-nuas a-bhos A-bhos a-seo A-seo a-sin A-sin
a-siud A-siud a-chèile A-chèile co-dhiù Co-dhiù co-dhiubh Co-dhiubh co-ionann Co-ionann
an-diugh An-diugh an-dè An-dè an-raoir An-raoir an-dràsta An-dràsta an-uiridh An-uiridh
an-nochd An-nochd an-àird An-àird ' ath-bhliadhna Ath-bhliadhna am-bliadhna Am-bliadhna
fa-near Fa-near mar-thà Mar-thà co-obrachadh Co-obrachadh co-labhairt Co-labhairt ro-làimh
Ro-làimh ro-innleachd Ro-innleachd neo-eisimeileach Neo-eisimeileach a' A' 'S 's 'ac ac' Ac'
'ad 'ar 'ga 'gam 'gan 'gar 'gur 'na 'nad 'nam 'nan 'nar 'nuair 'nur 'sa 'san 'sann 'se 'sna 'g
'G 'm 'M 'n 'N 'd 'D 'eil 'ille 'gad 'ic 'nise b' B' d' D' dh' Dh' m' M' t' T' r' R' th' Th'
bh' Bh' aig' Aig' leoth' Leoth' riuth' Riuth' thuc' Thuc' dòch' Dòch' mis' Mis' thus' Thus'
cuin' Cuin' càit' Càit' cà' Cà' agads' Agads' agams' Agams' dhomh-s' Dhomh-s' riums' Riums'
an-dràsda An-dràsda h-uile H-uile a's A's a’ A’ 'Ac ’ac ac’ Ac’ 'Ad ’ad 'Ar ’ar 'Ga ’ga 'Gam
’gam 'Gan ’gan 'Gar ’gar 'Gur ’gur 'Na ’na 'Nad ’nad 'Nam ’nam 'Nan ’nan 'Nar ’nar 'Nuair
’nuair 'Nur ’nur 'Sa ’sa 'San ’san 'Sann ’sann 'Se ’se 'Sna ’sna ’g ’G ’m ’M ’n ’N ’d ’D 'Eil
’eil 'Ille ’ille 'Gad ’gad 'Ic ’ic 'Nise ’nise b’ B’ d’ D’ dh’ Dh’ m’ M’ t’ T’ r’ R’ th’ Th’
bh’ Bh’ aig’ Aig’ leoth’ Leoth’ riuth’ Riuth’ thuc’ Thuc’ dòch’ Dòch’ mis’ Mis’ thus’ Thus’
cuin’ Cuin’ càit’ Càit’ cà’ Cà’ agads’ Agads’ agams’ Agams’ dhomh-s’ Dhomh-s’ riums’ Riums’
a’s A’s am-màireach Am-màireach sin' Sin' sin’ Sin’ tro' Tro' tro’ Tro’ 'sa' ’sa’ sa' Sa' sa’
Sa’
""".split() + _MORE_PHRASES

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, spelled_exceptions(_MORE_NORMS, _MORE_WHOLE))
