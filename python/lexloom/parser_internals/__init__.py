"""Transition systems for the parser: arc-eager states, oracle, pseudo-projectivity (native)."""
