"""`spacy_transformers.layers._util`: what replace_listeners uses to turn a listener into a
copy of the transformer."""
from ..tok2vec import replace_listener, replace_listener_cfg

__all__ = ["replace_listener", "replace_listener_cfg"]
