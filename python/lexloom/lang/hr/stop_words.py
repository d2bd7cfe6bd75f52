"""Croatian stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a ah aha aj ako al ali arh au avaj bar baš bez bi bih bijah bijahu bijasmo bijaste bijaše
bila bili bilo bio bismo biste biti brr budavši bude budimo budite budu budući bum bumo buć
da daj dakle de deder dem djelomice djelomično do doista dok dokle donekle dosad doskoro
dotad dotle dovečer drugamo drugdje duž e eh ehe ej eno eto evo ga gdjekakav gdjekoje gic
god halo hej hm hop hoće hoćemo hoćete hoćeš hoću htijahu htijasmo htijaste htio htjedoh
htjedoste htjedoše htjela htjele htjeli hura i iako ih iju ijuju ikada ikakav ikakva ikakve
ikakvi ikakvih ikakvim ikakvima ikakvo ikakvog ikakvoga ikakvoj ikakvom ikakvome ili im iz
ja je jedna jedne jedni jedno jer jesam jesi jesmo jest jeste jesu jim joj još ju kada kako
kao koja koje koji kojima koju kroz lani li me mene meni mi mimo moj moja moje moji moju mu
na nad nakon nam nama nas naš naša naše našeg naši ne nego neka neke neki nekog neku nema
netko neće nećemo nećete nećeš neću nešto ni nije nikoga nikoje nikoji nikoju nisam nisi
nismo niste nisu njega njegov njegova njegovo njemu njezin njezina njezino njih njihov
njihova njihovo njim njima njoj nju no o od odmah on ona one oni onim onima ono onoj onom
onu ova ovaj ovim ovima ovoj pa pak pljus po pod podalje poimence poizdalje ponekad pored
postrance potajice potrbuške pouzdano prije s sa sam samo sasvim sav se sebe sebi si smo ste
su sva sve svi svog svoj svoja svoje svoju svom svu ta tada taj tako te tebe tebi ti tim
tima to toj tome tu tvoj tvoja tvoje tvoji tvoju u usprkos utaman uvijek uz uza uzagrapce
uzalud uzduž valjda vam vama vas vaš vaša vaše vašim vašima već vi vjerojatno vjerovatno vrh
vrlo za zaista zar zatim zato zbija zbog zimus zum će ćemo ćete ćeš ću čijem čijim čijima
šic šta štagod što štogod želeći željah željela željele željeli željelo željen željena
željene željeni željenu željeo
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
