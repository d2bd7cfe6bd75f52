"""spaCy's module path for the character embedding layer (spacy.ml._character_embed): nC bytes
of each word, each embedded in nM dimensions. The layer is charembed.CharEmbed, whose byte
extraction and table lookups are native."""
from .charembed import CharEmbed as CharacterEmbed
from .charembed import forward, init

__all__ = ["CharacterEmbed", "forward", "init"]
