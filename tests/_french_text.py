"""French sentences written for tokenizer comparisons: elisions (l' d' qu' j' n' s' c'),
hyphenated forms and inversions, numbers with units, dates and times, abbreviations,
quotes (with the no-break spaces of typeset French), URLs and e-mail addresses, combined by
a seeded generator."""
from __future__ import annotations

import random

_SUBJECTS = ["Le maire", "La directrice", "L'équipe", "Mon voisin", "Ils", "Elle", "On",
             "Les étudiants", "L'entreprise", "Jean-Pierre", "Marie-Claire", "Le Dr. Martin",
             "M. Dupont", "Mme Lefèvre", "L'État", "Aujourd'hui, l'association",
             "Le porte-parole", "Quelqu'un", "Chacun"]
_VERBS = ["a annoncé", "explique", "pense", "affirme", "n'a pas dit", "s'est demandé",
          "répète", "a écrit", "aurait confirmé", "c'est-à-dire", "dit", "se souvient"]
_CLAUSES = [
    "qu'il faudra attendre jusqu'à l'été",
    "que l'on n'y croit plus guère",
    "qu'elle viendra peut-être demain",
    "l'augmentation de 3,5 % des prix",
    "d'environ 1 200 personnes à Saint-Étienne",
    "qu'un arc-en-ciel est apparu vers 18h30",
    "l'arrivée du TGV Paris-Lyon à 7 h 45",
    "qu'il pèse 72,5 kg pour 1,80 m",
    "que la vitesse maximale est de 130 km/h",
    "l'achat d'une voiture à 15 000 € (TVA incluse)",
    "qu'au XIXe siècle, la ville comptait 40 000 habitants",
    "d'après le rapport du 12/03/2024",
    "qu'il est arrivé 1er, devant le 2e et le 3ème",
    "l'adresse https://www.exemple.fr/page?id=42",
    "qu'on peut écrire à contact@exemple.fr",
    "l'S.N.C.F. et la R.A.T.P. sont en grève",
    "qu'est-ce qu'il veut dire",
    "jusqu'à présent, personne n'a répondu",
    "lorsqu'elle est partie, il pleuvait",
    "puisqu'on en parle, allons-y",
    "presqu'île et chef-d'œuvre",
    "l'homme d'affaires, c.-à-d. le P.-D.G.",
    "les années 1990-2000",
    "qu'il y a 50% de chances",
    "d'ici là, etc.",
    "que j'ai vu l'avant-dernier épisode",
]
_ENDINGS = [".", " !", " ?", "...", " : c'est tout.", ", n'est-ce pas ?", " ;", ".",
            "\u00a0!", "\u00a0?"]  # typeset French: a no-break space before ! ? ; :
_INVERSIONS = ["A-t-il compris", "Pourquoi vient-elle", "Que dit-on", "Va-t-on partir",
               "Est-ce vrai", "Peut-on le croire", "Y a-t-il quelqu'un", "Faut-il attendre",
               "Où est-il allé", "Qu'en pensez-vous"]
_DIALOGUE = ["« {} », dit-elle.", "«\u00a0{}\u00a0», dit-il\u00a0:", "— {}, répondit-il.",
             "\"{}\", a-t-il ajouté.",
             "« {} » (voir p. 12).", "Il a crié : « {} ! »"]


def french_sentences(n: int = 300, seed: int = 12) -> list[str]:
    """`n` varied French sentences, the same for the same seed."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        kind = rng.random()
        if kind < 0.55:
            text = (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                    f"{rng.choice(_CLAUSES)}{rng.choice(_ENDINGS)}")
        elif kind < 0.75:
            text = f"{rng.choice(_INVERSIONS)} {rng.choice(_CLAUSES)} ?"
        else:
            inner = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}"
            text = rng.choice(_DIALOGUE).format(inner)
        if rng.random() < 0.2:
            text += " " + rng.choice(_CLAUSES).capitalize() + "."
        out.append(text)
    return out
