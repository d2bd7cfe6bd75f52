"""Japanese example sentences, as spaCy's `spacy.lang.ja.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.ja.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "東京都は新しい自転車道の整備に50億円を投じる。",
    "夏目漱石は1905年に「吾輩は猫である」を発表した。",
    "駅前のパン屋は毎朝七時に開く。",
    "富士山の高さは3776メートルです。",
    "京都から大阪まで電車でどのくらいかかりますか？",
    "明日の会議は何時から始まりますか？",
]
