"""The word lists of the quotes layer: speech words (data/speech_verbs.tsv) and speaker renderings
(data/speakers.tsv), folded once and cached; plus the small closed classes of grammar words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.lang.normalize import fold
from khabar.resources import data_path, read_tsv
from khabar.text.cache import word_cache

CUE_KINDS = ("verb", "participle", "noun", "according", "relay")
SPEAKER_KINDS = ("document", "source", "anaphor", "institution", "title")
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")

# Words that end a speaker phrase (folded): complementisers, prepositions, time words, adverbs.
_BOUNDARY_WORDS = (
    "ان إن أن انه إنه أنه انها إنها أنها انهم إنهم أنهم انهما بان بأن بانه بأنه بانها بأنها "
    "في فى خلال عبر على عن من الى إلى مع امام أمام لدى اثناء أثناء عقب بعد قبل منذ حول ضمن "
    "اليوم امس أمس غدا الليلة مساء ظهر فجر صباحا مساء الاحد الأحد الاثنين الإثنين الثلاثاء "
    "الاربعاء الأربعاء الخميس الجمعة السبت "
    "الذي التي الذين اللذين اللتين حيث كما لكن قد لقد ايضا أيضا كذلك مجددا مرة "
    "ضرورة أهمية استعداد حرص ترحيب تمسك هو هي ذلك هذا هذه ما كان كانت ل ب "
    "عندما حين حينما بينما لما إذ اذ إذا اذا كلما لأن بعدما فيما مما لذا لذلك ولذلك وهو وهي"
)
BOUNDARY_WORDS = frozenset(fold(w) for w in _BOUNDARY_WORDS.split())
# "ان" and its forms open the reported clause.
COMPLEMENTISERS = frozenset(fold(w) for w in "ان إن أن انه إنه أنه انها إنها أنها انهم أنهم إنهم انهما".split())
RELATIVES = frozenset(fold(w) for w in "الذي التي الذين اللذين اللتين".split())
# A speaker phrase talking *to* someone ends there ("قال الوزير للصحفيين").
ADDRESSEES = frozenset(fold(w) for w in (
    "الصحفيين الصحافيين الصحفيون وسائل الإعلام وكالة صحيفة جريدة قناة تلفزيون إذاعة موقع شبكة مجلة "
    "نظيره نظيرته").split())
# Words before a quoted span that make it a name or title, not speech («حركة «حماس»).
NAME_HEADS = frozenset(fold(w) for w in (
    "وكالة تلفزيون قناة صحيفة جريدة مجلة موقع منصة تطبيق حساب وسم هاشتاغ هاشتاق شبكة إذاعة "
    "حركة حزب تنظيم جماعة جبهة ميليشيا ميليشيات فصيل كتائب ائتلاف تحالف تيار مجموعة شركة مؤسسة جمعية "
    "مركز منظمة فرقة فريق نادي منتخب فيلم مسلسل كتاب رواية مسرحية ألبوم أغنية قصيدة برنامج "
    "عملية حملة مناورات مسابقة جائزة مهرجان مؤتمر منتدى ملتقى معرض مشروع اسم لقب شعار عنوان "
    "مبادرة خطة اتفاق اتفاقية معاهدة إعلان قانون يسمى تسمى المسمى المسماة المعروف المعروفة يعرف تعرف "
    "سمي سميت صاروخ صواريخ طائرة طائرات دبابة بندقية كاميرا هاتف جهاز سيارة طراز سفينة "
    "ضاحية حي منطقة مدينة قرية بلدة مخيم شارع ميدان ساحة مسجد فندق سوق مطار ميناء سجن مستشفى "
    "جامعة مدرسة كلية ملعب مسرح سينما مدونة صفحة هيئة قاعدة أفلام مسلسلات كتب برامج شركات "
    "يدعى تدعى المدعو المدعوة سماه سمته الملقب الملقبة مثل").split())
# First words of a quoted document title ("إعلان سلوك الأطراف ...").
TITLE_STARTS = frozenset(fold(w) for w in (
    "إعلان اتفاق اتفاقية معاهدة ميثاق قانون قرار مدونة وثيقة بروتوكول مبادرة خطة برنامج "
    "استراتيجية رؤية عملية حملة مشروع جائزة مهرجان مؤتمر منتدى").split())
# Nouns a speech verb takes as object with a pronoun ("واختتم حديثه"): no subject there.
SPEECH_OBJECTS = frozenset(fold(w) for w in (
    "حديث كلمة كلمات تصريح تصريحات حساب لقاء خطاب مقابلة رد قول بيان تغريدة منشور صفحة").split())
NAME_PARTICLES = frozenset(fold(w) for w in "باسم بن بنت ابن".split())


@dataclass(frozen=True, slots=True)
class CueWord:
    form: str  # folded
    kind: str  # one of CUE_KINDS
    needs: str  # "", "conj" or "fi"


@dataclass(frozen=True, slots=True)
class SpeakerWord:
    words: tuple[str, ...]  # folded words of the Arabic phrase
    en: str
    kind: str  # one of SPEAKER_KINDS
    en_country: str  # English with "{}" for the state of a following demonym ("" = none)


@cache
def cue_words() -> dict[str, CueWord]:
    """Folded form -> speech word."""
    out: dict[str, CueWord] = {}
    for _, row in read_tsv(data_path("khabar.quotes", "data/speech_verbs.tsv"), ("form", "kind")):
        if row["kind"] not in CUE_KINDS:
            raise ValueError(f"speech_verbs.tsv: unknown kind {row['kind']!r} for {row['form']}")
        form = fold(row["form"])
        out[form] = CueWord(form, row["kind"], row.get("needs", ""))
    return out


@cache
def speaker_words() -> tuple[SpeakerWord, ...]:
    """Speaker renderings, longest Arabic phrase first (so "البيان المشترك" wins over "البيان")."""
    rows = []
    for _, row in read_tsv(data_path("khabar.quotes", "data/speakers.tsv"), ("ar", "en", "kind")):
        if row["kind"] not in SPEAKER_KINDS:
            raise ValueError(f"speakers.tsv: unknown kind {row['kind']!r} for {row['ar']}")
        rows.append(SpeakerWord(tuple(fold(row["ar"]).split()), row["en"], row["kind"], row.get("en_country", "")))
    return tuple(sorted(rows, key=lambda r: -len(r.words)))


@cache
def speaker_words_by_first() -> dict[str, tuple[SpeakerWord, ...]]:
    """`speaker_words` grouped by their first word, each group in the same order (longest first)."""
    groups: dict[str, list[SpeakerWord]] = {}
    for row in speaker_words():
        if row.words:
            groups.setdefault(row.words[0], []).append(row)
    return {first: tuple(rows) for first, rows in groups.items()}


def has_pronoun(norm: str, nouns: frozenset[str]) -> bool:
    """Is `norm` one of `nouns` with a pronoun suffix ("حديثه")?"""
    return any(norm.endswith(p) and norm[: -len(p)] in nouns for p in PRONOUN_SUFFIXES)


@cache
def cue_surfaces() -> frozenset[str]:
    """Every folded token in which `cue_word` can find a speech word (a speech word with و/ف before it
    and a pronoun after it); most tokens are not, and need not be looked at further."""
    stems = set(cue_words())
    stems |= {form + suffix for form, word in cue_words().items() if word.kind == "noun" for suffix in PRONOUN_SUFFIXES}
    return frozenset(stems | {conj + stem for stem in stems for conj in "وف"})


CACHED_CUES = 400_000  # folded word forms: more than ANT has, see events/actors.py


@word_cache(CACHED_CUES)
def cue_word(norm: str) -> tuple[CueWord, bool, str] | None:
    """The speech word a folded token is (after a و/ف and for nouns a pronoun suffix), with
    whether a conjunction was found and the suffix; None when it is no speech word. Remembered."""
    return _cue_word(norm)


def _cue_word(norm: str) -> tuple[CueWord, bool, str] | None:
    table = cue_words()
    candidates = [(norm, False)]
    if len(norm) >= 3 and norm[0] in "وف":
        candidates.append((norm[1:], True))
    for word, conj in candidates:
        found = table.get(word)
        if found is not None:
            return found, conj, ""
        for suffix in PRONOUN_SUFFIXES:
            base = word[: -len(suffix)]
            if word.endswith(suffix) and len(base) >= 3:
                noun = table.get(base)
                if noun is not None and noun.kind == "noun":
                    return noun, conj, suffix
    return None
