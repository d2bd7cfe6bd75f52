"""German stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a ab aber ach acht achte achten achter achtes ag alle allein allem allen aller allerdings
alles allgemeinen als also am an andere anderem anderen andern anders auch auf aus ausser
ausserdem außer außerdem bald bei beide beiden beim beispiel bekannt bereits besonders
besser besten bin bis bisher bist da dabei dadurch dafür dagegen daher dahin dahinter damals
damit danach daneben dank dann daran darauf daraus darf darfst darin darum darunter darüber
das dasein daselbst dass dasselbe davon davor dazu dazwischen daß dein deine deinem deiner
dem dementsprechend demgegenüber demgemäss demgemäß demselben demzufolge den denen denn
denselben der deren derjenige derjenigen dermassen dermaßen derselbe derselben des deshalb
desselben dessen deswegen dich die diejenige diejenigen dies diese dieselbe dieselben diesem
diesen dieser dieses dir doch dort drei drin dritte dritten dritter drittes du durch
durchaus durfte durften dürfen dürft eben ebenso ehrlich eigen eigene eigenen eigener
eigenes ein einander eine einem einen einer eines einige einigen einiger einiges einmal
einmaleins elf en ende endlich entweder er erst erste ersten erster erstes es etwa etwas
euch früher fünf fünfte fünften fünfter fünftes für gab ganz ganze ganzen ganzer ganzes gar
gedurft gegen gegenüber gehabt gehen geht gekannt gekonnt gemacht gemocht gemusst genug
gerade gern gesagt geschweige gewesen gewollt geworden gibt ging gleich gross grosse grossen
grosser grosses groß große großen großer großes gut gute guter gutes habe haben habt hast
hat hatte hatten heisst heißt her heute hier hin hinter hoch hätte hätten ich ihm ihn ihnen
ihr ihre ihrem ihren ihrer ihres im immer in indem infolgedessen ins irgend ist ja jahr
jahre jahren je jede jedem jeden jeder jedermann jedermanns jedoch jemand jemandem jemanden
jene jenem jenen jener jenes jetzt kam kann kannst kaum kein keine keinem keinen keiner
kleine kleinen kleiner kleines kommen kommt konnte konnten kurz können könnt könnte lang
lange leicht leider lieber los machen macht machte mag magst man manche manchem manchen
mancher manches mehr mein meine meinem meinen meiner meines mich mir mit mittel mochte
mochten morgen muss musst musste mussten muß möchte mögen möglich mögt müssen müsst na nach
nachdem nahm natürlich neben nein neue neuen neun neunte neunten neunter neuntes nicht
nichts nie niemand niemandem niemanden noch nun nur ob oben oder offen oft ohne recht rechte
rechten rechter rechtes richtig rund sagt sagte sah satt schlecht schon sechs sechste
sechsten sechster sechstes sehr sei seid seien sein seine seinem seinen seiner seines seit
seitdem selbst sich sie sieben siebente siebenten siebenter siebentes siebte siebten siebter
siebtes sind so solang solche solchem solchen solcher solches soll sollen sollte sollten
sondern sonst sowie später statt tag tage tagen tat teil tel trotzdem tun uhr um und uns
unser unsere unserer unter vergangene vergangenen viel viele vielem vielen vielleicht vier
vierte vierten vierter viertes vom von vor wahr wann war waren wart warum was wegen weil
weit weiter weitere weiteren weiteres welche welchem welchen welcher welches wem wen wenig
wenige weniger weniges wenigstens wenn wer werde werden werdet wessen wie wieder will willst
wir wird wirklich wirst wo wohl wollen wollt wollte wollten worden wurde wurden während
währenddem währenddessen wäre würde würden zehn zehnte zehnten zehnter zehntes zeit zu
zuerst zugleich zum zunächst zur zurück zusammen zwanzig zwar zwei zweite zweiten zweiter
zweites zwischen á über überhaupt übrigens
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
