"""Chinese example sentences, as spaCy's `spacy.lang.zh.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.zh.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "北京市计划投入五十亿元建设新的自行车道。",
    "鲁迅于1918年发表了小说《狂人日记》。",
    "长江是中国最长的河流。",
    "街角的面包店每天早上七点开门。",
    "从上海到杭州坐高铁要多长时间？",
    "这首歌是谁写的？",
]
