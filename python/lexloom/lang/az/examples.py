"""Azerbaijani example sentences, as spaCy's `spacy.lang.az.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.az.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Bakı Xəzər dənizinin sahilində yerləşir.",
    "Üzeyir Hacıbəyov ilk operasını 1908-ci ildə yazdı.",
    "Yeni körpünün tikintisi 12 milyon manata başa gələcək.",
    "Dövlət Neft Şirkəti yeni layihə elan etdi.",
    "Kitabxana bazar günləri bağlı olur.",
    "Gəncəyə qatar saat neçədə yola düşür?",
    "Sabah hava necə olacaq?",
]
