"""French stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a abord afin ah ai aie ainsi ait allaient allons alors anterieur anterieure anterieures
antérieur antérieure antérieures apres après as assez attendu au aupres auquel aura auraient
aurait auront aussi autre autrement autres autrui aux auxquelles auxquels avaient avais
avait avant avec avoir avons ayant bas basee bat c' car ce ceci cela celle celle-ci celle-la
celle-là celles celles-ci celles-la celles-là celui celui-ci celui-la celui-là cent
cependant certain certaine certaines certains certes ces cet cette ceux ceux-ci ceux-là
chacun chacune chaque chez ci cinq cinquantaine cinquante cinquantième cinquième combien
comme comment compris concernant c’ d' da dans de debout dedans dehors deja dejà delà depuis
derriere derrière des desormais desquelles desquels dessous dessus deux deuxième
deuxièmement devant devers devra different differente differentes differents différent
différente différentes différents dire directe directement dit dite dits divers diverse
diverses dix dix-huit dix-neuf dix-sept dixième doit doivent donc dont douze douzième du
duquel durant dès déja déjà désormais d’ effet egalement eh elle elle-meme elle-même elles
elles-memes elles-mêmes en encore enfin entre envers environ es est et etaient etais etait
etant etc etre eu eux eux-mêmes exactement excepté facon fais faisaient faisant fait façon
feront font gens ha hem hep hi ho hormis hors hou houp hue hui huit huitième hé i il ils
importe j' je jusqu jusque juste j’ l' la laisser laquelle le lequel les lesquelles lesquels
leur leurs longtemps lors lorsque lui lui-meme lui-même là lès l’ m' ma maint maintenant
mais malgre malgré me meme memes merci mes mien mienne miennes miens mille moi moi-meme
moi-même moindres moins mon même mêmes m’ n' na ne neanmoins neuvième ni nombreuses nombreux
nos notamment notre nous nous-mêmes nouveau nul néanmoins nôtre nôtres n’ o on ont onze
onzième or ou ouias ouste outre ouvert ouverte ouverts où par parce parfois parle parlent
parler parmi partant pas pendant pense permet personne peu peut peuvent peux plus plusieurs
plutot plutôt possible possibles pour pourquoi pourrais pourrait pouvait prealable
precisement premier première premièrement pres procedant proche près préalable précisement
pu puis puisque qu' quand quant quant-à-soi quarante quatorze quatre quatre-vingt quatrième
quatrièmement que quel quelconque quelle quelles quelqu'un quelque quelques quels qui
quiconque quinze quoi quoique qu’ relative relativement rend rendre restant reste restent
retour revoici revoila revoilà s' sa sait sans sauf se seize selon semblable semblaient
semble semblent sent sept septième sera seraient serait seront ses seul seule seulement
seules seuls si sien sienne siennes siens sinon six sixième soi soi-meme soi-même soit
soixante son sont sous souvent specifique specifiques spécifique spécifiques stop suffisant
suffisante suffit suis suit suivant suivante suivantes suivants suivre sur surtout s’ t' ta
tant te tel telle tellement telles tels tenant tend tenir tente tes tien tienne tiennes
tiens toi toi-meme toi-même ton touchant toujours tous tout toute toutes treize trente tres
trois troisième troisièmement très tu té t’ un une unes uns va vais vas vers via vingt voici
voila voilà vont vos votre votres vous vous-mêmes vu vé vôtre vôtres y à â ça ès également
étaient étais était étant être ô
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
