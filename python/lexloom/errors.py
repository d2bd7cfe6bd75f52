"""Every error a user can cause, one class per kind. Each subclasses the matching builtin, so
`except ValueError` keeps working, and every message says what was wrong and how to fix it."""
from __future__ import annotations


class LexloomError(Exception):
    """Base of all lexloom errors."""

    def __init__(self, message: str):
        if not message.startswith("[lexloom]"):
            message = f"[lexloom] {message}"
        super().__init__(message)


class StringStoreError(LexloomError, ValueError):
    """A string or id given to the StringStore is of the wrong type or unknown."""


class VocabError(LexloomError, ValueError):
    """A vocab lookup or lexeme attribute setting is invalid."""


class DocError(LexloomError, ValueError):
    """Arguments that cannot make or change a Doc (words/spaces mismatch, bad arrays...)."""


class TextError(LexloomError, ValueError):
    """Input text that cannot be processed (bytes instead of str, too long...)."""


class TokenizerError(LexloomError, ValueError):
    """An invalid tokenizer rule or special case."""


class DeserializationError(LexloomError, ValueError):
    """Bytes or files that are truncated, corrupt or of another format."""


class DocBinError(DeserializationError):
    """A .spacy / DocBin file or byte string that cannot be read."""


class ConversionError(LexloomError, ValueError):
    """An input file for `lexloom convert` with a malformed line."""


class DisplacyError(LexloomError, ValueError):
    """displaCy input it cannot draw: an unknown style, an object that is not a Doc, Span or
    (with manual=True) dict, a render wrapper that is not callable, a negative arc index, or
    registered colors that are not a dict."""


class ExtensionError(LexloomError, AttributeError):
    """An unknown user extension attribute (doc._.name), or writing a read-only one."""


class ExtensionDefinitionError(LexloomError, ValueError):
    """An invalid set_extension call (duplicate name, conflicting options)."""


class LanguageError(LexloomError, ValueError):
    """An unknown language code or invalid pipeline setting."""


class ModelError(LexloomError, ValueError):
    """A model layer or native kernel given what it can't use: arrays of the wrong shape or
    dtype, mismatched widths, or a resource (such as static vectors) that isn't there."""


class RaggedLengthsError(ModelError, IndexError):
    """Sequence lengths that don't fit a ragged array: negative, zero where a reduction needs
    a row, or not summing to the array's rows. (An IndexError too, as thinc raises.)"""


class AlignmentError(LexloomError, ValueError):
    """Character offsets or wordpieces that can't be aligned to tokens: mismatched array
    lengths, negative offsets, spans that end before they start, tokens out of text order."""


class ConfigError(LexloomError, ValueError):
    """A config value is missing, unknown or of the wrong type; says which block and key."""


class PipelineError(LexloomError, ValueError):
    """An invalid pipeline edit or component call (unknown name, listener left without its
    upstream, component returning None...)."""


class ExampleError(LexloomError, ValueError, TypeError):
    """Training data that can't make an Example: an unknown annotation key, values that don't
    match the words, or two tokenizations of texts that differ beyond whitespace and case."""


class VectorsError(LexloomError, ValueError):
    """A vectors table used in a way it can't serve: a full table, a row out of range, a
    width that doesn't match, a default-mode operation on floret vectors."""


class VectorsKeyError(VectorsError, KeyError):
    """A key that has no vector in a default-mode vectors table."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class VectorsFileError(DeserializationError):
    """A word vectors file (word2vec text or binary, fastText .vec, floret) that is
    truncated, corrupt or of another format; the message names the file and line."""


class TransformerError(LexloomError, ValueError):
    """A transformer model that can't be loaded offline, or whose output doesn't fit the
    listeners or the Docs (mismatched widths, missing upstream data)."""


class LexloomWarning(UserWarning):
    """Something lexloom did on the user's behalf that changes results (e.g. a span split
    into windows because it was longer than the transformer's maximum input)."""


class MatchPatternError(LexloomError, ValueError):
    """A malformed Matcher pattern (unknown key, wrong value type, bad operator, invalid
    regex...). Built as in spaCy from the rule's key and {pattern index: [messages]}, each
    message naming the token spec and key, e.g. "[0 -> LOWER] ..."."""

    def __init__(self, key, errors=None):
        self.key = key
        self.errors = errors or {}
        if errors is None:  # a plain message (for callers with no per-pattern list)
            super().__init__(str(key))
            return
        msg = f"Invalid token patterns for matcher rule '{key}'\n"
        for pattern_idx, messages in errors.items():
            lines = "\n".join(f"- {m}" for m in messages)
            msg += f"\nPattern {pattern_idx}:\n{lines}\n"
        super().__init__(msg)


class MatcherError(LexloomError, ValueError):
    """A Matcher call that can't run: not a Doc or Span, a pattern attribute the Doc has no
    annotation for, removing an unknown rule, an extension value that can't be compared."""


class RetokenizeError(LexloomError, ValueError):
    """A merge or split that can't be made: an empty span, attrs naming an unknown attribute
    or extension, values of the wrong type or number."""


class OverlappingMergeError(RetokenizeError):
    """Two spans merged in one retokenize() block share a token (spaCy's E102)."""


class SplitTextError(RetokenizeError):
    """Split pieces that don't spell the token's text exactly (spaCy's E117)."""


class SplitHeadsError(RetokenizeError):
    """Split heads that don't fit: not one per piece (spaCy's E115), or a head outside the Doc."""


class RetokenizeIndexError(LexloomError, IndexError):
    """A token to split, or a split head, that no longer exists once the block's merges are
    done (spaCy's E122 / E123)."""


class LookupsError(LexloomError, ValueError):
    """A lookups table that is missing, already there, or can't be loaded (e.g. from
    spacy-lookups-data); the message names the table and how to provide it."""


class LookupsKeyError(LookupsError, KeyError):
    """A table name that isn't in the Lookups (a KeyError too, as spaCy raises)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class AttributeRulerError(LexloomError, ValueError):
    """An attribute_ruler rule that can't be applied: an index outside the matched span,
    or attributes that can't be set on a token."""


class MatchKeyError(LexloomError, KeyError):
    """A match key that is not in the matcher (PhraseMatcher.remove raises a KeyError there)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class EditTreeError(LexloomError, ValueError):
    """An edit tree (trainable_lemmatizer) given as data that is not a tree: unknown or
    missing keys, values of the wrong type, a subtree that is not an earlier tree."""


class EditTreeIndexError(LexloomError, IndexError):
    """An edit tree id that the EditTrees container doesn't hold."""


class RulerPatternError(LexloomError, ValueError, KeyError):
    """An entity_ruler / span_ruler pattern entry that isn't a dict with a str "label", a str
    or list-of-dicts "pattern" and an optional str "id". (A KeyError too: spaCy raises one for
    an entry without "label" or "pattern".)"""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class UnknownPatternError(LexloomError, ValueError):
    """A ruler asked to remove patterns by a label or id that none of its patterns has."""


class PipelineNotFoundError(LexloomError, OSError):
    """lexloom.load() given a name that is no installed pipeline package and no folder, or an
    installed package that holds no pipeline (an OSError, as spaCy's IOError E050/E052)."""


class PipelineFileError(DeserializationError):
    """A file of a saved pipeline folder that is truncated, corrupt or doesn't fit the config
    (weights of another architecture or size); the message names the file."""


class MissingPipelineFileError(PipelineFileError, FileNotFoundError):
    """A file or folder that a saved pipeline needs and that isn't there (a FileNotFoundError
    too, as spaCy raises)."""


class LegacyPipelineError(DeserializationError, OSError):
    """A pipeline saved by spaCy 2.x (no config.cfg; meta.json's spacy_version is 2.x): its
    weights have another layout and must be retrained with spaCy 3 (an OSError too, as
    spaCy's E053)."""


class TokenizerFileError(PipelineFileError):
    """A serialised tokenizer (a pipeline's `tokenizer` file, Tokenizer.to_bytes data) that
    cannot be loaded: truncated or corrupt msgpack, an unknown key, a value of the wrong type,
    a pattern that is not a valid regex, or a special case the tokenizer rejects."""


class UnknownLanguageError(LanguageError, ImportError):
    """No Language class for a code (spaCy raises ImportError here)."""


class MissingLanguageDependencyError(LexloomError, ImportError):
    """A language's tokenizer needs a third-party segmenter package that is not installed."""


class PickledObjectError(DeserializationError):
    """Saved weights (e.g. a transformer's torch.save'd state dict) that contain pickled
    objects other than tensors: lexloom refuses them rather than run a full unpickler."""


# ---- spaCy's coded message catalogues -------------------------------------------------
# Code that raises or filters spaCy's messages by code (`raise ValueError(Errors.E087...)`,
# `filter_warning("ignore", "W036")`) runs unchanged: the codes and their format fields are
# spaCy's, the wording is lexloom's. Reading an attribute gives "[CODE] message".

class ErrorsWithCodes(type):
    """Metaclass of Errors and Warnings: `Errors.E087` reads as "[E087] Unknown ..."."""

    def __getattribute__(cls, code: str):
        msg = super().__getattribute__(code)
        if code.startswith("__"):  # class machinery (__name__, __dict__, ...)
            return msg
        return f"[{code}] {msg}"


OLD_MODEL_SHORTCUTS = {
    "en": "en_core_web_sm", "de": "de_core_news_sm", "es": "es_core_news_sm",
    "pt": "pt_core_news_sm", "fr": "fr_core_news_sm", "it": "it_core_news_sm",
    "nl": "nl_core_news_sm", "el": "el_core_news_sm", "nb": "nb_core_news_sm",
    "lt": "lt_core_news_sm", "xx": "xx_ent_wiki_sm",
}


class Warnings(metaclass=ErrorsWithCodes):
    W005 = ("The Doc has no dependency parse, so displaCy can't draw its arcs. Process it "
            "with a pipeline that has a parser (not a blank Language).")
    W006 = ("The Doc has no entities to show. If that is unexpected, check that the pipeline "
            "has an entity recognizer and look at doc.ents.")
    W008 = "{obj}.similarity uses an empty vector: the result is 0.0 and says nothing."
    W011 = ("displacy.serve was called inside Jupyter (or a similar notebook), which already "
            "runs a web server: use displacy.render to show the markup in the notebook.")
    W017 = "The alias '{alias}' is already in the knowledge base; the new one is skipped."
    W018 = "The entity '{entity}' is already in the knowledge base; the duplicate is skipped."
    W024 = ("The knowledge base already links the alias '{alias}' to the entity "
            "'{entity}'; the duplicate pair is skipped.")
    W033 = ("Training a new {model} without a lexeme normalization table (langs: {langs}). "
            "Install spacy-lookups-data for the norms, or ignore this if it is intended.")
    W036 = "The component '{name}' has no patterns, so it will find nothing."
    W091 = "The temporary directory {dir} could not be removed: {msg}."
    W094 = ("The pipeline '{model}' ({model_version}) states an open-ended version "
            "requirement ({version}); a range such as {example} says which releases it works "
            "with.")
    W095 = ("The pipeline '{model}' ({model_version}) was trained with version {version}, "
            "which may not fully match this one ({current}). If results look wrong, use a "
            "pipeline trained for this version or retrain it.")
    W100 = ("Morphological feature(s) '{feature}' are skipped: give features as a dict "
            "{{\"Field1\": \"Value1,Value2\"}} or a string \"Field1=Value1,Value2|Field2=Value3\".")
    W108 = ("The rule-based lemmatizer saw tokens without POS tags. Put a component that sets "
            "token.pos (tagger + attribute_ruler, or morphologizer) before it.")
    W111 = ("Running in Jupyter: call prefer_gpu() / require_gpu() in the same cell, just "
            "before load(), so the pipeline is loaded onto the GPU.")
    W115 = "{method} is skipped: floret vectors come from character n-grams and can't be edited."
    W117 = ("The Doc has no spans under doc.spans['{spans_key}'] to show (keys present: "
            "{keys}). Check that a span categorizer ran and which key it writes.")
    W118 = ("The term '{term}' is not in the glossary. The documentation of the corpus the "
            "pipeline was trained on may explain it: see nlp.meta['sources'].")
    W124 = "{host}:{port} is taken; serving on the nearest free port, {serve_port}, instead."


class Errors(metaclass=ErrorsWithCodes):
    E010 = ("The word vectors have width 0: no vectors are loaded. Use a pipeline with vectors "
            "or load some with nlp.vocab.vectors / `init vectors`.")
    E017 = "Strings are added as str; got {value_type}."
    E018 = ("The StringStore has no string for the hash {hash_value}: it was never added to "
            "this vocab. Add it with vocab.strings.add(text).")
    E048 = "No language class for '{lang}' and no matching language: {err}"
    E050 = ("No pipeline '{name}' is installed and no folder of that name exists. Install the "
            "package or pass the path of a saved pipeline.")
    E052 = "The pipeline folder {path} doesn't exist."
    E053 = "{name} could not be read from {path}."
    E054 = "meta.json has no valid '{setting}' setting."
    E055 = "A tokenizer exception has an invalid ORTH value. Key: {key}; orths: {orths}"
    E056 = ("A tokenizer exception's ORTH values don't spell its key. Key: {key}; orths: "
            "{orths}")
    E057 = "Spans don't take stepped slices; use list(tokens)[start:stop:step]."
    E058 = "There is no vector for the key {key}."
    E059 = "Give exactly one of the keyword arguments; got {kwargs}."
    E060 = ("The vectors table is full ({rows} rows, width {cols}), so no key can be added; "
            "resize it first.")
    E062 = ("All 63 flag bits are taken, so no new flag can be added; replace one by passing "
            "flag_id, e.g. vocab.add_flag(func, flag_id=IS_ALPHA).")
    E063 = "flag_id must be in 1..63, not {value}."
    E064 = ("The vocab returned the lexeme {orth} ('{string}') for the id {orth_id}: its "
            "lexemes and strings disagree. Rebuild the vocab.")
    E065 = "Give the vectors table's width or its shape, not both (width {width}, shape {shape})."
    E071 = "The orth id {orth} doesn't match the vocab's lexeme ({vocab_orth})."
    E073 = ("A vector of width {new_length} doesn't fit a table of width {length}; "
            "vocab.reset_vectors() starts a table of another width.")
    E085 = "No lexeme can be made for the string '{string}'."
    E087 = "displaCy has no style '{style}'; use 'dep', 'ent' or 'span'."
    E095 = ("This dict is read-only (a frozen default or computed value); copy it before "
            "changing it.")
    E096 = ("displaCy draws Doc and Span objects, or dicts with manual=True; it got something "
            "else.")
    E110 = "The displaCy render wrapper must be callable; got {obj}."
    E132 = ("The alias '{alias}' has {entities_length} entities but {probabilities_length} "
            "prior probabilities; give one probability per entity.")
    E133 = "The prior probabilities of alias '{alias}' sum to {sum}, more than 1."
    E134 = "The entity '{entity}' is not in the knowledge base."
    E140 = "Give as many entities as prior probabilities and entity vectors."
    E141 = "Entity vectors must have length {required}, not {found}."
    E145 = "The value `{param}` could not be read from the input file."
    E146 = "{path} can't be accessed."
    E157 = ("A dependency arc has a negative start or end (start {start}, end {end}, label "
            "{label}, direction {dir}); give absolute token indices, not offsets.")
    E158 = "The lookups already have a table '{name}'."
    E159 = "The lookups have no table '{name}'. Tables: {tables}"
    E160 = "The language data file {path} doesn't exist."
    E169 = "The module {module} can't be found."
    E176 = "The alias '{alias}' is not in the knowledge base."
    E192 = "Vectors on the GPU (cupy) can't be resized in place."
    E193 = ("Resizing in place keeps the width: the new width {new_dim} differs from "
            "{curr_dim}.")
    E194 = ("The words {words} don't spell the text '{text}' (apart from whitespace), so they "
            "can't be aligned with it.")
    E197 = "Row {row} for key {key} is outside the vectors table."
    E198 = "{n} most similar vectors were asked for, but the table has only {n_rows}."
    E202 = "'{mode}' is not a {name} mode; known modes: {modes}."
    E849 = "The vocab's {method} works on lexloom Vectors tables, not on {vectors_type}."
    E858 = "{mode} vectors can't do this. {alternative}"
    E859 = "floret vectors can't be modified."
    E861 = "floret vectors (with minn and maxn) take no 'keys'."
    E862 = "floret vectors need hash_count in 1..4."
    E863 = "floret vectors need maxn >= minn."
    E864 = "floret vectors need the full table as 'data'."
    E890 = "The alias '{alias}' can't be added to the knowledge base: aliases must be non-empty strings."
    E891 = "The alias '{alias}' could not be added to the knowledge base."
    E892 = "There is no function registry '{name}'. Registries: {available}"
    E893 = ("The registry '{reg_name}' has no function '{name}'. If it is your own, import its "
            "code first (--code file.py); if a package provides it, install that package. "
            "Registered: {available}")
    E925 = "displaCy colors must map labels to colors; got {obj}."
    E927 = ("This list is read-only (a frozen default or computed value); copy it before "
            "changing it.")
    E928 = ("A knowledge base is saved to and loaded from a folder, but {loc} is a file.")
    E929 = "No knowledge base can be read from {loc}: it doesn't exist."
    E941 = ("'{name}' is an old shortcut name, and shortcuts are no longer supported. Load the "
            "pipeline by its full name: nlp = load(\"{full}\").")
    E952 = "The config has no section '{name}'."
    E955 = ("spacy-lookups-data has no table(s) {table} for the language '{lang}'. Install the "
            "package, or give your own tables.")
    E961 = ("The config holds a value that can't be written as JSON: {config}. Configs hold "
            "plain values; name objects through registered functions instead.")
    E970 = "The command '{str_command}' can't be run. Is '{tool}' installed?"
    E985 = "The config has no [nlp] section, so no pipeline can be built from it. {config}"
    E993 = ("The [nlp] section must give `lang`, the language code (such as 'en'). {config}")
    E1025 = ("'{value}' is not an entity IOB value; use '', 'I', 'O' or 'B' (or 0-3).")
    E1045 = ("The {parent} subclass '{name}' doesn't implement {parent}.{method}; override it "
             "to use it.")
    E1046 = ("{cls_name} is abstract and can't be created; use InMemoryLookupKB for a "
             "knowledge base in memory.")
    E1049 = ("displaCy found no free port on {host}; pass one with "
             "displacy.serve(doc, port=port).")
    E1050 = ("Port {port} is in use; pass another with displacy.serve(doc, port=port), or "
             "auto_select_port=True to take the nearest free one.")


def _escape_warning_msg(msg: str) -> str:
    """warnings.filterwarnings matches a regex: the brackets of "[W036]" must be escaped."""
    return msg.replace("[", "\\[").replace("]", "\\]")


def filter_warning(action: str, error_msg: str) -> None:
    """Choose what happens to a warning ("default", "error", "ignore", "always", "module",
    "once"), given its code ("W036") or the start of its message."""
    import warnings

    warnings.filterwarnings(action, message=_escape_warning_msg(error_msg))


def setup_default_warnings() -> None:
    """The warning filters `import lexloom` installs: numpy's binary-size notices are
    silenced; "no patterns" and "no POS for the lemmatizer" are shown once."""
    filter_warning("ignore", error_msg="numpy.dtype size changed")
    filter_warning("ignore", error_msg="numpy.ufunc size changed")
    for pipe in ("matcher", "entity_ruler", "span_ruler"):
        filter_warning("once", error_msg=Warnings.W036.format(name=pipe))
    filter_warning("once", error_msg=Warnings.W108)
    filter_warning("once", error_msg="[W114]")


class FrozenCollectionError(LexloomError, NotImplementedError):
    """A write to a read-only dict or list (a frozen default argument or a computed property
    such as nlp.pipeline); NotImplementedError, as spaCy raises."""


class ConfigSectionError(ConfigError, KeyError):
    """A dotted config path ("training.optimizer") that names no section of the config."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class CommandNotFoundError(LexloomError, FileNotFoundError):
    """A command for util.run_command whose program isn't installed or isn't on PATH."""


class PortError(LexloomError, ValueError):
    """A port for a local web server (displacy.serve) that is taken, or no free port."""


class ModuleLookupError(LexloomError, ValueError):
    """An object whose defining module or data file can't be found."""


def _registry_name_error() -> type:
    import catalogue

    class RegistryNameError(LexloomError, catalogue.RegistryError):
        """A registry or registered function name that doesn't exist (a
        catalogue.RegistryError, hence a ValueError, as spaCy raises)."""

    RegistryNameError.__module__ = __name__
    RegistryNameError.__qualname__ = "RegistryNameError"
    return RegistryNameError


def __getattr__(name: str):
    """RegistryNameError subclasses catalogue's error; it is made on first use so that
    `import lexloom` doesn't import catalogue."""
    if name == "RegistryNameError":
        cls = _registry_name_error()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module 'lexloom.errors' has no attribute {name!r}")
