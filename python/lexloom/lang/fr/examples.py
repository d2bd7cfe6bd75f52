"""French example sentences, as spaCy's `spacy.lang.fr.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.fr.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "La mairie de Lyon a voté 8 millions d'euros pour de nouvelles pistes cyclables.",
    "Victor Hugo a publié Les Misérables en 1862.",
    "La boulangerie du quartier ouvre à six heures et demie.",
    "Le musée du Louvre accueille près de neuf millions de visiteurs par an.",
    "Combien coûte un billet de train entre Paris et Marseille ?",
    "Qui a gagné le Tour de France l'année dernière ?",
]
