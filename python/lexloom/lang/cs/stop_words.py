"""Czech stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a aby ahoj ale alespoň anebo ani aniž ano asi aspoň atd. atp. ačkoli až bez beze blízko
bohužel brzo bude budeme budete budeš budou budu by byl byla byli bylo byly bys být během
chce chceme chcete chceš chci chtít chtějí chuti chuť co což cz daleko další den deset
devatenáct devět dnes do dobrý docela dva dvacet dvanáct dvě dál dále děkovat děkujeme
děkuji email ho hodně i jak jakmile jako jakož jde je jeden jedenáct jedna jedno jednou
jedou jeho jehož jej jejich jejichž její jelikož jemu jen jenom jenž jestli jestliže ještě
jež ji jich jim jimi jinak jiné již jsem jsi jsme jsou jste já jí jím k kam každý kde kdo
kdy když ke kolik kromě kterak kterou která které který kteří ku kvůli mají mezi mi mne mnou
mně moc mohl mohou moje moji možná musí my má málo mám máme máte máš mé mí mít mě můj může
na nad nade naproti načež naše naši ne nebo nebyl nebyla nebyli nebyly nechť nedělají nedělá
nedělám neděláme neděláte neděláš nejsi nejsou nemají nemáme nemáte neměl není nestačí
nevadí než nic nich nimi nové noví nový nula nám námi nás náš ní ním ně něco nějak někde
někdo němu němuž o od ode on ona oni ono ony osm osmnáct pak patnáct po pod pokud potom
pouze pozdě pořád pravé pro prostě prosím proti proto protože proč první právě pět přece
před přede přes při přičemž rovně s se sedm sedmnáct si sic sice skoro smí smějí snad spolu
sta sto strana sté svá své svých svým svými svůj ta tady tak takhle taky také takže tam
tamto tebe tebou tedy ten tento teď ti tisíc tisíce to tobě tohle tohoto tom tomto tomu
tomuto toto trochu trošku tu tuto tvoje tvá tvé tvůj ty tyto támhle támhleto této tím tímto
tě těm těma těmi třeba tři třináct u určitě už v vaše vaši ve vedle večer vlastně vy vám
vámi vás váš více však všechen všechno všichni vůbec vždy z za zatímco zač zda zde ze čau či
článek článku články čtrnáct čtyři šest šestnáct že
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
