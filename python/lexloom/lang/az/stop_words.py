"""Azerbaijani stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
amma arasında artıq ay az bax belə beş bilər bir biraz biri birşey biz bizim bizlər bu buna
bundan bunların bunu bunun buradan bütün bəli bəlkə bəy bəzi bəzən daha dedi deyil dir düz
də dək dən dəqiqə edir edən elə et etdi etmə etmək faiz gilə görə ha haqqında harada heç hə
həm həmin həmişə hər idi il ildə ilk ilə in indi istifadə isə ki kim kimi kimə lakin lap
mirşey məhz mən mənə niyə nə nəhayət o obirisi of olan olar olaraq oldu olduğu olmadı olmaz
olmuşdur olsun olur on ona ondan onlar onlardan onların onsuzda onu onun oradan qarşı qədər
saat sadəcə saniyə siz sizin sizlər sonra səhv sən sənin sənə təəssüf var və xan xanım xeyr
ya yalnız yaxşı yeddi yenə yox yoxdur yoxsa yəni zaman çox çünki öz özü üçün əgər əlbəttə ən
əslində
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
