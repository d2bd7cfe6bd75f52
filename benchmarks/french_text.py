"""French paragraphs for the French pipeline benchmarks, generated from sentence templates
written for lexloom (no French corpus ships with the shared data).

The templates cover what French tokenization and tagging must handle: elisions (l', d', qu',
j', n', s', c'), hyphenated forms and inversions (a-t-il, peut-être, vingt-deux), numbers with
units and decimals, dates, quotes « », abbreviations, proper names, relative clauses,
negation, questions and exclamations. The same seed always gives the same paragraphs.
"""
from __future__ import annotations

import random
import re

NAMES = ["Marie", "Jean Dupont", "Claire", "Paul Martin", "Sophie Bernard", "Louis", "Camille",
         "Élise Moreau", "Hugo", "Nathalie Petit", "Antoine", "Juliette Lefèvre"]
PLACES = ["Paris", "Lyon", "Marseille", "Bordeaux", "la Bretagne", "Genève", "Montréal",
          "Toulouse", "l'Alsace", "Nantes", "Lille", "la Provence"]
ORGS = ["la SNCF", "l'Université de Strasbourg", "Air France", "le Conseil d'État",
        "la Banque de France", "l'ONU", "Radio France", "le CNRS"]
NOUNS_M = ["livre", "projet", "rapport", "village", "marché", "musée", "train", "jardin",
           "chemin", "problème", "gouvernement", "voyage", "ordinateur", "hôpital", "immeuble"]
NOUNS_F = ["maison", "ville", "réunion", "lettre", "école", "entreprise", "histoire", "rue",
           "équipe", "voiture", "décision", "semaine", "usine", "idée", "église"]
ADJ = ["grand", "petit", "nouveau", "vieux", "important", "célèbre", "magnifique", "simple",
       "difficile", "rapide", "ancien", "moderne"]
VERBS_PRES = ["travaille", "arrive", "parle", "regarde", "cherche", "attend", "mange",
              "écrit", "lit", "prépare", "visite", "quitte"]
VERBS_PP = ["visité", "acheté", "écrit", "lu", "préparé", "trouvé", "vendu", "construit",
            "ouvert", "fermé", "présenté", "annoncé"]
TIMES = ["hier", "aujourd'hui", "demain", "ce matin", "la semaine dernière", "en 2019",
         "le 14 juillet", "depuis trois ans", "vers 18 h 30", "jusqu'à minuit"]
NUMBERS = ["deux", "trois", "vingt-deux", "cent", "1 500", "3,5", "42", "mille", "12,75",
           "quatre-vingt-dix"]
UNITS = ["km", "euros", "kg", "%", "mètres", "litres", "heures"]

TEMPLATES = [
    "{name} {vpres} à {place} {time}.",
    "Le {nm} {adj} que {name} a {vpp} se trouve près de {place}.",
    "La {nf} de {org} a été {vpp}e {time}.",
    "Qu'est-ce que {name} pense de l'{nf2} ?",
    "Il n'y a plus de {nm}s dans cette {nf}, n'est-ce pas ?",
    "Selon {org}, les prix ont augmenté de {num} {unit} {time}.",
    "« C'est une {nf} {adjf} », a-t-elle dit à {name}.",
    "J'ai {vpp} un {nm} d'occasion pour {num} euros.",
    "Peut-être que {name} viendra {time}, mais ce n'est pas sûr.",
    "Aujourd'hui, l'entreprise emploie {num} personnes à {place}.",
    "Pourquoi {name} n'a-t-il pas {vpp} le {nm} ?",
    "Les enfants qu'on a vus au {nm} jouaient jusqu'à midi.",
    "S'il pleut {time}, nous resterons à la maison.",
    "Le train part de {place} à 7 h 45 et arrive à {place2} vers 10 h.",
    "M. {name} et Mme {name2} ont {vpp} le {nm} avec {org}.",
    "C'était un {nm} {adj}, plein d'histoires et de souvenirs.",
    "Elle lui a demandé : « Où est le {nm} ? »",
    "La {nf} mesure {num} {unit} de long ; elle date du XIXe siècle.",
    "Jusqu'ici, {org} n'a fait aucun commentaire sur cette {nf}.",
    "Quelqu'un a laissé un {nm} devant l'{nf2} de {place}.",
    "Les résultats (voir p. 12) montrent une hausse de {num} %.",
    "Il faut qu'on parle du {nm} avant la fin de la {nf} !",
    "Ce {nm}-là est plus {adj} que celui-ci.",
    "Vingt-trois étudiants de {place} participent au {nm} organisé par {org}.",
    "Est-ce que tu as {vpp} le {nm} dont je t'ai parlé ?",
    "Après-demain, {name} {vpres} avec l'équipe de {org}.",
    "Le 3 mars 2021, {org} a {vpp} un nouveau {nm} à {place}.",
    "Lorsqu'il est arrivé, la {nf} était déjà {vpp}e.",
    "D'après {name}, c'est l'{nf2} la plus {adjf} de {place}.",
    "Voici le {nm} : simple, rapide et efficace.",
]


# Elision before a vowel or h: "le immeuble" -> "l'immeuble", "de Orléans" -> "d'Orléans".
_ELIDE = re.compile(r"\b([LlDd]e|[Ll]a) (?=[aeiouéèhAEIOUÉ])")


def _fill(template: str, rng: random.Random) -> str:
    nf = rng.choice(NOUNS_F)
    vowel_nf = [n for n in NOUNS_F if n[0] in "aeiouéè"]
    adj = rng.choice(ADJ)
    adjf = adj + ("e" if not adj.endswith("e") else "")
    values = {
        "name": rng.choice(NAMES), "name2": rng.choice(NAMES), "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES), "org": rng.choice(ORGS), "nm": rng.choice(NOUNS_M),
        "nf": nf, "nf2": rng.choice(vowel_nf), "adj": adj, "adjf": adjf,
        "vpres": rng.choice(VERBS_PRES), "vpp": rng.choice(VERBS_PP), "time": rng.choice(TIMES),
        "num": rng.choice(NUMBERS), "unit": rng.choice(UNITS),
    }
    sentence = _ELIDE.sub(lambda m: m.group(1)[0] + "'", template.format(**values))
    return sentence[0].upper() + sentence[1:]


def french_paragraphs(n: int, seed: int = 0) -> list[str]:
    """n paragraphs of 2-6 sentences each."""
    rng = random.Random(seed)
    return [" ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(2, 6)))
            for _ in range(n)]


if __name__ == "__main__":
    for paragraph in french_paragraphs(5):
        print(paragraph, end="\n\n")
