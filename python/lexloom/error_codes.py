"""spaCy's coded message catalogues, so code that raises or filters spaCy's messages by
code (`raise ValueError(Errors.E087.format(style=s))`, `filter_warning("ignore", "W036")`) runs
unchanged: the codes and their format fields are spaCy's, the wording is lexloom's. Reading an
attribute gives "[CODE] message"."""
from __future__ import annotations


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
    W007 = ("The pipeline has no word vectors, so {obj}.similarity compares context vectors "
            "from the tagger, parser and NER, which may not mean much. Use a pipeline with "
            "word vectors for similarity.")
    W008 = ("{obj}.similarity compares with an empty vector (a word with no vector): the "
            "result is 0.0 and says nothing.")
    W011 = ("displacy.serve was called inside Jupyter (or a similar notebook), which already "
            "runs a web server: use displacy.render to show the markup in the notebook.")
    W012 = ("A Doc added to the PhraseMatcher for '{key}' is tagged or parsed, but matching "
            "on '{attr}' doesn't need that: make pattern Docs with nlp.make_doc to save time.")
    W017 = "The alias '{alias}' is already in the knowledge base; the new one is skipped."
    W018 = "The entity '{entity}' is already in the knowledge base; the duplicate is skipped."
    W021 = "The PhraseMatcher hit a hash collision; its matches may be wrong."
    W024 = ("The knowledge base already links the alias '{alias}' to the entity "
            "'{entity}'; the duplicate pair is skipped.")
    W026 = ("Not every sentence boundary could be set from the dependency parse. If you build "
            "the tree by setting token.head step by step, this can be ignored.")
    W027 = ("The training file is large ({size} bytes); several smaller files are read more "
            "efficiently.")
    W028 = ("Doc.from_array got an array of type '{type}' where uint64 is expected; string "
            "ids may be cut off.")
    W030 = ("Some entities {entities} don't line up with token boundaries in \"{text}\"; "
            "they are treated as missing ('-'). Check them with offsets_to_biluo_tags"
            "(nlp.make_doc(text), entities).")
    W033 = ("Training a new {model} without a lexeme normalization table (langs: {langs}). "
            "Install spacy-lookups-data for the norms, or ignore this if it is intended.")
    W035 = "The sub-pattern '{pattern}' has an unknown attribute or operator and is skipped."
    # spaCy's wording first: its default filter (and users' own) match the message start
    W036 = ("The component '{name}' does not have any patterns defined: with no patterns it "
            "finds nothing.")
    W086 = ("'{listener}' will be trained but listens to '{name}', which is frozen. To keep "
            "'{name}' fixed and still train '{listener}', give '{listener}' its own copy of "
            "the layer (nlp.replace_listeners) or annotate with '{name}'.")
    W087 = ("'{name}' will be trained, but the frozen '{listener}' listens to it, so "
            "'{listener}' may get worse. Freeze '{name}' too, or give '{listener}' its own "
            "copy of the layer (nlp.replace_listeners).")
    W088 = ("The component {name} has a begin_training method, which is never called: it is "
            "named initialize now. Rename it.")
    W089 = "nlp.begin_training is now nlp.initialize."
    W090 = "No {format} files were found in '{path}'."
    W091 = "The temporary directory {dir} could not be removed: {msg}."
    W092 = "Sentence start annotations are ignored because dependency heads are set."
    W093 = "No training data was found for {name}; check the input format."
    W094 = ("The pipeline '{model}' ({model_version}) states an open-ended version "
            "requirement ({version}); a range such as {example} says which releases it works "
            "with.")
    W095 = ("The pipeline '{model}' ({model_version}) was trained with {version}, "
            "which may not fully match this one ({current}). If results look wrong, use a "
            "pipeline trained for this version or retrain it.")
    W096 = "nlp.disable_pipes is deprecated; use nlp.select_pipes."
    W100 = ("Morphological feature(s) '{feature}' are skipped: give features as a dict "
            "{{\"Field1\": \"Value1,Value2\"}} or a string \"Field1=Value1,Value2|Field2=Value3\".")
    # W101/W102 keep spaCy's "Skipping ... while merging docs" (plugins filter on it)
    W101 = ("Skipping Doc custom extension '{name}' while merging docs: a merged Doc can't "
            "hold one value per source Doc.")
    W102 = ("Skipping unsupported user data '{key}: {value}' while merging docs: it is not an "
            "extension value.")
    W103 = ("'{segmenter}' is not a {lang} word segmenter (known: {supported}); using "
            "{default}.")
    W104 = ("Settings for the '{target}' segmenter are skipped: the segmenter in use is "
            "'{current}'.")
    W105 = ("As of spaCy v3.0, {matcher}.pipe is deprecated: run nlp.pipe and call the "
            "{matcher} on each Doc.")
    W107 = "Doc.{prop} is deprecated; use Doc.has_annotation(\"{attr}\")."
    W108 = ("The rule-based lemmatizer saw tokens without POS tags. Put a component that sets "
            "token.pos (tagger + attribute_ruler, or morphologizer) before it.")
    W109 = ("User hooks can't be serialised with the Doc; add them again after loading.")
    W110 = ("The DependencyMatcher token pattern {pattern} matched {tokens}, several tokens; "
            "only the first is used. Patterns should match single tokens.")
    W111 = ("Running in Jupyter: call prefer_gpu() / require_gpu() in the same cell, just "
            "before load(), so the pipeline is loaded onto the GPU.")
    W112 = ("The pipeline named for initial vectors ({name}) has no vectors; this is almost "
            "certainly a mistake.")
    W113 = ("The component '{name}' was copied from a pipeline with other vectors than this "
            "one, so it may not work as expected.")
    W114 = "Multiprocessing with models on the GPU is not recommended and may fail."
    W115 = "{method} is skipped: floret vectors come from character n-grams and can't be edited."
    W116 = "The attribute '{attr}' could not be cleaned up."
    W117 = ("The Doc has no spans under doc.spans['{spans_key}'] to show (keys present: "
            "{keys}). Check that a span categorizer ran and which key it writes.")
    W118 = ("The term '{term}' is not in the glossary. The documentation of the corpus the "
            "pipeline was trained on may explain it: see nlp.meta['sources'].")
    W119 = ("The pipe name can't be changed through `config`; the override "
            "'{name_in_config}' is ignored.")
    W120 = ("The saved spans hold several groups named '{group_name}'; only the last is "
            "loaded under doc.spans. Group sizes: {group_values}.")
    W121 = "The pipe '{pipe}' has no method '{method}' to trace."
    W122 = ("The method '{method}' of the pipe '{pipe}' can't be traced (Cython extension "
            "types can't be patched).")
    W123 = ("`enable` ({enable}) leaves out components the config's `enabled` setting lists "
            "({enabled}); components that depend on them may not work.")
    W124 = ("{host}:{port} is already in use; serving on the nearest free port, {serve_port}, "
            "instead.")
    W125 = ("StaticVectors' key_attr is no longer used: set the key attribute on the vectors "
            "(Vectors(attr=...) or `init vectors --attr`).")
    W126 = "These keys are not supported: {unsupported}"
    W127 = "Not every nlp.pipe worker process finished successfully."


class Errors(metaclass=ErrorsWithCodes):
    E001 = "The pipeline has no component '{name}'. Components: {opts}"
    E002 = ("No factory '{name}' for the language {lang} ({lang_code}) (needed by "
            "nlp.{method}). Register it with @Language.factory or @Language.component, and "
            "import its module before building the pipeline. Factories: {opts}")
    E003 = ("A pipeline component must be callable; got {component} (name '{name}'). Check "
            "that the factory returns the component.")
    E004 = ("A factory '{name}' exists already ({func}); the new one ({new_func}) can't take "
            "its name.")
    E005 = ("The component '{name}' returned {returned_type} instead of the Doc; a component "
            "must return the Doc it was given.")
    E006 = ("Give at most one of before (a name or index), after (a name or index), first "
            "(True) or last (True) when adding a component; got {args}. Components: {opts}")
    E007 = "The pipeline already has a component '{name}'. Components: {opts}"
    E008 = ("The disabled component '{name}' can't be restored: it is no longer in the "
            "pipeline. Remove components outside of select_pipes blocks.")
    E010 = ("The word vectors have width 0: no vectors are loaded. Use a pipeline with vectors "
            "or load some with nlp.vocab.vectors / `init vectors`.")
    E011 = "Unknown operator '{op}'. Operators: {opts}"
    E012 = "A pattern must match at least one token. Key: {key}"
    E016 = ("A multitask objective's target must be a function or one of: dep, tag, ent, "
            "dep_tag_offset, ent_tag.")
    E017 = "Strings are added as str; got {value_type}."
    E018 = ("The StringStore has no string for the hash {hash_value}: it was never added to "
            "this vocab. Add it with vocab.strings.add(text).")
    E019 = "No transition has the action id {action} (see {src})."
    E022 = "The entity recognizer has no transition named '{name}'."
    E024 = ("No move the parser can make leads to the gold annotation: the training data "
            "may hold an annotation the transition system can't produce (e.g. an entity "
            "starting or ending in whitespace, or an unknown label).")
    E025 = "The string is too long ({length} characters); the limit is 2**30."
    E026 = "Token {i} is outside the Doc, which has {length} tokens."
    E027 = ("`words` and `spaces` must have the same length (or leave spaces as None); spaces "
            "are booleans saying whether each word is followed by a space.")
    E028 = "`words` must be str, not bytes: {value}"
    E029 = ("noun_chunks needs the dependency parse: run a pipeline with a parser.")
    E030 = ("The Doc has no sentence boundaries. Add a sentencizer (nlp.add_pipe"
            "('sentencizer')), a parser or a senter, or set token.is_sent_start yourself.")
    E031 = "Token {i} is an empty string, which a Doc can't hold."
    E033 = "Data can only be loaded into an empty Doc; this one has {length} tokens."
    E035 = "A span from {start} to {end} doesn't fit a Doc of {length} tokens."
    E036 = "No token starts at character offset {start}."
    E037 = "No token ends at character offset {end}."
    E039 = ("Searching for the root ran past the array: the parse tree is inconsistent.")
    E040 = "Token {i} is past the end ({max_length})."
    E041 = "Unknown comparison operator: {op}."
    E042 = "doc[{i}].nbor({j}) is outside the Doc, which has {length} tokens."
    E043 = ("token.sent_start can't be written once the Doc is parsed: the parse decides the "
            "sentences.")
    E044 = "token.sent_start takes None, True or False, not {value}."
    E045 = "Looking for {attr} seems to loop forever."
    E046 = ("No extension attribute '{name}' is registered; add it with set_extension first.")
    E047 = ("The extension attribute '{name}' is not registered, so it can't be set; add it "
            "with set_extension first.")
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
    E067 = ("The BILUO tags have a tag starting with {start} without a 'B' before it. Tags: "
            "{tags}")
    E068 = "'{tag}' is not a BILUO tag."
    E071 = "The orth id {orth} doesn't match the vocab's lexeme ({vocab_orth})."
    E073 = ("A vector of width {new_length} doesn't fit a table of width {length}; "
            "vocab.reset_vectors() starts a table of another width.")
    E074 = ("A compiled match pattern must end with the attribute {attr}; got {bad_attr}.")
    E079 = ("The beam has {pbeams} predicted beams but {gbeams} gold beams; they must match.")
    E080 = "The beam holds a state twice: {key}."
    E081 = ("The beam has {n_hist} histories but {losses} losses; they must match.")
    E082 = ("Deprojectivizing needs as many heads ({n_heads}), projective heads "
            "({n_proj_heads}) and labels ({n_labels}).")
    E083 = ("An extension takes only one of default, method or getter (a setter goes with a "
            "getter); got {nr_defined}.")
    E084 = "The span label id {label} is not in the StringStore."
    E085 = "No lexeme can be made for the string '{string}'."
    E087 = "displaCy has no style '{style}'; use 'dep', 'ent' or 'span'."
    E088 = ("The text has {length} characters, more than nlp.max_length ({max_length}). The "
            "parser and NER need memory in proportion to the text; split the text, or raise "
            "nlp.max_length if the pipeline has neither.")
    E089 = "An extension with a setter needs a getter too."
    E090 = ("{obj} already has an extension '{name}'; pass force=True to "
            "{obj}.set_extension to replace it.")
    E091 = "The extension {name} needs a callable or None, not {value}."
    E093 = "token.ent_iob values have an I without a B: {seq}"
    E094 = "Line {line_num} of the vectors file {loc} can't be read."
    E095 = ("This dict is read-only (a frozen default or computed value); copy it before "
            "changing it.")
    E096 = ("displaCy draws Doc and Span objects, or dicts with manual=True; it got something "
            "else.")
    E097 = ("A pattern is a token pattern (a list of dicts) or a phrase pattern (a string), "
            "not {pattern}.")
    E098 = "A dependency pattern node needs both RIGHT_ID and RIGHT_ATTRS."
    E099 = ("The first node of a dependency pattern is the anchor: it holds only RIGHT_ID and "
            "RIGHT_ATTRS.")
    E100 = "Every node after the anchor needs {required}; missing: {missing}"
    E101 = ("RIGHT_ID must name a new node, and LEFT_ID one declared by an earlier node.")
    E102 = ("Spans merged together must not overlap: '{token}' is already in a span to merge. "
            "util.filter_spans keeps the longest non-overlapping ones.")
    E103 = ("The entities '{span1}' and '{span2}' overlap; a token can be in one entity only. "
            "Use doc.spans for overlapping spans.")
    E106 = "The underscore settings name doc._.{attr}, which doesn't exist: {opts}"
    E107 = "The value of the extension `{attr}` can't be written as JSON: {value}"
    E109 = "The component '{name}' can't run before it is initialized: call nlp.initialize()."
    E110 = "The displaCy render wrapper must be callable; got {obj}."
    E111 = ("Tokens can't be pickled: they are views of their Doc. Pickle the Doc, or turn "
            "the token into plain values first.")
    E112 = ("Spans can't be pickled: they are views of their Doc. Pickle the Doc (or use "
            "span.as_doc()), or turn the span into plain values first.")
    E115 = "Every piece of a split token needs a head."
    E117 = ("The pieces of a split must spell the token's text. Pieces: {new}; text: {old}.")
    E118 = ("The Token extension '{attr}' is not registered, so retokenizing can't set it; "
            "register it with Token.set_extension first.")
    E119 = ("The Token extension '{attr}' can't be set while retokenizing: it isn't writable "
            "(a getter without a setter).")
    E120 = ("Extension values for retokenizing are a dict of names to values, not {value}.")
    E121 = ("Bulk merging needs one set of attributes per span: {attr_len} given for "
            "{span_len} spans.")
    E122 = "The token to split is gone: was it merged?"
    E123 = "The head of the token to split is gone: was it merged?"
    E125 = "Unexpected value: {value}"
    E126 = "'{bad}' is not a matcher predicate; predicates: {good}."
    E130 = ("This Python is a narrow Unicode build, which lexloom can't use; use a wide "
            "(standard) build.")
    E132 = ("The alias '{alias}' has {entities_length} entities but {probabilities_length} "
            "prior probabilities; give one probability per entity.")
    E133 = "The prior probabilities of alias '{alias}' sum to {sum}, more than 1."
    E134 = "The entity '{entity}' is not in the knowledge base."
    E139 = "The knowledge base of the component '{name}' is empty."
    E140 = "Give as many entities as prior probabilities and entity vectors."
    E141 = "Entity vectors must have length {required}, not {found}."
    E143 = ("The component '{name}' has no labels: add them with add_label, or initialize it "
            "with example data.")
    E145 = "The value `{param}` could not be read from the input file."
    E146 = "{path} can't be accessed."
    E147 = "The entity linker's {method} failed unexpectedly: {msg}."
    E148 = ("{ents} knowledge-base ids are expected but {ids} were given: every entity in "
            "doc.ents needs a KB id.")
    E149 = ("The model can't be deserialised: check that the component's config matches the "
            "weights being loaded.")
    E150 = "The nlp object's language ('{nlp}') and the vocab's ('{vocab}') must be the same."
    E152 = ("Token patterns don't support the attribute {attr}; validate=True gives details.")
    E153 = ("Token patterns don't support values of type {vtype}; validate=True gives "
            "details.")
    E154 = ("A token pattern holds an unsupported attribute or value; validate=True gives "
            "details.")
    E155 = ("Matching on {attr} needs a {pipe} in the pipeline: process the texts with nlp() "
            "rather than nlp.make_doc().")
    E157 = ("A dependency arc has a negative start or end (start {start}, end {end}, label "
            "{label}, direction {dir}); give absolute token indices, not offsets.")
    E158 = "The lookups already have a table '{name}'."
    E159 = "The lookups have no table '{name}'. Tables: {tables}"
    E160 = "The language data file {path} doesn't exist."
    E161 = "The entity linker's predictions are inconsistent."
    E163 = "cumsum is unstable: its last element isn't the sum."
    E164 = "x is neither increasing nor decreasing: {x}."
    E165 = "The gold labels hold only one class ({label}), so ROC AUC is undefined."
    E166 = ("DocBins merge only when their '{param}' is the same: {current} here, {other} in "
            "the other.")
    E169 = "The module {module} can't be found."
    E170 = "The transition {name} isn't valid in the current state."
    E171 = "Matcher.add's on_match must be callable or None, not {arg_type}."
    E175 = "No match rule has the id {key}."
    E176 = "The alias '{alias}' is not in the knowledge base."
    E177 = "Malformed IOB input: {tag}"
    E178 = ("Matcher.add takes a list of patterns (each a list of dicts), not {pat}; wrap a "
            "single pattern in a list: matcher.add(\"{key}\", [pattern]).")
    E179 = ("PhraseMatcher.add takes a list of Docs, not one Doc; wrap it in a list: "
            "matcher.add(\"{key}\", [doc]).")
    E180 = ("Span attributes can't be declared as required or assigned: spans are views of "
            "the Doc. Declare Doc or Token attributes instead: {attrs}")
    E181 = ("Attributes of {obj} can't be declared ({attrs}); only Doc and Token attributes "
            "can.")
    E182 = "The attribute declaration {attr} names no attribute, e.g. `{attr}.???`."
    E183 = ("Only top-level attributes can be declared: {attr}. For example: {solution}")
    E184 = ("Declare attributes without the underscore form: {attr} -> {solution}")
    E185 = "The declared attribute `{obj}.{attr}` doesn't exist on {obj}."
    E187 = "Labels must be str."
    E189 = "All arguments of Doc() must have the same length."
    E190 = ("Token {index}'s head {value} (relative {rel_head_index}) is outside the Doc in "
            "Doc.from_array; heads are offsets to tokens of the same Doc.")
    E191 = "A token's head must be in the same Doc."
    E192 = "Vectors on the GPU (cupy) can't be resized in place."
    E193 = ("Resizing in place keeps the width: the new width {new_dim} differs from "
            "{curr_dim}.")
    E194 = ("The words {words} don't spell the text '{text}' (apart from whitespace), so they "
            "can't be aligned with it.")
    E195 = "The matcher takes {good} only, not {got}."
    E196 = ("token.is_sent_end can't be written; set token.is_sent_start of the next token.")
    E197 = "Row {row} for key {key} is outside the vectors table."
    E198 = "{n} most similar vectors were asked for, but the table has only {n_rows}."
    E199 = "An empty span, doc[{start}:{end}], can't be merged."
    E200 = "{attr} can't be set from a Span."
    E202 = "'{mode}' is not a {name} mode; known modes: {modes}."
    E203 = ("If the {name} embedding layer isn't updated in training, list the component in "
            "[training] annotating_components.")
    E849 = "The vocab's {method} works on lexloom Vectors tables, not on {vectors_type}."
    E850 = ("The PretrainVectors objective works with default or floret vectors, not {mode}.")
    E851 = "textcat labels must be 0 or 1, not '{val}'."
    E853 = "'{name}' can't be a factory name: names may not contain '.'."
    E854 = ("doc.ents can't be set: the ents_filter let overlapping spans through.")
    E855 = "The {obj} is not from the same Doc."
    E856 = "Span {i} is outside the span group, which has {length} spans."
    E857 = "The trainable lemmatizer has no label '{name}'."
    E858 = "{mode} vectors can't do this. {alternative}"
    E859 = "floret vectors can't be modified."
    E860 = "floret vectors can't be truncated."
    E861 = "floret vectors (with minn and maxn) take no 'keys'."
    E862 = "floret vectors need hash_count in 1..4."
    E863 = "floret vectors need maxn >= minn."
    E864 = "floret vectors need the full table as 'data'."
    E865 = ("A SpanGroup stops working once its Doc is garbage-collected: keep a reference to "
            "the Doc while using its spans.")
    E866 = "Expected a str or a Doc, got {type}."
    E867 = ("textcat (exclusive classes) needs at least two labels. For one label (binary), "
            "use two labels such as POSITIVE/NEGATIVE, or textcat_multilabel.")
    E868 = ("The reference Doc has the span {span} both as a gold entity and as a negative "
            "span.")
    E869 = ("The label notation '{label}' is no longer supported: put negative NER examples "
            "in doc.spans[key] and set the NER's incorrect_spans_key to that key.")
    E870 = ("The DocBin is too large to serialise; split the Docs over several DocBins (a "
            "corpus reader reads a folder of .spacy files).")
    E871 = "nlp.pipe with several processes failed: {error}"
    E872 = ("The tokenizer can't be copied from the base pipeline: its settings differ "
            "(this pipeline: \"{curr_config}\"; base: \"{base_config}\").")
    E873 = "The span '{text}' of doc.spans['{key}'] couldn't be merged."
    E874 = ("No tok2vec model could be taken from the component '{component}' and layer "
            "'{layer}'.")
    E875 = ("The PretrainVectors objective needs static vectors: set [initialize] vectors in "
            "the config.")
    E879 = ("'spans' data must map keys to lists of spans, each (start_char, end_char) with "
            "an optional label (and KB id).")
    E884 = ("No vectors were found at '{vectors}', so the pipeline can't be initialized. For "
            "an already trained pipeline, call nlp.resume_training instead.")
    E885 = "entity_linker.set_kb takes a callable kb_loader, not {arg_type}."
    E886 = ("Listeners {name} -> {tok2vec} can't be replaced: the path '{path}' is not in the "
            "config of '{name}'.")
    E887 = ("Listeners {name} -> {tok2vec} can't be replaced: the paths given ({paths}) don't "
            "match the model's {n_listeners} listeners.")
    E888 = ("The listeners of '{name}' ({pipe}) can't be replaced: the upstream component is "
            "neither a Tok2Vec nor a Transformer.")
    E889 = ("The '{tok2vec}' listeners of '{name}' can't be replaced: '{unknown}' is not in "
            "the pipeline. Components: {opts}. (Check [initialize] or [training] settings "
            "that name components.)")
    E890 = "The alias '{alias}' can't be added to the knowledge base: aliases must be non-empty strings."
    E891 = "The alias '{alias}' could not be added to the knowledge base."
    E892 = "There is no function registry '{name}'. Registries: {available}"
    E893 = ("The registry '{reg_name}' has no function '{name}'. If it is your own, import its "
            "code first (--code file.py); if a package provides it, install that package. "
            "Registered: {available}")
    E894 = "The language '{lang}' has no noun_chunks syntax iterator."
    E895 = ("textcat got documents with several positive labels ({value}); use "
            "textcat_multilabel for that.")
    E896 = ("The static vectors can't be used: initialize the vocab's vectors, or set "
            "include_static_vectors to False.")
    E897 = ("'{field}' must be a dotted path to a config section (a str), not {type}.")
    E898 = ("The trainable component '{name}' can't be saved: its `model` is not set. Store "
            "the model as self.model in your component.")
    E899 = ("The trainable component '{name}' can't be saved: its `vocab` is not set. Store "
            "nlp.vocab as self.vocab in your component.")
    E900 = ("The full pipeline couldn't run for evaluation; frozen components must already "
            "be trained. Pipeline: {pipeline}")
    E901 = "The output directory {path} couldn't be removed."
    E902 = ("The sentence-per-line IOB file is malformed; check whitespace and delimiters.")
    E903 = ("The token-per-line NER file is malformed; check whitespace and delimiters.")
    E904 = "StaticVectors can't be initialized: its output width nO is not set."
    E905 = "StaticVectors can't be initialized: the vectors width nM is not set."
    E906 = "'{found}' is not a pretraining loss; losses: {supported}"
    E908 = "Doc() takes `spaces` only together with `words`."
    E909 = "The parser internals have no {name}."
    E910 = "The loss of the component '{name}' is NaN."
    E911 = "'{feat}' is not a token attribute, so it can't be a feature."
    E912 = ("The lemmatizer can't be initialized: mode '{mode}' needs the tables {tables}; "
            "found {found}.")
    E913 = ("A corpus path is None: set it in the config or on the command line.")
    E914 = ("The {name} callback must return the nlp object; it returned {value}.")
    E915 = ("The score '{name}' is of type {score_type}, not a number, so it can't be weighted; "
            "set its weight to null to leave it out.")
    E916 = "The score '{name}' can't be logged: {score_type} is not a valid score."
    E917 = "TransitionBasedParser's state_type is 'parser' or 'ner', not {value}."
    E918 = ("vocab must be a Vocab or True (make one), not {vocab} ({vocab_type}).")
    E919 = ("textcat's positive_label '{pos_label}' was given, but the data isn't binary "
            "(two labels). Labels: {labels}")
    E920 = ("textcat's positive_label '{pos_label}' is not one of the labels: {labels}")
    E921 = ("set_output needs a component whose model has a resize_output attribute.")
    E922 = ("The component '{name}' has an output width of {nO} and can't take more labels.")
    E923 = ("No usable sample data was found to initialize the model of '{name}'; check the "
            "data paths and annotations (`debug data`).")
    E924 = "The component '{name}' is not initialized properly."
    E925 = "displaCy colors must map labels to colors; got {obj}."
    E926 = ("nlp.{attr} is computed and can't be changed in place; use add_pipe, "
            "remove_pipe, rename_pipe, replace_pipe, disable_pipe or enable_pipe.")
    E927 = ("This list is read-only (a frozen default or computed value); copy it before "
            "changing it.")
    E928 = ("A knowledge base is saved to and loaded from a folder, but {loc} is a file.")
    E929 = "No knowledge base can be read from {loc}: it doesn't exist."
    E930 = ("{method} needs get_examples, a function returning Examples; got {obj}.")
    E931 = ("The {parent} subclass of the component '{name}' doesn't implement "
            "{parent}.{method}; override it to use it.")
    E940 = "The scores hold NaN values."
    E941 = ("'{name}' is an old shortcut name, and shortcuts are no longer supported. Load the "
            "pipeline by its full name: nlp = load(\"{full}\").")
    E942 = ("The after_{name} callback must return the initialized nlp object; it returned "
            "{value}.")
    E943 = ("The before_creation callback must return a Language subclass; it returned "
            "{value}.")
    E944 = ("The component '{name}' can't be copied from '{model}': that pipeline has no such "
            "component. Its components: {opts}")
    E945 = ("The component '{name}' can't be copied: the source must be a loaded nlp object, "
            "not {source}.")
    E947 = "Matcher.add's greedy must be one of {expected}, not '{arg}'."
    E948 = "Matcher.add's patterns must be a list, not {arg_type}."
    E949 = ("The predicted and reference Docs can't be aligned: their texts must be the same "
            "apart from whitespace and case. {x} vs. {y}")
    E952 = "The config has no section '{name}'."
    E953 = "The Tok2Vec listener got mismatched batch ids: {id1} vs. {id2}"
    E954 = "The Tok2Vec listener received no output from its upstream component."
    E955 = ("spacy-lookups-data has no table(s) {table} for the language '{lang}'. Install the "
            "package, or give your own tables.")
    E956 = "The config's [components] has no '{name}'. Components: {opts}"
    E957 = ("Language.factories is not written to directly: register factories with "
            "@Language.factory.")
    E958 = ("The config's language ({bad_lang_code}) differs from the class {lang} "
            "({lang_code}). Use the class of the config's language (util.get_lang_class).")
    E959 = "A component can't be inserted {dir} index {idx}. Components: {opts}"
    E960 = "The component '{name}' has no config data."
    E961 = ("The config holds a value that can't be written as JSON: {config}. Configs hold "
            "plain values; name objects through registered functions instead.")
    E962 = "The {style} of the pipe '{name}' must be a dict, not {cfg_type}."
    E963 = ("@Language.{decorator} must be called: write @Language.{decorator}(), with the "
            "parentheses.")
    E964 = ("The factory for '{name}' must take the arguments `nlp` (the pipeline) and `name` "
            "(the component's name), which are passed to it.")
    E965 = ("@Language.component registers functions; '{name}' is a class. Use "
            "@Language.factory for classes (or for components with settings).")
    E966 = ("nlp.add_pipe takes the name of a registered factory, not a component object "
            "({component}, name '{name}'). Register it with @Language.component or "
            "@Language.factory and pass its name.")
    E967 = "There is no {meta} meta information for '{name}'."
    E968 = ("nlp.replace_pipe takes the name of a registered factory, not a component object "
            "({component}, name '{name}').")
    E969 = "The field '{field}' takes str values, not {types}."
    E970 = "The command '{str_command}' can't be run. Is '{tool}' installed?"
    E971 = ("Doc.from_array got an array of {array_length} rows for a Doc of {doc_length} "
            "tokens.")
    E972 = "Example() got None for '{arg}'; it needs a Doc."
    E973 = "The NER annotation is of an unexpected type."
    E974 = "Unknown {obj} attribute: {key}"
    E976 = "Example.from_dict takes a {type} as its {n} argument, not None."
    E977 = "A MorphAnalysis can't be compared with a string here."
    E978 = "{name} takes a list of Examples, not {types}."
    E980 = ("Each link annotation is a dict with at most one id mapped to 1.0 and the others "
            "to 0.0.")
    E981 = "The offsets of the `links` annotation don't line up with token boundaries."
    E982 = "Token.ent_iob is an index into {values}, not {value}."
    E983 = "Invalid key(s) for '{dict}': {key}. Keys: {keys}"
    E984 = ("The config block of '{name}' needs `factory` (the registered function that makes "
            "the component) or `source` (a pipeline to copy it from). {config}")
    E985 = "The config has no [nlp] section, so no pipeline can be built from it. {config}"
    E986 = ("No training batches could be made: check the train and dev paths and the "
            "batcher's discard_oversize.")
    E989 = ("nlp.update takes a list of Examples (one argument), not texts and annotations; "
            "make Examples with Example.from_dict.")
    E991 = "nlp.select_pipes needs `disable` or `enable`."
    E992 = ("select_pipes got enable={enable} and disable={disable}, which contradict each "
            "other for the components {names}.")
    E993 = ("The [nlp] section must give `lang`, the language code (such as 'en'). {config}")
    E997 = ("A special case may not change the text: '{chunk}' would become '{orth}' with "
            "the token attributes {token_attrs}.")
    E999 = "Docs can only be merged when they share one Vocab."
    E1000 = ("The Chinese pkuseg segmenter has no model loaded: name a pretrained model or a "
             "model path in [initialize.tokenizer] and run nlp.initialize().")
    E1001 = ("A target token (offset {index}) is outside the match '{span}' of the patterns "
             "{patterns}.")
    E1002 = "The span index is out of range."
    E1003 = "'{mode}' is not a lemmatizer mode."
    E1004 = ("The lemmatizer mode '{mode}' needs the tables {tables}; found {found}. Load "
             "them with nlp.initialize() (spacy-lookups-data provides them).")
    E1005 = ("The special case for '{chunk}' sets '{attr}'; special cases may only set ORTH "
             "and NORM.")
    E1007 = "'{op}' is not a DependencyMatcher operator."
    E1008 = ("Patterns must be given as a list of patterns, each a list of dicts "
             "(List[List[dict]]).")
    E1010 = ("Token {i} is in more than one of the entities, blocked, missing and outside "
             "spans, so its entity can't be set.")
    E1011 = "'{default}' is not a doc.set_ents default; options: {modes}"
    E1012 = ("doc.set_ents takes entities and blocked/missing/outside spans as lists of "
             "Spans.")
    E1013 = ("The MorphAnalysis belongs to another vocab than the token; set it from its "
             "string instead: token.set_morph(str(morph)).")
    E1014 = ("The data is not in DocBin (.spacy) format. Convert spaCy v2 JSON training data "
             "with the `convert` command.")
    E1015 = ("The model can't be initialized from the config: no {value} was found (`debug "
             "config` shows the config).")
    E1016 = ("DependencyMatcher token patterns (RIGHT_ATTRS) must match single tokens: the "
             "operators '?', '*' and '+' aren't allowed. Node: {node}")
    E1017 = ("A Doc with a dependency parse needs both `deps` and `heads`; without labels, "
             "use placeholders such as deps=[\"dep\"] * len(heads).")
    E1018 = ("The knowledge base of '{name}' is not set: call initialize or set_kb with a "
             "kb_loader.")
    E1019 = "noun_chunks needs POS tags: run a pipeline that tags."
    E1020 = ("No epoch to resume from was given and none could be read from the file name; "
             "pass epoch_resume.")
    E1021 = ("\"{pp}\" is not a Universal Dependencies POS tag; put other tags in `tag`.")
    E1022 = "Words must be str or int, not '{wtype}'."
    E1023 = "The entity ruler can't be read from {path}: the file doesn't exist."
    E1024 = "The patterns of '{component}' have no {attr_type} '{label}'."
    E1025 = ("'{value}' is not an entity IOB value; use '', 'I', 'O' or 'B' (or 0-3).")
    E1026 = "The edit tree is malformed: {errors}"
    E1027 = "AlignmentArray slices take a step of 1 only."
    E1028 = "AlignmentArray is indexed by an int or a slice."
    E1029 = "The edit tree can't be applied to this form."
    E1030 = "The edit tree id is out of range."
    E1031 = ("Could not find gold transition: no valid move of the parser keeps the gold parse "
             "reachable from this state (move: cost against the gold parse; {moves}). The "
             "parser's moves come from the training data, and moves seen fewer than "
             "min_action_freq times (default 30) are dropped, SHIFT and REDUCE included: with "
             "little data, set the parser's min_action_freq lower (e.g. 1).")
    E1032 = "`{var}` must not be {forbidden}; got {value}."
    E1033 = "Invalid dimension {name}: only nO, nF and nP exist."
    E1034 = "Node index {i} is out of bounds ({length})."
    E1035 = "Token index {i} is out of bounds ({length})."
    E1036 = "A NoneNode can't be indexed."
    E1037 = "Invalid attribute value '{attr}'."
    E1038 = "The JSON input is invalid: {message}"
    E1039 = ("The {obj} annotation (start {start}, end {end}) doesn't line up with token "
             "boundaries.")
    E1040 = ("Doc.from_json needs the same attributes on every token; some lack: "
             "{partial_attrs}")
    E1041 = "Expected a str, a Doc or bytes, got {type}."
    E1042 = ("enable={enable} and disable={disable} contradict each other (one of them may "
             "come from the pipeline's config).")
    E1043 = ("The entity linker threshold must be None or in [{range_start}, {range_end}], "
             "not {value}.")
    E1044 = "candidates_batch_size must be >= 1, not {value}."
    E1045 = ("The {parent} subclass '{name}' doesn't implement {parent}.{method}; override it "
             "to use it.")
    E1046 = ("{cls_name} is abstract and can't be created; use InMemoryLookupKB for a "
             "knowledge base in memory.")
    E1047 = "find_threshold works only with components that have a `scorer`."
    E1048 = "'{unexpected}' is not a progress bar type; types: {expected}"
    E1049 = ("displaCy found no free port on {host}; pass one with "
             "displacy.serve(doc, port=port).")
    E1050 = ("Port {port} is in use; pass another with displacy.serve(doc, port=port), or "
             "auto_select_port=True to take the nearest free one.")
    E1051 = ("allow_overlap=False needs max_positive 1; max_positive is {max_positive}.")
    E1052 = ("The span {i} of the span group doesn't line up with the target Doc's tokens, "
             "so the spans can't be copied.")
    E1053 = ("min_length and max_length must be above 0; got min_length {min_length}, "
             "max_length {max_length}.")
    E1054 = ("Training {component} needs the reference and predicted Docs to have the same "
             "text, whitespace included.")
    E1055 = ("The replace_listener callback takes {num_params} parameters; only callbacks "
             "with one or three are supported.")
    E1056 = "The TextCatBOW architecture needs a length of at least 1, not {length}."
    E1057 = ("TextCatReduce needs at least one reduction: set one of use_reduce_first, "
             "use_reduce_last, use_reduce_max or use_reduce_mean.")


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
