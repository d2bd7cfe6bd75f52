"""Transition systems (native): arc-eager parsing, BILUO entity recognition."""
