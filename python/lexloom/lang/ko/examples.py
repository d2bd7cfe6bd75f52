"""Korean example sentences, as spaCy's `spacy.lang.ko.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ko.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "서울시는 새 자전거 도로에 300억 원을 투자한다.",
    "세종대왕은 1443년에 훈민정음을 창제했다.",
    "동네 빵집은 매일 아침 7시에 문을 연다.",
    "내일은 전국에 비가 올 예정입니다.",
    "부산까지 기차로 얼마나 걸려요?",
    "이 책은 누가 썼어요?",
]
