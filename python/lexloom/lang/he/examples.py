"""Hebrew example sentences, as spaCy's `spacy.lang.he.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.he.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "עיריית חיפה אישרה תקציב של 10 מיליון שקלים לשבילי אופניים חדשים.",
    "דוד בן גוריון היה ראש הממשלה הראשון של ישראל.",
    "ים המלח הוא המקום הנמוך ביותר על פני כדור הארץ.",
    "המוזיאון פתוח בימי שישי עד השעה 14:00.",
    "כמה עולה כרטיס לרכבת מתל אביב לירושלים?",
    "מי כתב את הספר הזה?",
]
