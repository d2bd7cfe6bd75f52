"""Language data: character classes, affix patterns, special cases and lexical attributes.

Pure data and small functions; importing a language module compiles no regexes (the
tokenizer compiles them when it is built) and pulls in nothing heavy. Each code below is a
package lexloom.lang.<code> whose first `__all__` name is its Language subclass.
"""

# Every language code spaCy 3.8 ships (xx: multi-language).
LANGUAGE_CODES: tuple[str, ...] = tuple("""
af am ar az bg bn bo ca cs da de dsb el en es et eu fa fi fo fr ga gd grc gu he hi hr hsb ht
hu hy id is it ja kmr kn ko ky la lb lg lij lt lv mk ml mr ms nb ne nl nn pl pt ro ru sa si
sk sl sq sr sv ta te th ti tl tn tr tt uk ur vi xx yo zh
""".split())
