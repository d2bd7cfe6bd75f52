"""Every error a user can cause, one class per kind. Each subclasses the matching builtin, so
`except ValueError` keeps working, and every message says what was wrong and how to fix it."""
from __future__ import annotations


class LexloomError(Exception):
    """Base of all lexloom errors."""

    def __init__(self, message: str):
        if not message.startswith("[lexloom]"):
            message = f"[lexloom] {message}"
        super().__init__(message)

    def __str__(self) -> str:
        # the message as written: the subclasses that are KeyErrors too would repr() it
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()


class StringStoreError(LexloomError, ValueError, TypeError):
    """A string or id given to the StringStore is of the wrong type or unknown (a TypeError
    too: spaCy raises one for a value that is not a string)."""


class VocabError(LexloomError, ValueError):
    """A vocab lookup or lexeme attribute setting is invalid."""


class VocabTypeError(VocabError, TypeError):
    """A vocab key that is neither a str nor an int id (spaCy raises a TypeError)."""


class StringIdRangeError(StringStoreError, OverflowError, KeyError):
    """An int string id below 0 or past 2**64 - 1: spaCy's StringStore raises OverflowError
    (a KeyError too, as lexloom raised before)."""


class DocError(LexloomError, ValueError):
    """Arguments that cannot make or change a Doc (words/spaces mismatch, bad arrays...)."""


class OtherDocGroupError(DocError, AssertionError):
    """doc.spans[key] = a SpanGroup of another Doc: an AssertionError too, as spaCy's check
    of the group's Doc raises."""


class HeadCycleError(DocError, RuntimeError):
    """The Doc's heads loop, so a span has no root: a RuntimeError too, as spaCy raises (E039)."""


class DocTypeError(DocError, TypeError):
    """A Doc annotation of the wrong type (an int where a string is expected); a TypeError
    too, as spaCy raises."""


class DocKeyError(DocError, KeyError):
    """An attribute name no attribute has (doc.to_array("NOPE")): a KeyError too, as spaCy
    raises."""


class TextError(LexloomError, ValueError, TypeError):
    """Input text that cannot be processed: too long (a ValueError, as in spaCy) or not a str
    (a TypeError, as in spaCy)."""


class TokenizerError(LexloomError, ValueError):
    """An invalid tokenizer rule or special case."""


class TokenizerTypeError(TokenizerError, TypeError, AttributeError):
    """A tokenizer argument of the wrong type or shape: a special case that is not a list of
    dicts, an ORTH or NORM that is not a string, a rule that is not a compiled regex's method
    where its pattern must be saved. A TypeError and an AttributeError too: spaCy raises one
    or the other, depending on where the wrong type trips it."""


class TokenizerKeyError(TokenizerError, KeyError):
    """A special-case token without ORTH, or keyed by an attribute id that names no
    attribute: a KeyError too, as spaCy raises."""


class DeserializationError(LexloomError, ValueError):
    """Bytes or files that are truncated, corrupt or of another format."""


class DeserializationKeyError(DeserializationError, KeyError):
    """A record that lacks a key it needs (a raw-text line with no "text"): a KeyError too, as
    spaCy's lookup raises."""

    def __str__(self) -> str:  # KeyError's would show the message as a quoted repr
        return str(self.args[0]) if self.args else ""


class DeserializationTypeError(DeserializationError, TypeError):
    """Data to load that is not bytes at all (None, a str): a TypeError too, as spaCy raises."""


class DocBinError(DeserializationError):
    """A .spacy / DocBin file or byte string that cannot be read."""


class DocBinUserDataError(DocBinError, TypeError):
    """DocBin.add of a Doc whose user_data msgpack can't pack (a set, an object): a
    TypeError too, as spaCy's msgpack raises."""


class DocBinFileMissingError(DocBinError, FileNotFoundError):
    """DocBin.from_disk of a path that isn't there (a FileNotFoundError too, as spaCy's)."""


class DocBinFolderError(DocBinError, IsADirectoryError):
    """DocBin.from_disk of a folder (an IsADirectoryError too, as spaCy's)."""


class ConversionError(LexloomError, ValueError):
    """An input file for `lexloom convert` with a malformed line."""


class DisplacyError(LexloomError, ValueError):
    """displaCy input it cannot draw: an unknown style, an object that is not a Doc, Span or
    (with manual=True) dict, a render wrapper that is not callable, a negative arc index, or
    registered colors that are not a dict."""


class ExtensionError(LexloomError, AttributeError):
    """An unknown user extension attribute (doc._.name), or writing a read-only one."""


class ExtensionNotFoundError(ExtensionError, ValueError):
    """remove_extension of a name that has no extension: a ValueError too, as spaCy raises."""


class ExtensionDefinitionError(LexloomError, ValueError):
    """An invalid set_extension call (duplicate name, conflicting options)."""


class GPUError(LexloomError, ValueError):
    """require_gpu without a usable GPU (a ValueError, as thinc's and spaCy's, so code that
    falls back to the CPU on ValueError keeps working)."""


class LanguageError(LexloomError, ValueError):
    """An unknown language code or invalid pipeline setting."""


class ModelError(LexloomError, ValueError):
    """A model layer or native kernel given what it can't use: arrays of the wrong shape or
    dtype, mismatched widths, or a resource (such as static vectors) that isn't there."""


class RaggedLengthsError(ModelError, IndexError):
    """Sequence lengths that don't fit a ragged array: negative, zero where a reduction needs
    a row, or not summing to the array's rows. (An IndexError too, as thinc raises.)"""


class BeamScoresError(ModelError, IndexError):
    """A beam advanced with fewer score rows than it has unfinished candidates (an
    IndexError too, as spaCy's BeamBatch.advance raises)."""


class AlignmentError(LexloomError, ValueError):
    """Character offsets or wordpieces that can't be aligned to tokens: mismatched array
    lengths, negative offsets, spans that end before they start, tokens out of text order."""


class ConfigError(LexloomError, ValueError):
    """A config value is missing, unknown or of the wrong type; says which block and key."""


class MissingFileError(ConfigError, FileNotFoundError):
    """A config file or corpus path that isn't there (a FileNotFoundError too, as spaCy's
    IOError / FileNotFoundError for these)."""


class PipelineError(LexloomError, ValueError):
    """An invalid pipeline edit or component call (unknown name, listener left without its
    upstream, component returning None...)."""


class TokenizerSaveError(PipelineError, AttributeError):
    """Saving a pipeline whose hand-set tokenizer can't save itself and that its config
    wouldn't rebuild: an AttributeError too, as spaCy's missing to_disk / to_bytes raises."""


class ComponentNotFoundError(PipelineError, KeyError):
    """A component name the pipeline (or a source pipeline) doesn't have: a KeyError, as
    spaCy's get_pipe raises, and a ValueError, as its remove_pipe / rename_pipe raise."""


class BatchSizeTypeError(LexloomError, TypeError):
    """A batch size (util.minibatch) that is neither a number nor an iterator of numbers: a
    TypeError, as spaCy raises."""


class BatchSizesExhaustedError(LexloomError, RuntimeError):
    """util.minibatch given a finite list of sizes that ran out while items remained: the
    rest would be lost silently (spaCy stops with a RuntimeError there too)."""


class ExamplesTypeError(PipelineError, TypeError):
    """nlp.update / nlp.evaluate given something other than an iterable of Example objects
    (a single Example, (text, annotations) tuples), or nlp.initialize given the examples
    instead of a function returning them: a TypeError, as spaCy raises."""


class ExampleError(LexloomError, ValueError, TypeError):
    """Training data that can't make an Example: an unknown annotation key, values that don't
    match the words, or two tokenizations of texts that differ beyond whitespace and case."""


class ExampleKeyError(ExampleError, KeyError):
    """An annotation key Example.from_dict doesn't know (a KeyError too, as spaCy raises)."""


class VectorsError(LexloomError, ValueError):
    """A vectors table used in a way it can't serve: a full table, a row out of range, a
    width that doesn't match, a default-mode operation on floret vectors."""


class VectorsKeyError(VectorsError, KeyError):
    """A key that has no vector in a default-mode vectors table."""


class VectorsFileError(DeserializationError):
    """A word vectors file (word2vec text or binary, fastText .vec, floret) that is
    truncated, corrupt or of another format; the message names the file and line."""


class TransformerError(LexloomError, ValueError):
    """A transformer model that can't be loaded offline, or whose output doesn't fit the
    listeners or the Docs (mismatched widths, missing upstream data)."""


class TransformerNotFoundError(TransformerError, OSError):
    """A transformer name or folder that holds no loadable model: an OSError too, as the one
    Hugging Face raises for a missing model or weights file (what spacy-transformers users
    catch)."""


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


class PhraseTypeError(MatchPatternError, TypeError):
    """PhraseMatcher.add given a phrase that is not a Doc (a str, say): a TypeError too, as
    spaCy raises."""


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


class SplitHeadsTypeError(SplitHeadsError, TypeError):
    """A split head that is neither a Token nor a (Token, piece index) pair: a TypeError, as
    spaCy's is."""


class RetokenizeIndexError(LexloomError, IndexError):
    """A token to split, or a split head, that no longer exists once the block's merges are
    done (spaCy's E122 / E123)."""


class LookupsError(LexloomError, ValueError):
    """A lookups table that is missing, already there, or can't be loaded (e.g. from
    spacy-lookups-data); the message names the table and how to provide it."""


class LookupsKeyError(LookupsError, KeyError):
    """A table name that isn't in the Lookups (a KeyError too, as spaCy raises)."""


class AttributeRulerError(LexloomError, ValueError):
    """An attribute_ruler rule that can't be applied: an index outside the matched span,
    or attributes that can't be set on a token."""


class MatchKeyError(LexloomError, KeyError):
    """A match key that is not in the matcher (PhraseMatcher.remove raises a KeyError there)."""


class EditTreeError(LexloomError, ValueError):
    """An edit tree (trainable_lemmatizer) given as data that is not a tree: unknown or
    missing keys, values of the wrong type, a subtree that is not an earlier tree."""


class EditTreeIndexError(LexloomError, IndexError):
    """An edit tree id that the EditTrees container doesn't hold."""


class RulerPatternError(LexloomError, ValueError, KeyError):
    """An entity_ruler / span_ruler pattern entry that isn't a dict with a str "label", a str
    or list-of-dicts "pattern" and an optional str "id". (A KeyError too: spaCy raises one for
    an entry without "label" or "pattern".)"""


class UnknownPatternError(LexloomError, ValueError):
    """A ruler asked to remove patterns by a label or id that none of its patterns has."""


class PipelineNotFoundError(LexloomError, FileNotFoundError):
    """lexloom.load() / nlp.from_disk() given a name that is no installed pipeline package and
    no folder, or an installed package that holds no pipeline (an OSError, as spaCy's IOError
    E050/E052, and a FileNotFoundError, as spaCy's from_disk on a missing folder)."""


class VectorsNotFoundError(ConfigError, FileNotFoundError):
    """[initialize] vectors (nlp.load_vectors) naming a folder that isn't there: a config
    mistake, and an OSError as spaCy's E050 for it."""


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


class TokenizerDataTypeError(TokenizerFileError, TypeError):
    """Tokenizer.from_bytes given something that is not bytes (a str, None): a TypeError too,
    as spaCy raises."""


class MissingTokenizerFileError(TokenizerFileError, FileNotFoundError):
    """Tokenizer.from_disk given a path where no file is: a FileNotFoundError too, as spaCy
    raises."""


class TokenizerPathIsFolderError(TokenizerFileError, IsADirectoryError):
    """Tokenizer.from_disk given a folder instead of the tokenizer file: an IsADirectoryError
    (an OSError) too, as spaCy raises."""


class UnknownLanguageError(LanguageError, ImportError):
    """No Language class for a code (spaCy raises ImportError here)."""


class MissingLanguageDependencyError(LexloomError, ImportError):
    """A language's tokenizer needs a third-party segmenter package that is not installed."""


class PickledObjectError(DeserializationError):
    """Saved weights (e.g. a transformer's torch.save'd state dict) that contain pickled
    objects other than tensors: lexloom refuses them rather than run a full unpickler."""


# spaCy's coded messages (Errors.E087, Warnings.W036, ...) and warning filters
from .error_codes import (  # noqa: F401  (re-exported: spacy.errors offers them)
    OLD_MODEL_SHORTCUTS,
    Errors,
    ErrorsWithCodes,
    Warnings,
    filter_warning,
    setup_default_warnings,
)


class FrozenCollectionError(LexloomError, NotImplementedError):
    """A write to a read-only dict or list (a frozen default argument or a computed property
    such as nlp.pipeline); NotImplementedError, as spaCy raises."""


class FrozenMappingError(FrozenCollectionError, TypeError):
    """A write to a read-only dict (Language.factories, a frozen default): also a TypeError,
    as a write to a read-only mapping (types.MappingProxyType) raises."""


class ConfigSectionError(ConfigError, KeyError):
    """A dotted config path ("training.optimizer") that names no section of the config."""


class CommandNotFoundError(LexloomError, FileNotFoundError):
    """A command for util.run_command whose program isn't installed or isn't on PATH."""


class PortError(LexloomError, ValueError):
    """A port for a local web server (displacy.serve) that is taken, or no free port."""


class ModuleLookupError(LexloomError, ValueError):
    """An object whose defining module or data file can't be found."""


class DownloadError(LexloomError, OSError):
    """A pipeline package could not be downloaded or installed (offline, unknown name or
    version, pip failed)."""


class DownloadConnectionError(DownloadError, ConnectionError):
    """The package index could not be reached (offline): download() raises it, as spaCy's
    lets its requests ConnectionError through, instead of exiting."""


class PipelinePackageNotFoundError(LexloomError, ModuleNotFoundError):
    """util.get_package_path / load_model_from_package given a name that is no installed
    package (a ModuleNotFoundError, as spaCy's import of the package raises)."""


class MissingPackageError(LexloomError, ImportError):
    """A command needs an optional package that is not installed (e.g. weasel for
    `project`)."""


class KnowledgeBaseError(LexloomError, ValueError):
    """A knowledge base asked to hold something inconsistent: an alias with more entities than
    probabilities, priors summing over 1, an unknown entity, a vector of the wrong length."""


class KnowledgeBaseFileError(DeserializationError, OSError):
    """A knowledge base file (`contents` in a KB folder, or KB bytes) that is truncated or not
    a KB file at all (an OSError too, as spaCy's E145)."""


class AbstractClassError(LexloomError, TypeError):
    """An abstract base class (KnowledgeBase) instantiated directly instead of a subclass."""


class NoNounChunksError(DocError, NotImplementedError):
    """The language has no noun chunk iterator (spaCy raises NotImplementedError; a
    DocError too, for code that catches lexloom's)."""


class ViewPickleError(DocError, NotImplementedError):
    """A Token or Span given to pickle: they are views into their Doc's arrays, so only the
    Doc travels (NotImplementedError, as spaCy raises)."""


class GroupPickleError(ViewPickleError, TypeError):
    """A SpanGroup given to pickle on its own: spaCy's raises a TypeError (its weak reference
    to the Doc can't be pickled); a ViewPickleError too, as lexloom's other views."""


class ThresholdComponentError(PipelineError, AttributeError):
    """find_threshold's component is missing or has no scorer: an AttributeError, as spaCy
    raises (the pipeline lacks the attribute being tuned)."""


class NotImplementedMethodError(LexloomError, NotImplementedError):
    """A method an abstract base class leaves to its subclasses, called on a subclass that
    does not implement it."""


def _registry_name_error() -> type:
    import catalogue

    class RegistryNameError(LexloomError, catalogue.RegistryError):
        """A registry or registered function name that doesn't exist (a
        catalogue.RegistryError, hence a ValueError, as spaCy raises)."""

    RegistryNameError.__module__ = __name__
    RegistryNameError.__qualname__ = "RegistryNameError"
    return RegistryNameError


def _config_registry_error() -> type:
    import catalogue

    class ConfigRegistryError(ConfigError, catalogue.RegistryError):
        """A config block naming a registry or function that isn't registered: a
        ConfigError, and the catalogue.RegistryError (E893) spaCy raises there."""

    ConfigRegistryError.__module__ = __name__
    ConfigRegistryError.__qualname__ = "ConfigRegistryError"
    return ConfigRegistryError


def _init_registry_error() -> type:
    class InitRegistryError(__getattr__("ConfigRegistryError")):
        """An [initialize] setting naming an unregistered function."""

    InitRegistryError.__module__ = __name__
    InitRegistryError.__qualname__ = "InitRegistryError"
    return InitRegistryError


def _config_validation_failed_error() -> type:
    from confection import ConfigValidationError

    class ConfigValidationFailedError(ConfigError, ConfigValidationError):
        """A component or block config whose values don't fit the function's arguments
        (missing, unexpected, wrong type): a ConfigError and confection's (thinc's)
        ConfigValidationError, as spaCy raises; `errors` holds the per-value details."""

        def __init__(self, message: str | None = None, *, errors=None,
                     title: str | None = None, desc: str | None = None, config=None,
                     parent: str | None = None, show_config: bool = False):
            if message is None:  # made by confection (from_error, with a parent): its text
                ConfigValidationError.__init__(self, config=config, errors=errors,
                                               title=title, desc=desc, parent=parent,
                                               show_config=show_config)
                message = self.text
            if not message.startswith("[lexloom]"):
                message = f"[lexloom] {message}"
            self.config, self.errors, self.title = config, list(errors or []), title
            self.desc, self.parent, self.show_config = desc, parent, show_config
            self.error_types = {e.get("type") for e in self.errors if e.get("type")}
            self.text = message
            ValueError.__init__(self, message)

        def __str__(self) -> str:
            return self.text

    ConfigValidationFailedError.__module__ = __name__
    ConfigValidationFailedError.__qualname__ = "ConfigValidationFailedError"
    return ConfigValidationFailedError


_LAZY_ERRORS = {"RegistryNameError": _registry_name_error,
                "ConfigRegistryError": _config_registry_error,
                "InitRegistryError": _init_registry_error,
                "ConfigValidationFailedError": _config_validation_failed_error}


def __getattr__(name: str):
    """Errors that subclass a dependency's error (catalogue's, confection's) are made on
    first use, so that `import lexloom` doesn't import those packages."""
    if name in _LAZY_ERRORS:
        cls = _LAZY_ERRORS[name]()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module 'lexloom.errors' has no attribute {name!r}")


# --- faults ---


class WorkerError(PipelineError):
    """nlp.pipe(n_process=N) stopped because of a worker process. `doc_index` is the input
    position (0-based) of the document at fault, None when no document is (a worker that
    failed to start); `first_unfinished` is the position of the first document not yielded:
    every document before it was yielded exactly once, in input order."""

    def __init__(self, message: str, *, doc_index: int | None = None,
                 first_unfinished: int | None = None):
        super().__init__(message)
        self.doc_index = doc_index
        self.first_unfinished = first_unfinished


class WorkerExceptionError(WorkerError):
    """A component raised in a worker process; the message holds the worker's traceback."""


class WorkerDiedError(WorkerError, ChildProcessError):
    """A worker process ended (killed by a signal, crashed, exited) with documents in hand."""


class WorkerTimeoutError(WorkerError, TimeoutError):
    """A worker process went longer than LEXLOOM_MP_TIMEOUT seconds without starting or
    finishing a document; it was stopped."""


class WorkerSerializationError(WorkerError, TypeError):
    """A document, its text or one of its extension values (doc._.NAME, in user_data) can't
    be sent between processes: Doc.to_bytes packs extension values with msgpack."""


# --- readers ---
class InputFileError(DeserializationError):
    """An input file that is empty where content is needed, truncated, not UTF-8 text, not of
    the expected format, or with a line longer than LEXLOOM_MAX_LINE_BYTES; the message names
    the file (and the line and byte offset where there is one)."""


class FolderNotFileError(InputFileError, IsADirectoryError):
    """A folder where a file is read: an IsADirectoryError too, as open() raises in spaCy."""


# --- ray ---


class DistributedError(LexloomError, RuntimeError):
    """lexloom.distributed (Ray): a cluster, worker or input problem. The message names the
    worker (node address and process id) and the file at fault where there is one."""


class RayNotInstalledError(DistributedError, ImportError):
    """Ray is missing: pip install 'lexloom[ray]'."""


class ClusterUnreachableError(DistributedError, ConnectionError):
    """No Ray cluster answered at the address given (--ray ADDRESS)."""


class WorkerPipelineLoadError(DistributedError):
    """A Ray worker could not load the pipeline (missing path on that node, unknown factory,
    broken config)."""


class InputFileMissingError(DistributedError, FileNotFoundError):
    """An input file was listed when the run started but a worker could not read it."""


class DistributedTrainingError(DistributedError):
    """A training worker failed or was lost; model-last (if any) holds the last checkpoint."""


# --- cuda ---
class CudaKernelError(ModelError):
    """Arguments a CUDA kernel can't take (lexloom.ml.cuda_kernels): wrong shapes or dtypes,
    host arrays, lengths that don't add up, or indices out of range; caught on the host
    before a launch, instead of an illegal memory access on the device."""


# --- graphs ---
class GraphError(LexloomError, ValueError, TypeError):
    """A tokens.graph.Graph given what it can't use: a node or label of the wrong type, a Node
    of another graph, labels or weights that don't match the edges, or a Doc that is gone."""


class GraphIndexError(GraphError, IndexError):
    """A node index outside the graph, or a token index outside the node or the Doc (an
    IndexError too, as spaCy raises)."""


# --- tokens: unknown string ids, retokenizer values, read-only span ids ---
class StringKeyError(LexloomError, KeyError):
    """A token, span or lexeme attribute holds a string id that the vocab's StringStore
    lacks (token.lemma = 123456789, then token.lemma_): spaCy's E018, a KeyError."""


class RetokenizeOverflowError(RetokenizeError, OverflowError):
    """A retokenizer attribute value below 0 or above 2**64 - 1: attribute values are
    unsigned 64-bit ids (an OverflowError, as spaCy raises)."""


class SpanAttributeError(DocError, NotImplementedError):
    """Span.ent_id / Span.ent_id_ assigned: spaCy's E200 (a NotImplementedError). The id
    belongs to the tokens (token.ent_id_) or to the span (Span.id_)."""


class SpanIndexError(LexloomError, IndexError):
    """A Span's start, end, start_char or end_char set below 0 (spaCy's E1032), or a Span
    whose token bounds (set by hand) lie past the end of its Doc read: an IndexError, as
    spaCy raises."""


class SpanGroupIndexError(LexloomError, IndexError):
    """doc.spans[key][i] past the group's end (spaCy's E856)."""


class MatcherTypeError(MatcherError, TypeError):
    """A Matcher input of the wrong type where spaCy raises a TypeError (a match key that is
    neither str nor int, a token extension value that is not a str, bool or number)."""


class MatchPatternTypeError(MatchPatternError, TypeError):
    """A pattern value of the wrong type where spaCy raises a TypeError (an extension value
    that is a list or None, REGEX / FUZZY given a number, an order comparison with text)."""


def _regex_error_base():
    import re

    return re.error


class MatchPatternRegexError(MatchPatternError, _regex_error_base()):
    """A REGEX predicate that doesn't compile: a re.error too, as spaCy lets it through."""

    def __init__(self, key, errors=None, cause=None):
        super().__init__(key, errors)
        self.msg = getattr(cause, "msg", str(self))
        self.pattern = getattr(cause, "pattern", None)
        self.pos = getattr(cause, "pos", None)
        self.lineno = getattr(cause, "lineno", None)
        self.colno = getattr(cause, "colno", None)


class MatchPatternKeyError(MatchPatternError, KeyError):
    """A DependencyMatcher node without a key spaCy reads unchecked (RIGHT_ATTRS): a KeyError
    too, as spaCy raises."""


class LabelTypeError(PipelineError, TypeError):
    """A component label that is not a string (add_label(1)): a TypeError too, as spaCy's
    E017 from its StringStore."""


class UnknownLabelError(PipelineError, KeyError):
    """A gold annotation with a label the component was not set up with (a span labelled
    "ZZZ" for a spancat without it): a KeyError too, as spaCy's label lookup raises."""


class PresetSpansKeyError(PipelineError, KeyError):
    """The preset-spans suggester on a Doc without the span group it reads: a KeyError too,
    as spaCy's doc.spans[key] raises."""


class PipeArgumentTypeError(PipelineError, TypeError):
    """An nlp.pipe argument of the wrong type (a batch_size that is not a whole number): a
    TypeError too, as spaCy raises."""


class EditTreeLabelError(PipelineError, NotImplementedError):
    """trainable_lemmatizer.add_label with something other than an edit tree id: spaCy's
    component has no add_label at all (NotImplementedError, E931)."""


class EntityLinkerMismatchError(PipelineError, RuntimeError):
    """The entity linker's encodings don't line up with its gold entities (spaCy's E147, a
    RuntimeError)."""
