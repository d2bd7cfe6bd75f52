"""Vietnamese example sentences, as spaCy's `spacy.lang.vi.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.vi.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Hà Nội là thủ đô của Việt Nam.",
    "Thành phố Đà Nẵng chi 200 tỷ đồng để xây một cây cầu mới.",
    "Nguyễn Du viết Truyện Kiều vào đầu thế kỷ 19.",
    "Chợ Bến Thành mở cửa lúc sáu giờ sáng.",
    "Vé tàu từ Huế đi Sài Gòn giá bao nhiêu?",
    "Ai đã thắng trận đấu tối qua?",
]
