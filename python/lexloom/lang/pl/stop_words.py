"""Polish stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a aby ach acz aczkolwiek aj albo ale alez ależ ani az aż bardziej bardzo beda bede bedzie
bez bo bowiem by byc byl byla byli bylo byly bym bynajmniej być był była było były będzie
będą będę cala cali caly cała cały chce choć ci cie ciebie cię co cokolwiek coraz cos coś
czasami czasem czemu czy czyli często daleko dla dlaczego dlatego do dobrze dokad dokąd dosc
dość duzo dużo dwa dwaj dwie dwoje dzis dzisiaj dziś gdy gdyby gdyz gdyż gdzie gdziekolwiek
gdzies gdzieś go godz i ich ile im inna inne inny innych iv ix iz iż ja jak jakas jakaś
jakby jaki jakichs jakichś jakie jakis jakiz jakiś jakiż jakkolwiek jako jakos jakoś je
jeden jedna jednak jednakze jednakże jedno jednym jedynie jego jej jemu jesli jest jestem
jeszcze jezeli jeśli jeżeli juz już ją kazdy każdy kiedy kierunku kilka kilku kims kimś kto
ktokolwiek ktora ktore ktorego ktorej ktory ktorych ktorym ktorzy ktos ktoś która które
którego której który których którym którzy ku lecz lub ma mają mam mamy mało mi miał miedzy
mimo między mna mnie mną moga mogą moi moim moj moja moje moze mozliwe mozna może możliwe
można mu musi my mój na nad nam nami nas nasi nasz nasza nasze naszego naszych natomiast
natychmiast nawet nia nic nich nie niech niego niej niemu nigdy nim nimi niz nią niż no o
obok od ok około on ona one oni ono oraz oto owszem pan pana pani po pod podczas pomimo
ponad poniewaz ponieważ powinien powinna powinni powinno poza prawie przeciez przecież przed
przede przedtem przez przy raz razie roku rowniez również sam sama sie się skad skąd soba
sobie sobą sposob sposób swoje są ta tak taka taki takich takie takze także tam te tego tej
tel temu ten teraz też to toba tobie tobą totez toteż totobą trzeba tu tutaj twoi twoim twoj
twoja twoje twym twój ty tych tylko tym tys tzw tę u vi vii viii w wam wami was wasi wasz
wasza wasze we według wie wiele wielu więc więcej wlasnie wszyscy wszystkich wszystkie
wszystkim wszystko wtedy wy właśnie wśród xi xii xiii xiv xv z za zaden zadna zadne zadnych
zapewne zawsze zaś ze zeby znow znowu znów zostal został żaden żadna żadne żadnych że żeby
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
