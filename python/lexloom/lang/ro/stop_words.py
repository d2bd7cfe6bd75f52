"""Romanian stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a abia acea aceasta această aceea aceeasi aceeași acei aceia acel acela acelasi același
acele acelea acest acesta aceste acestea acestei acestia acestui aceşti aceştia acolo acord
acum adica adică ai aia aibă aici aiurea al ala alaturi ale alea alt alta altceva altcineva
alte altfel alti altii altul alături am anume apai apoi apăi ar are as asa asemenea asta
astazi astea astfel astăzi asupra atare atat atata atatea atatia ati atit atita atitea
atitia atunci au avea avem aveţi aveți avut azi aş aşadar aţi aș așadar ați b ba bine bucur
bună c ca cam cand capat care careia carora caruia cat catre caut ce cea ceea cei ceilalti
cel cele celor ceva chiar ci cinci cind cine cineva cit cita cite citeva citi citiva conform
contra cu cui cum cumva curând curînd când cât câte câtva câţi câți cînd cît cîte cîtva cîţi
cîți că căci cărei căror cărora cărui căruia către d da daca dacă dar dat datorită dată dau
de deasupra deci decit degraba deja deoarece departe desi despre deunaseara deunazi
deunăseară deunăzi deşi deși din dinaintea dincoace dincolo dintr dintr- dintre doar doi
doilea două drept dupa după dă e ea ei el ele era eram este eu exact eşti ești f face fara
fata fel fi fie fiecare fii fim fiu fiţi fiți foarte fost frumos fără g geaba graţie grație
h i ia iar ieri ii il imi in inainte inapoi inca incit incotro insa intr intre isi iti j k l
la le li lor lui lângă lîngă m ma macar mai mare mata matale mea mei mele mereu meu mi mie
mine mod mult multa multe multi multă mulţi mulţumesc mulți mulțumesc mâine mîine mă măcar n
na ne neincetat nevoie neîncetat ni nici nicidecat nicidecum nicidecât niciodata niciodată
nicăieri nimeni nimeri nimic niste nişte niște noastre noastră noi noroc nostri nostru nou
noua nouă noştri noștri nu numai o odata odată odinioara odinioară opt or ori oricare orice
oricine oricum oricând oricât oricînd oricît oriunde p pai parca parcă patra patru patrulea
pe pentru peste pic pina plus poate pot prea prima primul prin printr- printre putini puţin
puţina puţină până pînă păi r rog s sa sa-mi sa-ti sai sale sau se si sint sintem spate spre
sub sunt suntem sunteţi sunteți sus sută sînt sîntem sînteţi sînteți să săi său t ta tale te
ti timp tine toata toate toată tocmai tot toti totul totusi totuşi totuși toţi toți trei
treia treilea tu tuturor tăi tău u ul ului un una unde undeva unei uneia unele uneori unii
unor unora unu unui unuia unul v va vai vi voastre voastră voi vom vor vostru vouă voştri
voștri vreme vreo vreun vă x z zece zero zi zice îi îl îmi împotriva în înainte înaintea
încotro încât încît între întrucât întrucît îţi îți ăla ălea ăsta ăstea ăştia ăștia şapte
şase şi ştiu ţi ţie șapte șase și știu ți ție
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
