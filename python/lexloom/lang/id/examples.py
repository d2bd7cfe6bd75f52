"""Indonesian example sentences, as spaCy's `spacy.lang.id.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.id.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Jakarta adalah kota terbesar di Indonesia.",
    "Pemerintah Kota Bandung menyiapkan dana Rp 15 miliar untuk taman kota baru.",
    "Soekarno membacakan teks proklamasi pada 17 Agustus 1945.",
    "Pasar itu buka setiap hari mulai pukul lima pagi.",
    "Berapa harga tiket kereta dari Surabaya ke Malang?",
    "Siapa yang menulis buku ini?",
]
