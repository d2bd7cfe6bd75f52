"""Turkish stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
acaba acep adamakıllı adeta ait ama amma anca ancak arada artık aslında aynen ayrıca az
açıkça açıkçası bana bari bazen bazı bazısı bazısına bazısında bazısından bazısını bazısının
başka başkası başkasına başkasında başkasından başkasını başkasının belki ben bende benden
beni benim beri beriki berikinin berikiyi berisi bilcümle bile binaen binaenaleyh biraz
birazdan birbiri birbirinde birbirinden birbirine birbirini birbirinin birden birdenbire
biri birice birileri birilerinde birilerinden birilerine birilerini birilerinin birinde
birinden birine birini birinin birisi birisinde birisinden birisine birisini birisinin
birkaç birkaçı birkaçına birkaçında birkaçından birkaçını birkaçının birkez birlikte birçok
birçoğu birçoğuna birçoğunda birçoğundan birçoğunu birçoğunun birşey birşeyi bitevi biteviye
bittabi biz bizatihi bizce bizcileyin bizden bize bizi bizim bizimki bizzat boşuna bu buna
bunda bundan bunlar bunları bunların bunu bunun buracıkta burada buradan burası burasına
burasında burasından burasını burasının böyle böylece böylecene böylelikle böylemesine
böylesine büsbütün bütün cuk cümlemizden cümlemize cümlemizi cümlesi cümlesinden cümlesine
cümlesini cümlesinin da daha dahası dahi dahil dahilen daima dair dayanarak de defa dek
demin demincek deminden denli derakap derhal derken değil değin diye diğer diğeri diğerinden
diğerine diğerini dolayı dolayısıyla doğru edecek eden ederek edilecek ediliyor edilmesi
ediyor elbet elbette emme en enikonu epey epeyce epeyi esasen esnasında etmesi etraflı
etraflıca etti ettiği ettiğini evleviyetle evvel evvela evvelce evvelden evvelemirde evveli
eğer fakat filanca filancanın gah gayet gayetle gayri gayrı gelgelelim gene gerek gerçi
geçende geçenlerde gibi gibilerden gibisinden gine göre gırla hakeza halbuki halen
halihazırda haliyle handiyse hangi hangisi hangisinde hangisinden hangisine hani hariç
hasebiyle hasılı hatta hele hem henüz hep hepsi hepsinde hepsinden hepsini hepsinin her
herhangi herkes herkesi herkesin herkesten hiç hiçbir hiçbiri hiçbirinde hiçbirinden
hiçbirine hiçbirini hiçbirinin hoş hulasaten iken ila ile ilen ilgili ilk illa illaki imdi
indinde inen insermi ise ister itibaren itibariyle itibarıyla iyi iyice iyicene için iş işte
kadar kaffesi kah kala kanımca karşın kaynak kaçı kaçına kaçında kaçından kaçını kaçının
kelli kendi kendilerinde kendilerinden kendilerine kendilerini kendilerinin kendini kendisi
kendisinde kendisinden kendisine kendisini kendisinin kere kez keza kezalik keşke ki kim
kimden kime kimi kiminin kimisi kimisinde kimisinden kimisine kimisinin kimse kimsecik
kimsecikler külliyen kısaca kısacası lakin leh lütfen maada madem mademki mamafih mebni
međer meğer meğerki meğerse mi mu mü mı nasıl nasılsa nazaran naşi ne neden nedeniyle
nedenle nedenler nedenlerden nedense nerde nerden nerdeyse nere nerede nereden neredeyse
neresi nereye netekim neye neyi neyse nice nihayet nihayetinde nitekim niye niçin o olan
olarak oldu olduklarını oldukça olduğu olduğunu olmak olması olsa olsun olup olur olursa
oluyor ona onca onculayın onda ondan onlar onlara onlardan onları onların onu onun ora
oracık oracıkta orada oradan oranca oranla oraya oysa oysaki pek pekala peki pekçe peyderpey
rağmen sadece sahi sahiden sana sanki sen senden seni senin siz sizden sizi sizin sonra
sonradan sonraları sonunda tabii tam tamam tamamen tamamıyla tarafından tek tüm var vardı
vasıtasıyla ve velev velhasıl velhasılıkelam veya veyahut ya yahut yakinen yakında yakından
yakınlarda yalnız yalnızca yani yapacak yapmak yaptı yaptıkları yaptığı yaptığını yapılan
yapılması yapıyor yeniden yenilerde yerine yine yok yoksa yoluyla yüzünden zarfında zaten
zati zira çabuk çabukça çeşitli çok çokları çoklarınca çokluk çoklukla çokça çoğu çoğun
çoğunca çoğunda çoğundan çoğunlukla çoğunu çoğunun çünkü öbür öbürkü öbürü öbüründe
öbüründen öbürüne öbürünü önce önceden önceleri öncelikle öteki ötekisi öyle öylece
öylelikle öylemesine öz üzere şayet şey şeyden şeyi şeyler şimdi şu şuna şuncacık şunda
şundan şunlar şunları şunların şunu şunun şura şuracık şuracıkta şurası şöyle
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
