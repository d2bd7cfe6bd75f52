"""Another extension project can cimport lexloom's Doc and TokenC: build one at test time."""
import subprocess
import sys
import textwrap

import lexloom
from lexloom.tokens import Doc
from lexloom.vocab import Vocab

EXTENSION = textwrap.dedent('''
    # distutils: language = c++
    from lexloom.tokens.doc cimport Doc
    from lexloom.core cimport TokenC

    def count_tokens(Doc doc):
        cdef int i, n = 0
        for i in range(doc.length):
            if doc.c[i].lex != NULL and doc.c[i].lex.length > 0:
                n += 1
        return n

    def total_chars(Doc doc):
        cdef int i, n = 0
        for i in range(doc.length):
            n += doc.c[i].lex.length + doc.c[i].spacy
        return n
''')

SETUP = textwrap.dedent('''
    import numpy, lexloom
    from setuptools import setup, Extension
    from Cython.Build import cythonize
    ext = Extension("count_ext", ["count_ext.pyx"], language="c++",
                    include_dirs=[lexloom.get_include(), numpy.get_include()],
                    extra_compile_args=["-std=c++17"])
    setup(name="count_ext", ext_modules=cythonize([ext], include_path=[lexloom.get_include()],
                                                  language_level=3, quiet=True))
''')


def test_get_include_has_headers_and_pxd():
    from pathlib import Path

    inc = Path(lexloom.get_include())
    assert (inc / "lexloom" / "structs.hh").exists()
    assert (inc / "lexloom" / "tokens" / "doc.pxd").exists()
    assert (inc / "lexloom" / "core.pxd").exists()


def test_extension_cimports_doc_and_counts_tokens(tmp_path):
    (tmp_path / "count_ext.pyx").write_text(EXTENSION)
    (tmp_path / "setup.py").write_text(SETUP)
    build = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    probe = textwrap.dedent('''
        import sys
        sys.path.insert(0, ".")
        import count_ext
        from lexloom.vocab import Vocab
        from lexloom.tokens import Doc
        doc = Doc(Vocab(), words=["Hello", "C", "world", "!"], spaces=[True, True, False, False])
        print(count_ext.count_tokens(doc), count_ext.total_chars(doc), len(doc.text))
    ''')
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["4", "14", "14"]
