"""Turkish example sentences, as spaCy's `spacy.lang.tr.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.tr.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "İzmir Büyükşehir Belediyesi yeni bisiklet yolları için 40 milyon lira ayırdı.",
    "Orhan Pamuk 2006 yılında Nobel Edebiyat Ödülü'nü kazandı.",
    "Kapadokya sıcak hava balonlarıyla ünlüdür.",
    "Köşedeki fırın her sabah altıda açılıyor.",
    "Ankara'dan İstanbul'a hızlı tren kaç saat sürüyor?",
    "Bu şarkıyı kim yazdı?",
]
