"""Token features for the CRF tagger, built once per word type and reused.

A sentence's features are the concatenation of cached lists: the token's own features and the
neighbours' context features (already carrying their position prefix), plus a few bigrams. All
feature names are UTF-8 bytes, which python-crfsuite passes on without re-encoding. Every feature
comes from one word property (`final_props`): `k=v` for the word itself, `{offset}k=v` for a
neighbour, which lets the tagger (`crfmodel.CachedScorer`) sum weights per property instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from khabar.lang.clitics import CONJUNCTIONS, PREPOSITIONS
from khabar.lang.normalize import fold, fold_text

# Hand-written cue words (folded at load time): titles, verbs of saying and head nouns that precede
# names of a type, and a few words (currencies, religions) that ANERcorp tags as MISC themselves.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "PERTITLE": (
        "رئيس", "رئيسة", "وزير", "وزيرة", "شيخ", "سيد", "سيدة", "ملك", "ملكة", "أمير", "أميرة", "دكتور",
        "د", "مستشار", "نائب", "جنرال", "عقيد", "لواء", "عميد", "فريق", "مشير", "متحدث", "ناطق",
        "كاتب", "كاتبة", "مخرج", "فنان", "فنانة", "مدرب", "لاعب", "زعيم", "بابا", "إمام", "أمين",
        "سفير", "مبعوث", "قائد", "مدير", "مديرة", "محافظ", "حاكم", "سلطان", "قاضي", "مفتي", "نجم",
        "المطرب", "مطربة", "ممثل", "ممثلة", "شاعر", "روائي", "بروفيسور", "البروفسور", "الأستاذ",
        "أستاذ", "زميل", "زميله", "المرشح", "مرشح", "السناتور", "سناتور", "النائبة", "المهندس",
    ),
    "PERVERB": ("قال", "وقال", "أكد", "وأكد", "أضاف", "وأضاف", "أعلن", "وأعلن", "صرح", "أوضح", "وأوضح"),
    "ORGHEAD": (
        "وزارة", "شركة", "جامعة", "منظمة", "حزب", "حركة", "مجلس", "اتحاد", "هيئة", "مؤسسة", "وكالة",
        "جمعية", "بنك", "مصرف", "صندوق", "نادي", "منتخب", "لجنة", "جبهة", "صحيفة", "مجلة", "قناة",
        "إذاعة", "محكمة", "برلمان", "أمم", "مركز", "معهد", "أكاديمية", "رابطة", "نقابة", "تحالف",
        "مجموعة", "جماعة", "كتائب", "جيش", "قوات", "شرطة", "مكتب", "سفارة", "بورصة", "دار",
    ),
    # Currencies and religions: ANERcorp tags them MISC.
    "MISCWORD": (
        "دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "درهم", "دراهم", "دينار", "دنانير", "ريال",
        "ريالات", "ليرة", "ليرات", "شيكل", "ين", "روبل", "فرنك", "روبية", "يوان", "إسترليني",
        "إسلام", "مسيحية", "يهودية", "بوذية", "هندوسية", "قرآن", "إنجيل", "توراة",
    ),
    "LOCHEAD": (
        "مدينة", "محافظة", "ولاية", "منطقة", "إقليم", "جزيرة", "جزر", "بحر", "نهر", "جبل", "جبال",
        "عاصمة", "قرية", "بلدة", "مقاطعة", "دولة", "بلاد", "مخيم", "شمال", "جنوب", "شرق", "غرب",
        "وسط", "حي", "شارع", "ميناء", "مطار", "خليج", "صحراء", "قطاع", "ضفة", "بحيرة", "وادي",
    ),
}

_PROCLITIC_CONJ = CONJUNCTIONS
BIGRAM_CLUSTERS = "k256"  # granularity of the cluster bigram features
_PROCLITIC_PREP = PREPOSITIONS


def _char_kind(ch: str) -> str:
    if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
        return "d" if ch.isdigit() else ("p" if not ch.isalpha() else "a")
    if ch.isdigit():
        return "d"
    if ch.isalpha():
        return "U" if ch.isupper() else "l"
    return "p"


_LENGTHS = tuple(str(n) for n in range(11))
# Prefix and suffix property names by length: of the folded word (p, s), and of its stem up to 3 (sp, ss).
_AFFIX_KEYS = tuple((n, f"p{n}", f"s{n}", f"sp{n}" if n < 4 else "", f"ss{n}" if n < 4 else "") for n in (1, 2, 3, 4))
# The characters whose kind is "a" (letters of the Arabic blocks): most words hold nothing else.
_ARABIC_LETTERS = frozenset(ch for code in (*range(0x600, 0x700), *range(0xFB50, 0xFF00))
                            if _char_kind(ch := chr(code)) == "a")


def shape(word: str) -> str:
    """Coarse character class: Arabic letters, Latin, digits, punctuation, or a mix (worked out once
    per word type: the extractor keeps each word's features)."""
    chars = set(word)
    if chars and chars <= _ARABIC_LETTERS:
        return "a"
    return "".join(sorted(set(map(_char_kind, chars)))) or "e"


def strip_clitics(folded: str, freq: Mapping[str, int] | None = None) -> tuple[str, str]:
    """(proclitic letters, stem) of a folded word: conjunction, preposition, then the article.

    With `freq` (word counts from unlabelled news), a conjunction or preposition is only split
    off when the rest is the more frequent word, which keeps وزير or بغداد whole.
    """
    pre, w = "", folded
    if len(w) > 3 and w[0] in _PROCLITIC_CONJ and _worth(w, w[1:], freq):
        pre, w = w[0], w[1:]
    if len(w) > 3 and w[0] in _PROCLITIC_PREP and _worth(w, w[1:], freq):
        if w[0] == "ل" and w[1] == "ل" and len(w) > 4:
            return pre + "لل", w[2:]
        pre, w = pre + w[0], w[1:]
    if len(w) > 3 and w.startswith("ال"):
        pre, w = pre + "ال", w[2:]
    return pre, w


def _worth(word: str, rest: str, freq: Mapping[str, int] | None) -> bool:
    if freq is None:
        return True
    return freq.get(rest, 0) > freq.get(word, 0) or (
        rest.startswith("ال") and freq.get(rest, 0) * 4 > freq.get(word, 0))


@dataclass(frozen=True)
class TaggerFeatures:
    """What the feature extractor knows beyond the word itself; every part is optional."""

    clusters: Mapping[str, tuple[str, ...]] | None = None
    cluster_names: tuple[str, ...] = ()
    freq: Mapping[str, int] | None = None
    gazetteers: Mapping[str, Iterable[str]] | None = None


class _Word:
    __slots__ = ("own", "ctx", "key", "ckey")

    def __init__(self, own: list[bytes], ctx: dict[int, list[bytes]], key: bytes, ckey: bytes):
        self.own, self.ctx, self.key, self.ckey = own, ctx, key, ckey


class FeatureExtractor:
    """Builds CRF feature lists for token sequences, caching everything that depends on one word."""

    OFFSETS = (-2, -1, 1, 2)

    DROP: frozenset[str] = frozenset()  # property names left out (for ablation experiments)
    # Identity features, left out for training words rare enough to stand in for unseen ones.
    IDENTITY = ("w", "f", "st")

    def __init__(self, resources: TaggerFeatures | None = None, max_cache: int = 500_000,
                 rare: frozenset[str] = frozenset()):
        self.res = resources or TaggerFeatures()
        self.rare = rare
        self.max_cache = max_cache
        self._cache: dict[str, _Word] = {}
        self._ctx_ok: dict[tuple[int, str], bool] = {}
        self._ctx_keys: dict[tuple[int, tuple[str, ...]], list[str]] = {}
        self._triggers = {fold(w): cls for cls, words in TRIGGERS.items() for w in words}
        self._triggers.update({strip_clitics(k)[1]: cls for k, cls in list(self._triggers.items())})
        self._pad_word = self._pad()
        # Property names of the word's clusters, and of its stem's (k-means clusters only, by index).
        self._cluster_keys = tuple("c" + name for name in self.res.cluster_names)
        self._stem_cluster_keys = tuple((i, "sc" + name) for i, name in enumerate(self.res.cluster_names)
                                        if name[0] == "k")
        self._gaz_single, self._gaz_multi, self._gaz_first, self._gaz_maxlen = index_gazetteers(
            self.res.gazetteers)

    def _pad(self) -> _Word:
        name = "<s>"
        ctx = {off: [f"{off}w={name}".encode()] for off in self.OFFSETS}
        return _Word([], ctx, name.encode(), name.encode())

    def word_features(self, word: str) -> list[str]:
        """The token's own features as strings (for inspection and tests)."""
        return [f.decode("utf-8") for f in self._word(word).own]

    def _word(self, word: str) -> _Word:
        info = self._cache.get(word)
        if info is None:
            if len(self._cache) >= self.max_cache:
                self._cache.clear()
            info = self._cache[word] = self._build(word)
        return info

    def _props(self, word: str) -> dict[str, str]:
        f = fold(word) or word
        pre, stem = strip_clitics(f, self.res.freq)
        nf, ns = len(f), len(stem)
        props = {"w": word, "f": f, "st": stem, "pre": pre or "-", "sh": shape(word), "len": _LENGTHS[min(nf, 10)]}
        for n, pk, sk, spk, ssk in _AFFIX_KEYS:
            if nf <= n:
                break  # the stem is no longer than the word
            props[pk] = f[:n]
            props[sk] = f[-n:]
            if ns > n and spk:
                props[spk] = stem[:n]
                props[ssk] = stem[-n:]
        trig = self._triggers.get(f) or self._triggers.get(stem)
        if trig:
            props["tr"] = trig
        self._add_clusters(props, f, stem)
        self._add_gazetteers(props, f, stem)
        return props

    def known_chars(self) -> set[str]:
        """The one-character words some table of the extractor knows (rare words, triggers,
        gazetteers, clusters): a character outside them, that folds to itself or to nothing, has
        the properties of its shape alone, with itself as word, fold and stem."""
        tables = (self.rare, self._triggers, self._gaz_single, self.res.clusters or ())
        return {word for table in tables for word in table if len(word) == 1}

    def plain_char_shape(self, char: str, known: set[str]) -> str | None:
        """The shape of a one-character token that is not in `known` (at least `known_chars`) and
        folds to itself or to nothing; None for any other token."""
        if len(char) != 1 or char in known or fold_text(char) not in ("", char):
            return None
        return "a" if char in _ARABIC_LETTERS else _char_kind(char)  # `shape` of one character

    def _add_clusters(self, props: dict[str, str], f: str, stem: str) -> None:
        if not self.res.clusters:
            return
        cs = self.res.clusters.get(f)
        if cs is not None:
            for key, c in zip(self._cluster_keys, cs, strict=True):
                if c != "-":
                    props[key] = c
        cs = self.res.clusters.get(stem) if stem != f else cs
        if cs is not None:
            for i, key in self._stem_cluster_keys:
                if cs[i] != "-":
                    props[key] = cs[i]

    def _add_gazetteers(self, props: dict[str, str], f: str, stem: str) -> None:
        if not self._gaz_single:
            return
        for key, how in ((f, "w"), (_strip_particles(f), "p"), (stem, "s")):
            for typ in self._gaz_single.get(key, ()):
                props.setdefault("gz" + typ, how)

    # Which properties a neighbour contributes at each distance.
    CTX_KEYS = {1: ("f", "st", "pre", "sh", "s2", "s3", "tr", "gzLOC", "gzORG", "gzPER", "gzDEM", "gzNAME"),
                2: ("f", "st", "tr")}
    CTX_CLUSTER_PREFIXES = {1: ("c", "sc"), 2: ("c",)}

    def _ctx_wanted(self, dist: int, key: str) -> bool:
        wanted = self._ctx_ok.get((dist, key))
        if wanted is None:
            prefixes = self.CTX_CLUSTER_PREFIXES[dist]
            wanted = self._ctx_ok[(dist, key)] = (
                key in self.CTX_KEYS[dist] or (key[:1] == "c" and "c" in prefixes)
                or (key[:2] == "sc" and "sc" in prefixes))
        return wanted

    def final_props(self, word: str) -> dict[str, str]:
        """The word's properties as features see them: feature `k=v` per property, `{off}k=v` in context."""
        props = self._props(word)
        for k in self.DROP:
            props.pop(k, None)
        if word in self.rare:
            for k in self.IDENTITY:
                props.pop(k, None)
        return props

    def ctx_offsets(self, key: str) -> tuple[int, ...]:
        """Offsets at which a property is given to neighbours (as seen from them), e.g. (-1, 1)."""
        return tuple(off for off in self.OFFSETS if self._ctx_wanted(abs(off), key))

    def _build(self, word: str) -> _Word:
        props = self.final_props(word)
        own = [f"{k}={v}".encode() for k, v in props.items()]
        ctx: dict[int, list[bytes]] = {}
        names = tuple(props)
        for dist in (1, 2):
            keys = self._ctx_keys.get((dist, names))
            if keys is None:
                keys = self._ctx_keys[(dist, names)] = [k for k in names if self._ctx_wanted(dist, k)]
            for off in (-dist, dist):
                ctx[off] = [f"{off}{k}={props[k]}".encode() for k in keys]
        return _Word(own, ctx, *self.keys(word, props))

    def word(self, word: str) -> _Word:
        """The cached features of one word type (own list, context lists by offset, bigram keys)."""
        return self._word(word)

    def pad(self) -> _Word:
        """The sentence-edge pseudo word (the same on both sides)."""
        return self._pad_word

    @staticmethod
    def pair_features(a: _Word, b: _Word) -> tuple[list[bytes], list[bytes]]:
        """Bigram features of adjacent words: those `a` gets (looking right), those `b` gets (looking left)."""
        return pair_features(a.key, a.ckey, b.key, b.ckey)

    def keys(self, word: str, props: Mapping[str, str]) -> tuple[bytes, bytes]:
        """The word's bigram keys (folded form, cluster) from its final properties."""
        key = b"<unk>" if word in self.rare else props["f"].encode()
        return key, props.get("c" + BIGRAM_CLUSTERS, "").encode()

    def sentence(self, tokens: Sequence[str]) -> list[list[bytes]]:
        """Feature lists for every token of a sentence (new lists; the cache is not modified)."""
        pad = self._pad_word
        words = [pad, pad, *map(self._word, tokens), pad, pad]
        out = []
        for i in range(2, len(words) - 2):
            prev, cur, nxt = words[i - 1], words[i], words[i + 1]
            feats = [b"bias", *cur.own, *prev.ctx[-1], *nxt.ctx[1], *words[i - 2].ctx[-2], *words[i + 2].ctx[2],
                     *self.pair_features(prev, cur)[1], *self.pair_features(cur, nxt)[0]]
            out.append(feats)
        for i, feat in self.gazetteer_marks(tokens):
            out[i].append(feat)
        return out

    @property
    def has_multiword_gazetteers(self) -> bool:
        """Whether `gazetteer_marks` can mark anything (some gazetteer name has several words)."""
        return bool(self._gaz_first)

    def gazetteer_marks(self, tokens: Sequence[str]) -> list[tuple[int, bytes]]:
        """(token index, feature) for tokens inside multi-word gazetteer names, longest match first."""
        if not self._gaz_first:
            return []
        folded = [fold(t) for t in tokens]
        marks: list[tuple[int, bytes]] = []
        i, n = 0, len(folded)
        while i < n:
            j, typs = self._longest_name(folded, i)
            if j > i + 1:
                for typ in typs:
                    marks.append((i, b"gzB=" + typ.encode()))
                    marks.extend((k, b"gzI=" + typ.encode()) for k in range(i + 1, j))
                i = j
            else:
                i += 1
        return marks

    def _longest_name(self, folded: Sequence[str], i: int) -> tuple[int, tuple[str, ...]]:
        first = folded[i]
        heads = [h for h in (first, _strip_particles(first)) if h in self._gaz_first]
        for j in range(min(len(folded), i + self._gaz_maxlen), i + 1, -1):
            rest = " ".join(folded[i + 1:j])
            for h in heads:
                typs = self._gaz_multi.get(h + " " + rest)
                if typs:
                    return j, typs
        return i + 1, ()


def pair_features(akey: bytes, ackey: bytes, bkey: bytes, bckey: bytes) -> tuple[list[bytes], list[bytes]]:
    """Bigram features of adjacent words from their keys: to the left word, to the right word."""
    to_a = [b"b+=" + akey + b"|" + bkey]
    to_b = [b"b-=" + akey + b"|" + bkey]
    if ackey:
        to_a.append(b"cb+=" + ackey + b"|" + bckey)
    if bckey:
        to_b.append(b"cb-=" + ackey + b"|" + bckey)
    return to_a, to_b


def _strip_particles(folded: str) -> str:
    """A folded word without a leading conjunction and preposition (the article stays: لل → ال)."""
    w = folded
    if len(w) > 3 and w[0] in _PROCLITIC_CONJ:
        w = w[1:]
    if w.startswith("لل") and len(w) > 4:
        return "ال" + w[2:]
    if len(w) > 3 and w[0] in _PROCLITIC_PREP:
        w = w[1:]
    return w


def index_gazetteers(gaz: Mapping[str, Iterable[str]] | None
                     ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], set[str], int]:
    """Single-word names → types, multi-word names → types, first words of multi-word names, max length."""
    single: dict[str, tuple[str, ...]] = {}
    multi: dict[str, tuple[str, ...]] = {}
    for typ, names in sorted((gaz or {}).items()):
        for name in names:
            table = multi if " " in name else single
            if typ not in table.get(name, ()):
                table[name] = (*table.get(name, ()), typ)
    first = {name.split(" ", 1)[0] for name in multi}
    maxlen = min(6, max((n.count(" ") + 1 for n in multi), default=1))
    return single, multi, first, maxlen
