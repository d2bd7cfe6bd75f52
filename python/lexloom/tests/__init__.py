"""Helpers for tests (spaCy's `spacy.tests` package): plugin test suites import
`spacy.tests.util`. lexloom's own tests live in the repository's tests/ folder."""
