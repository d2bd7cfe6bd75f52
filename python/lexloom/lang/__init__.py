"""Language data: character classes, affix patterns, special cases and lexical attributes.

Pure data and small functions; importing a language module compiles no regexes (the
tokenizer compiles them when it is built) and pulls in nothing heavy.
"""
