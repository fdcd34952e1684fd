"""Who acts on whom: the source and target of a trigger among the actors of its sentence.

Arabic news puts the verb first (VSO: "بحث وزير الخارجية الكويتي مع نظيره الأردني") or the subject
first (SVO: "مصر والأردن تدينان"); a verbal noun takes its doer as a genitive or an
adjective ("زيارة الوزير", "غارات إسرائيلية"); a passive names the doer after
"على يد" or "برصاص"; "بين X و Y" names both sides. A verb without a subject ("وأكد") continues the
subject of the sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from khabar.events.actors import Actor, Agents
from khabar.events.forms import bare_forms
from khabar.events.phrases import starts_with_and
from khabar.events.triggers import Match, SentenceWords, match_sentence
from khabar.lang.normalize import fold

JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
LOCATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})  # a place named plainly may be what is hit
HIT_WHERE = LOCATED_TYPES
# acts of speech: a city after "من" right after the speaker is where the speaker speaks from
SPOKEN_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})
# support, aid or a call for something in a state ("دعت X إلى تغيير سلمي في سوريا") is towards that state
IN_STATE_TYPES = frozenset({"SUPPORT", "AID", "REQUEST"})  # with no target named, the state where the act happened is hit
PLACE_NO_OBJECT = frozenset({"PROTEST"})  # a place after a protest is where it is, not whom it is against
DECIDER_GAP = 3  # words from a decision's genitive to the ب of the act ("قرار روسيا غير المبرر بطرد")
LAM_GAP = 2  # words from an attack noun to the ل of its doer ("غارات جوية مكثفة لـ")
GIVING_TYPES = frozenset({"SUPPORT", "AID"})  # a noun of them names its giver after من ("بدعم من X")
GIVER_GAP = 3  # words from such a noun to the من of its giver ("بدعم وإسناد كامل من")
RECIPIENT_SPAN = 6  # words back from such a noun to the actor it goes to ("تقدم الجيش، بدعم من")
PLURAL_ENDINGS = ("ون", "وا")  # the subject suffix of a verb in the plural
VISITS = frozenset({"042"})  # CAMEO "make a visit": the place visited names its state as the host
KILLING = "18"  # CAMEO codes of killing and wounding: a verb of them without an object reads as passive
PATIENT_CAMEOS = frozenset({"18", "186", "181", "1821", "1822", "185", "173", "174"})  # genitive = victim
ARMED = frozenset({"MIL", "COP", "REB"})
DOMESTIC = frozenset({"GOV", "COP"})  # sectors of a state's own authorities, named without nationality
PARTICIPANTS = frozenset({"PROTEST"})  # triggers that may end in their participants ("تظاهر المحتجون")
# A meeting or an agreement is named after its place ("قمة هلسنكي"); a demand, a threat or an
# accusation after who makes it ("مطالبات أنقرة").
VENUE_TYPES = JOINT_TYPES
TARGET_WINDOW = 20  # words after the trigger
DIRECT_WINDOW = 6  # words after the trigger where an object without preposition may stand
# a plain direct object of these is the one addressed, supported, rejected, arrested or accused
OBJECT_BOUND_TYPES = frozenset({"REQUEST", "SUPPORT", "REJECT", "COERCE", "ACCUSE"})
LIST_SPAN = 4  # words between the members of a list of participants ("من سوريين ومتضامنين أوروبيين وأتراك")
ACT_ADJECTIVES = 2  # words of an act's noun phrase (adjectives, a means with ب) before its relative clause
APPOSITION_SPAN = 5  # words of a name set off by commas after a subject ("، منال الشريف،")
QUOTES = frozenset({'"', "«", "»", "“", "”", "'"})
PAUSES = frozenset({",", "،", "؛", ";", ":", "-", "–", "—"})  # marks that end a plain object's phrase
OBJECT_PHRASE = 2  # words of a direct object's phrase before an actor it names ("الإقرار بحق X", "حق X في")
NOUN_WINDOW = 6  # words between a verbal noun (and its doer) and its object: past them a prepositional phrase
# belongs to a later noun or verb ("اجتماع بين X ووزرائها خلص إلى … علاقة تجارية مع Y")
GUEST_WINDOW = 12  # after a verb of hosting: the host's name and title, then the guest's, stand before the code
APPOSITION_WINDOW = 10  # words after an uncoded title where its bearer may be named
START_WORDS = 3
OWNER_SPAN = 3  # words from an actor to a verbal noun it owns ("أن أميركا تعد لفرض عقوبات")
PHRASE_NOUNS = 2  # nouns between a preposition and the actor its phrase ends with ("على هامش قمة X")
RELATIVE_CLAUSE = 8  # words of a relative clause between a subject and its verb
DISOWNING = frozenset({"ACCUSE", "PROTEST", "REJECT"})  # a verb of them with its subject: the doer of the act
# it names (after "من قبل", "على يد") is its target
CONDEMNING = frozenset({"ACCUSE", "PROTEST"})  # an act named as their object: its doer is the target
ACT_WINDOW = 10  # words after a condemnation where the act it names may start (past adverbs and prepositions)
DESCRIBED_SPAN = 5  # words of an act's noun phrase before a verb that describes it ("غارة جوية بطائرة مسيرة أصابت")
GATHER_GAP = 3  # words from a meeting noun to the verb that gathers its parties ("القمة الثلاثية التي جمعت")
PRONOUN_BETWEEN = frozenset({"بينه", "بينها", "بينهم", "بينهما"})  # the first side of "بينه وبين X"
THIRD_PARTY = "third-party"  # the mode of mediation: its subject stands between the two sides it names
BETWEEN_GAP = 2  # words from a verbal noun to the "بين" that names its parties ("الاتفاق الأخير بين")
SUPPORT_SPAN = 6  # words between a support verb and its verbal noun ("شنت الطائرات الإسرائيلية غارات")
ALSO = frozenset({"كما"})  # "، كما نفى": a verb after it opens a clause of its own
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # short vowels and tanween, stripped from a word's end
CLAUSE_WORDS = frozenset({"ان", "حيث", "بينما", "فيما", "لكن", "لكنه", "لكنها", "مما", "كي", "لان", "حسبما", "اذ",
                          "عندما", "حينما"})  # a verb among the first words of its sentence may continue the previous subject



@dataclass(frozen=True, slots=True)
class Group:
    """Coordinated actors ("الولايات المتحدة واليابان")."""

    members: tuple[Actor, ...]
    pair: bool = False  # adjectives side by side: relations "X-ية Y-ية" are between the two

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end

    @property
    def prep(self) -> str | None:
        return self.members[0].prep

    @property
    def coded(self) -> tuple[Actor, ...]:
        return tuple(m for m in self.members if m.code)


def group_actors(words: SentenceWords, actors: list[Actor]) -> list[Group]:
    groups: list[list[Actor]] = []
    for actor in actors:
        last = groups[-1][-1] if groups else None
        # "و" standing alone ("روسيا و الولايات المتحدة", common before a hashtag) joins as the clitic does
        apart = last is not None and actor.start - last.end == 1 and words.texts[last.end] == "و"
        joined = last is not None and actor.prep is None and (apart or _between_ok(words, last.end, actor.start))
        # a name between commas restating the title before it ("الرئيس الأميركي، دونالد ترمب، والزعيم …") is
        # the same member told twice: what is joined to it is joined to the title
        restated = joined and not actor.conj and actor.code is not None and actor.code == last.code
        # two adjectives side by side agree in the article; "المخابرات الإسرائيلية فلسطينيين": the second is
        # a noun, the object
        paired = joined and _adjectives(last, actor) \
            and words.forms[last.end - 1].definite == words.forms[actor.start].definite
        if joined and (actor.conj or apart or restated or paired):
            groups[-1].append(actor)
        else:
            groups.append([actor])
    return [Group(tuple(g), len(g) > 1 and _adjectives(g[0], g[1])) for g in groups]


THIRD_PERSON = frozenset({"ه", "ها", "هم", "هما"})  # possessive suffixes that point back to an actor


def _suffix(words: SentenceWords, text: str) -> str:
    """The folded pronoun suffix the clitic splitter finds on the word ("" when none)."""
    size = words.tables.split(text)[1]
    return fold(text[len(text) - size:]) if size else ""


def _possessed(words: SentenceWords, actor: Actor) -> bool:
    """Is the actor an agent noun with a 3rd-person possessive ("جنوده", "قواتها", "سفيرها")?"""
    text = words.texts[actor.start]
    if actor.code or not actor.sector or actor.end - actor.start != 1 or text.endswith("ة"):
        return False
    suffix = _suffix(words, text)
    if suffix:
        return suffix in THIRD_PERSON
    norm = fold(text)  # a word the segmenter left whole ("بلاده"): an agent noun plus a pronoun
    return any(norm.endswith(p) and norm[: -len(p)] in words.tables.agents.sectors for p in THIRD_PERSON)


def possessive_pronoun(words: SentenceWords, j: int) -> bool:
    """Does word j end in a third-person possessive pronoun ("زيارته", "لقائهما")?"""
    return _suffix(words, words.texts[j]) in THIRD_PERSON


def _antecedents(words: SentenceWords, actors: list[Actor], topic: Group | None) -> list[Actor]:
    """An agent noun with a possessive suffix takes the code of the actor it points back to: the
    nearest coded actor before it in the sentence that no preposition governs, else the subject
    carried from before ("the X army announced one of its soldiers killed": a soldier of X)."""
    out: list[Actor] = []
    for actor in actors:
        if _possessed(words, actor):
            owner = next((a for a in reversed(out) if a.code and a.prep is None), None)
            if owner is None and topic is not None and topic.coded:
                owner = topic.coded[0]
            if owner is not None:
                actor = replace(actor, code=owner.code, kind="pronoun", home=owner.home)
        out.append(actor)
    return out


def _adjectives(a: Actor, b: Actor) -> bool:
    """A second nationality adjective right after the first, without a noun of its own."""
    return a.kind == b.kind == "demonym" and a.end == b.start and b.end - b.start == 1 and a.code != b.code


def _between_ok(words: SentenceWords, start: int, end: int) -> bool:
    return all(not words.is_word(j) and words.texts[j] in ",،" for j in range(start, end))


class Attacher:
    """Finds subjects and objects of the triggers of one sentence."""

    def __init__(self, words: SentenceWords, actors: list[Actor], agents: Agents,
                 trigger_words: frozenset[int] = frozenset(), topic: Group | None = None,
                 verbs: frozenset[int] = frozenset(), and_verbs: frozenset[int] = frozenset()) -> None:
        self.words = words
        self.verbs = verbs  # first words of the sentence's verb triggers: each opens a clause of its own
        # verb triggers found under a form without the و/ف their word begins with ("وتتحفظ"): joined by و
        # even where the clitic splitter does not know the verb
        self.and_verbs = and_verbs
        self._acts: dict[int, Match] | None = None
        self.groups = group_actors(words, _antecedents(words, actors, topic))
        self.agents = agents
        self.trigger_words = trigger_words
        self._preps = agents.target_preps | agents.locative_preps
        self._clause_openers = agents.complementizers | agents.relatives | agents.verb_particles | CLAUSE_WORDS
        # words after which a subject (Kana, a verb of saying: "وأعلنت بريطانيا، الأربعاء، طرد") or a verb
        # ("، كما نفى") begins a clause
        self._subject_openers = self._clause_openers | agents.auxiliaries | agents.speech_verbs
        self._verb_openers = self._clause_openers | ALSO
        self._governing = self._preps | agents.time_preps  # a noun after one is in a phrase, no subject

    # -- subjects
    def _skippable(self, j: int, match: Match | None) -> bool:
        words = self.words
        if match is not None and j in match.words:
            return True
        if words.stop[j]:
            return False
        if not words.is_word(j):
            return True  # commas, numbers of dates
        forms = words.forms[j].all
        if not forms.isdisjoint(self.agents.skip) or not forms.isdisjoint(self.agents.quantities) \
                or not forms.isdisjoint(self.agents.blessings):
            return True  # "التقى، امس الثلاثاء، نظيره", "قتل خمسة فلسطينيين", "الأمير … حفظه الله"
        if self._list_head(j):
            return True  # "أدانت كل من مصر والأردن"
        nxt = words.next_word(j + 1)  # "من جانبه"
        return nxt is not None and not words.forms[nxt].all.isdisjoint(self.agents.skip) \
            and not forms.isdisjoint(self.agents.target_preps | self.agents.locative_preps)

    def _list_head(self, j: int) -> bool:
        """Is word j "كل" before "من", or "من" after it ("كل من X و Y": each of)?"""
        words, heads = self.words, self.agents.list_heads
        if not words.forms[j].all.isdisjoint(heads):
            nxt = words.next_word(j + 1)
            return nxt is not None and "من" in words.forms[nxt].all
        before = words.prev_word(j - 1)
        return "من" in words.forms[j].all and before is not None and not words.forms[before].all.isdisjoint(heads)

    @property
    def acts(self) -> dict[int, Match]:
        """Violent acts named by nouns, by their first word, governed ones too ("أدانت الهجوم"): worked
        out the first time a trigger asks (a condemnation), once per sentence."""
        if self._acts is None:
            self._acts = {m.words[0]: m for m in match_sentence(self.words, self.words.tables.lexicon)
                          if not m.verbal and m.entry.type in VIOLENT_TYPES}
        return self._acts

    def noun_subject(self, head: int) -> bool:
        """Does a definite noun that names no actor stand right before the verb at `head`, its subject
        (SVO: "الرسالة دعت الجانب الكندي")? The actor after the verb is then its object."""
        j = head - 1
        if not self._plain_word(j):
            return False
        forms = self.words.forms[j]
        before = self.words.prev_word(j - 1)
        if before is not None and not self.words.forms[before].all.isdisjoint(self._governing):
            return False  # "في المقابل يدعو X": the noun is in a phrase, X the subject
        return bool(forms.levels) and forms.levels[0][-1][1] and forms.all.isdisjoint(self._preps)

    def _plain_word(self, j: int) -> bool:
        """Is word j a word of the sentence that is no trigger, no actor's and none to skip?"""
        if not 0 <= j < len(self.words.texts) or self.words.stop[j] or not self.words.is_word(j) \
                or j in self.trigger_words:
            return False
        return not any(g.start <= j < g.end for g in self.groups) and not self._skippable(j, None)

    def indefinite_subject(self, head: int) -> bool:
        """Does an indefinite noun stand right before the verb at `head`, the verb a clause describing
        it ("بيانا يدين X", "رسالة تطالب X", "لافتات تطالب X")? Its form shows it a noun: ة, ات, or the
        accusative alif. The actor after the verb is then its object."""
        j = head - 1
        if not self._plain_word(j):
            return False
        forms = self.words.forms[j]
        if not forms.levels or forms.levels[0][-1][1] or not forms.all.isdisjoint(self._preps) \
                or not forms.all.isdisjoint(self._clause_openers) or not forms.all.isdisjoint(self.agents.reasons):
            return False  # a definite noun is noun_subject's; "فيما قتل", "احتجاجا على" open clauses
        if any(k >= 0 and not self.words.forms[k].all.isdisjoint(self._governing) for k in (j - 1, j - 2)):
            return False  # "منذ أشهر عديدة تطالب X": a time phrase, X the subject
        text = self.words.texts[j].rstrip(HARAKAT)
        # ة and ات end nouns; the accusative alif too, but not the verbs' "وا" nor the particles in ما
        # (عندما، كلما، ربما)
        return text.endswith("ة") or (len(text) >= 4 and text.endswith(("ات", "ا")) and not text.endswith(("وا", "ما")))

    def describes_act(self, head: int) -> bool:
        """Is the verb at `head` a clause describing the violent act named just before it, with no
        relative pronoun as after an indefinite noun ("كمين بعبوة ناسفة أصاب قافلة", "غارة
        استهدفت منزلا")? The act is then the verb's subject and the actor after the verb its object."""
        words = self.words
        j = head - 1
        while j >= 0 and head - j <= DESCRIBED_SPAN:
            if words.stop[j] or not words.is_word(j) or any(g.start <= j < g.end and g.coded for g in self.groups):
                return False  # a named actor before the verb is its subject
            if j in self.trigger_words and j in self.acts:  # the acts only when a trigger stands there
                return True
            if j not in self.trigger_words and (self._skippable(j, None) or words.forms[j].definite):
                return False  # "أمس قصفت", "القوات قصفت": not the noun phrase of an act
            j -= 1
        return False

    def act_subject(self, head: int) -> Group | None:
        """The doer named with the act noun that is the subject right after the verb at `head`
        ("استهدفت غارات إسرائيلية مواقع", "أصابت قذائف الجيش X منزلا"): the adjective or genitive
        right after the act's words."""
        j = self.words.next_word(head + 1)
        act = self.acts.get(j) if j is not None and j in self.trigger_words else None
        if act is None or act.verbal:
            return None
        doer = next((g for g in self.groups if g.start == act.words[-1] + 1), None)
        if doer is None or doer.prep is not None or not doer.coded:
            return None
        return doer if doer.members[0].kind == "demonym" or doer.members[0].sector in ARMED else None

    def own_noun(self, match: Match, group: Group) -> bool:
        """Is the group a nationality adjective of the trigger's own last noun, an agent noun
        ("استدعاء السفير السويدي", "طرد الدبلوماسيين الروس")? The adjective names who the noun is,
        the one the act is done to, not its doer."""
        last = match.words[-1]
        first = group.members[0]
        if match.entry.type in PARTICIPANTS:
            return False  # "تجمع محتجون كينيون": a protest's trigger ends in who protests
        return len(match.words) > 1 and group.start == last + 1 and first.kind == "demonym" \
            and first.start == group.start and not self.words.forms[last].all.isdisjoint(self.agents.sectors.keys())

    def pronoun_subject(self, head: int) -> int | None:
        """The "أنه/إنها" right before the verb at `head` (particles such as لن، لم may stand between),
        whose pronoun is the verb's subject: "أعلنت X أنها ترفض Y"."""
        words, agents = self.words, self.agents
        j = words.prev_word(head - 1)
        while j is not None and head - j <= 3 and not words.forms[j].all.isdisjoint(agents.verb_particles):
            j = words.prev_word(j - 1)
        return j if j is not None and not words.forms[j].all.isdisjoint(agents.subject_pronouns) else None

    def lam_subject(self, head: int) -> Group | None:
        """A coded actor after ل right before "أن" and the verb at `head` ("سبق لفرنسا أن رفضت", "يمكن
        للحكومة أن تطلب"): the verb's subject."""
        words = self.words
        j = words.prev_word(head - 1)
        if j is None or words.norms[j] not in ("ان", "بان"):
            return None
        group = next((g for g in self.groups if g.end == j), None)
        return group if group is not None and group.prep == "ل" and group.coded else None

    def pronoun_owner(self, that: int) -> Group | None:
        """Whom the pronoun of "أنه/إنها" at word `that` stands for: the subject of the verb of saying
        before it ("أعلنت X أنها"), else the actor right before it ("X أنها"); for a coordinated one
        ("… إن جنودا نفذوا الغارة وإنهم"), the subject of the "that" clause before it."""
        words, agents = self.words, self.agents
        if starts_with_and(words, that):
            for j in range(that - 1, -1, -1):
                if not words.forms[j].all.isdisjoint(agents.subject_pronouns):
                    return self.pronoun_owner(j)
                if not words.forms[j].all.isdisjoint(agents.complementizers):
                    first = next((g for g in self.groups if j < g.start < that), None)
                    if first is not None and first.prep is None and first.coded:
                        return first
                    break
        found = self.speaker(that)
        if found is None:
            found = self.subject_before(that, None)
        return found

    # -- relative clauses
    def _object_slot(self, j: int) -> bool:
        """Is word j of a phrase a noun (its object), not a preposition or one with its pronoun ("تتحفظ عليه")?"""
        words = self.words
        return words.norms[j] not in self.agents.resumptive_preps and words.forms[j].all.isdisjoint(self._preps)

    def qualifies(self, noun: int, group: Group) -> bool:
        """Is the group a nationality adjective without the article right after the indefinite noun at
        `noun`, a noun that names no act ("طرد 23 دبلوماسياً روسياً", not "شن غارات إسرائيلية")? It describes
        who the act is done to; it is not the genitive of its doer."""
        forms = self.words.forms
        return group.members[0].kind == "demonym" and not forms[noun].definite \
            and not forms[group.start].definite and self.words.next_word(noun + 1) == group.start \
            and forms[noun].all.isdisjoint(self.words.tables.lexicon.first_forms)

    def adverbial(self, head: int) -> bool:
        """Does a word framing another act stand right before the noun at `head` ("بعد إطلاق", "إثر هجوم",
        "بسبب"; agents.yaml dated.frames)? The act it names is the frame of another, not done by that
        other's subject ("من خلال فرض رسوم" is the means of one's own act: not a frame)."""
        before = self.words.prev_word(head - 1)
        return before is not None and self.words.norms[before] in self.agents.dated_frames

    def cause_between(self, start: int, end: int) -> bool:
        """Does a word giving a cause ("ردا", "بسبب") stand in [start, end)?"""
        causes = self.agents.causes
        return any(not self.words.forms[j].all.isdisjoint(causes) for j in range(max(start, 0), end))

    def pronoun_object(self, match: Match) -> bool:
        """Does a preposition with a pronoun follow the verb ("ترحب به X", "وتتحفظ عليه X")? The verb's object
        is then the pronoun, and an actor right after it the verb's own subject."""
        j = self.words.next_word(match.words[0] + 1)
        # not في with its pronoun: "زيارة يزور فيها فلسطين", "بيانا اتهم فيه X" take an object after it
        return j is not None and self.words.norms[j] in self.agents.resumptive_preps \
            and not self.words.norms[j].startswith("في")

    def relative(self, head: int) -> int | None:
        """The relative pronoun right before word `head` ("الذين اقتحموا"), if any."""
        j = self.words.prev_word(head - 1)
        return j if j is not None and not self.words.forms[j].all.isdisjoint(self.agents.relatives) else None

    def antecedent(self, rel: int) -> Group | None:
        """The actor the relative pronoun at `rel` describes: the group right before it."""
        before = [g for g in self.groups if g.end <= rel]
        if before and before[-1].prep is None and self._clear(before[-1].end, rel, None):
            return before[-1]
        return None

    def resumptive(self, j: int) -> bool:
        """Does verb j carry a 3rd-person object pronoun ("قصفتها", "شنته")? In a relative clause its
        subject then follows it, and the noun before the pronoun is its object."""
        suffix = _suffix(self.words, self.words.texts[j])
        if suffix:
            return suffix in THIRD_PERSON
        norm, forms = self.words.norms[j], self.words.forms[j].all
        # a verb the splitter keeps whole ("تحتلها"): its lookup forms hold the verb without the pronoun
        return any(norm.endswith(p) and len(norm) - len(p) >= 3 and norm[:-len(p)] in forms for p in THIRD_PERSON)

    def resumptive_prep(self, match: Match) -> int | None:
        """The preposition with a pronoun after the verb, inside the trigger or right after it
        ("وافقت عليها", "ألقي القبض عليه"): in a relative clause the pronoun is the noun before it."""
        words, preps = self.words, self.agents.resumptive_preps
        after = words.next_word(match.words[-1] + 1)
        return next((j for j in (*match.words[1:], *((after,) if after is not None else ()))
                     if not words.forms[j].all.isdisjoint(preps)), None)

    def group_at(self, j: int | None) -> Group | None:
        return next((g for g in self.groups if g.start == j), None) if j is not None else None

    def relative_support(self, end: int) -> Group | None:
        """The subject of a support verb in a relative clause right after a verbal noun ending at word
        `end` ("الهجوم الذي شنته إسرائيل", "الغارات التي نفذتها الطائرات الإسرائيلية", "غارة شنتها X")."""
        words = self.words
        rel = words.next_word(end + 1)
        for _ in range(ACT_ADJECTIVES):  # "الهجمات الاستفزازية بالصواريخ التي قام بها X": the act's own words
            if rel is None or not words.forms[rel].all.isdisjoint(self.agents.relatives) or not self._plain_word(rel) \
                    or not (words.forms[rel].definite or words.norms[rel].startswith("ب")):
                break
            rel = words.next_word(rel + 1)
        if rel is None:
            return None
        if not words.forms[rel].all.isdisjoint(self.agents.relatives):
            verb = words.next_word(rel + 1)
        elif self.resumptive(rel):  # after an indefinite noun the clause has no pronoun: "هجوم نفذه X"
            verb = rel
        else:
            return None
        if verb is None or words.forms[verb].all.isdisjoint(self.agents.support_verbs):
            return None
        pronoun = words.next_word(verb + 1)  # "التي قام بها X": the preposition carries the act's pronoun
        if pronoun is not None and words.norms[pronoun] in self.agents.resumptive_preps:
            verb = pronoun
        found = self.subject_after(verb, None, noun=False)
        return found if found is not None and found.coded else None

    def after_relative(self, group: Group, head: int) -> bool:
        """Does a relative clause fill the gap between the group and word `head` ("المسلحون الذين
        هاجموا الحافلة أمس قد قتلوا")? Then the group is the subject of the verb at `head` too."""
        words = self.words
        rel = words.next_word(group.end)
        if rel is None or rel >= head or head - rel > RELATIVE_CLAUSE or words.forms[rel].all.isdisjoint(
                self.agents.relatives):
            return False
        return all(not words.stop[j] and (words.is_word(j) or words.texts[j][:1].isdigit())
                   and not self._clause_ends(j, j + 1) for j in range(rel, head))

    def _clear(self, start: int, end: int, match: Match | None) -> bool:
        return all(self._skippable(j, match) for j in range(start, end))

    def words_in(self, start: int, end: int) -> int:
        """Words in [start, end) other than those a subject may stand past (days, "أمس", marks)."""
        return sum(1 for j in range(start, end) if not self._skippable(j, None))

    def _phrase_words(self, start: int, end: int) -> int:
        """Words in [start, end) as `words_in` counts them, an actor's phrase counting as one ("إلى أمير
        البلاد الشيخ X من")."""
        count, j = 0, start
        while j < end:
            inside = next((g for g in self.groups if g.start <= j < g.end), None)
            if inside is not None:
                count, j = count + 1, inside.end
                continue
            count += not self._skippable(j, None)
            j += 1
        return count

    def subject_after(self, head: int, match: Match | None, noun: bool) -> Group | None:
        """The group right after word `head`: the subject of a verb, the genitive of a noun."""
        for group in self.groups:
            if group.start <= head:
                continue
            if group.prep is not None:
                return None
            if match is not None and self._venue(match, group):
                return None
            if noun and (group.members[0].kind in ("place", "placehead")
                         or not self.words.forms[group.start].all.isdisjoint(self.agents.places)):
                return None  # "قصف غزة", "غارات مواقع للحوثيين": a place is hit, it does not act
            if noun and group.members[0].kind == "capital" and (match is None or match.entry.type in VENUE_TYPES
                                                                  or match.entry.type in LOCATED_TYPES):
                return None  # "قمة هلسنكي", "اتفاق فيينا", "قصف بغداد": the venue or what is hit
            gap = range(head + 1, group.start)
            if not noun and match is not None and len(match.words) > 1 and group.start > match.words[-1] \
                    and self._object_slot(match.words[-1]):
                return None  # "طرد 23 دبلوماسياً روسياً": past the phrase's object slot, no subject of its verb
            if self._clear(head + 1, group.start, match):
                return group
            if not noun and group.members[0].conj and self._one_noun(head + 1, group.start) \
                    and not self._in_construct(head):
                return group  # "دعا الحلف والاتحاد الأوروبي موسكو": the body after و shares the subject
            demonym = group.members[0].kind == "demonym" and group.start - head <= 3
            before = self.words.prev_word(group.start - 1)
            if noun and demonym and match is not None and before in match.words[1:] and self.qualifies(before, group):
                return None  # "طرد 23 دبلوماسياً روسياً": who is expelled, not who expels
            if noun and demonym and all(self.words.is_word(j) and j not in self.trigger_words
                                        and self.words.forms[j].all.isdisjoint(self._preps | self.agents.relatives)
                                        for j in gap):
                return group  # "غارات جوية إسرائيلية"; not "مسيرات ضد بقاء الجنود الفرنسيين", not "التفجير
                # الذي استهدف السفارة الأمريكية" (a relative clause between)
            return None
        return None

    def _in_construct(self, head: int) -> bool:
        """Does a bare noun stand right before word `head`, so that a verb form there may be a verbal
        noun it governs ("وقف دعم الإرهاب وحزب الله": stopping support, not "supported")?"""
        words, agents = self.words, self.agents
        before = words.prev_word(head - 1)
        if before is None or before != head - 1:
            return False
        forms = words.forms[before]  # not a word that opens a subject's clause or may stand in a gap
        return not forms.definite and forms.all.isdisjoint(self._subject_openers) \
            and forms.all.isdisjoint(agents.skip)

    def _with(self, group: Group) -> bool:
        """Is the group named with مع, right before it or before the one noun whose genitive it is ("مع
        مسؤولي الناتو")?"""
        if group.prep == "مع":
            return True
        words = self.words
        j = words.prev_word(group.start - 1)  # the head noun of the phrase, the name its genitive
        if j is None or not words.forms[j].all.isdisjoint(self._preps):
            return False
        j = words.prev_word(j - 1)
        return j is not None and "مع" in words.forms[j].all

    def _one_noun(self, start: int, end: int) -> bool:
        """Do words [start, end) hold one definite noun and nothing else ("الحلف")?"""
        words = [j for j in range(start, end) if self.words.is_word(j)]
        return len(words) == 1 and all(not self.words.stop[j] for j in range(start, end)) \
            and self.words.forms[words[0]].definite and self.words.forms[words[0]].all.isdisjoint(self._preps)

    def subject_before(self, head: int, match: Match | None) -> Group | None:
        """SVO: the group that ends right before the verb."""
        before = [g for g in self.groups if g.end <= head]
        if not before:
            return None
        described = next((g for g in before[:-1] if g.prep is None and self.after_relative(g, head)), None)
        if described is not None:
            return described  # "المسلحون الذين هاجموا قاعدة للجيش X قتلوا": not the group inside the clause
        group = before[-1]
        if group.prep is not None or self._in_fronted_phrase(group):
            return None
        if group.members[0].kind == "place" and match is not None and not match.entry.swap \
                and match.entry.type not in VIOLENT_TYPES:
            return None  # a town or province speaks, meets or agrees with no one; an attack may hit it
        if not self._clear(group.end, head, match):
            return group if self.after_relative(group, head) else None
        return group

    def named_venue(self, group: Group) -> bool:
        """Is the group a state or city naming the gathering before it ("مؤتمر روما يدعو")? The
        gathering speaks; its venue does not."""
        if len(group.members) != 1 or group.members[0].kind not in ("state", "capital", "place"):
            return False
        before = self.words.prev_word(group.start - 1)
        return before is not None and before == group.start - 1 \
            and not self.words.forms[before].all.isdisjoint(self.agents.venue_nouns)

    def clause_initial(self, group: Group) -> bool:
        """Does a clause begin with the group: at the sentence's start, after punctuation, with و, after a
        complementizer or particle ("أن إيران"), Kana ("وكان البيت الأبيض") or a verb of saying? A group
        deeper in a phrase ("بشأن الاتفاق النووي الإيراني، اتهم") is no subject of the verb after it."""
        j = group.start
        return (j > 0 and self.words.stop[j - 1]) or self._begins_clause(j, self._subject_openers)

    def _begins_clause(self, j: int, openers: frozenset[str]) -> bool:
        """Does a clause begin at word j: the sentence's start, after punctuation, with و/ف, or after
        one of `openers`?"""
        words = self.words
        if j == 0 or not words.is_word(j - 1) or j in self.and_verbs or starts_with_and(words, j):
            return True
        return not words.forms[j - 1].all.isdisjoint(openers)

    def comma_between(self, start: int, end: int) -> bool:
        """Does punctuation stand between words start and end (a phrase closed before the verb)?"""
        texts = self.words.texts
        return any(not self.words.is_word(j) and not texts[j][:1].isdigit() for j in range(start, end))

    def _in_fronted_phrase(self, group: Group) -> bool:
        """Does a preposition open a phrase of nouns that ends with the group ("على هامش قمة الدوحة",
        "في ختام قمة القاهرة")? Such a phrase sets the scene before the verb; it names no subject."""
        words = self.words
        j = group.start - 1
        for _ in range(PHRASE_NOUNS + 1):
            if j < 0 or words.stop[j] or not words.is_word(j) or j in self.trigger_words:
                return False
            forms = words.forms[j].all
            if not forms.isdisjoint(self._clause_openers):
                return False  # "قال سكان في المدينة إن دبابات X أطلقت": a new clause, its own subject
            if not forms.isdisjoint(self._preps):
                return j < group.start - 1  # a preposition right before is the group's own (`prep`)
            j -= 1
        return False

    def _apposition(self, group: Group, match: Match | None = None) -> Group:
        """An uncoded title takes the coded name that follows it ("وزير الدولة، …، أحمد عطاف")."""
        if group.coded:
            return group
        for other in self.groups:
            others = self.trigger_words.difference(match.words) if match is not None else self.trigger_words
            if other.start >= group.end and not others.isdisjoint(range(group.end, other.start)):
                break  # a verb or act stands between: another clause ("a bomber … hit a patrol of the X army")
            if match is not None and group.end <= match.words[0] < other.start:
                break  # the subject before its verb is not named after it ("الجنود الذين اقتحموا … فلسطينيين")
            if other.start >= group.end and other.start - group.end <= APPOSITION_WINDOW:
                kind = other.members[0].kind
                if other.prep is None and other.coded and kind in ("person", "state", "demonym", "org", "group"):
                    if kind in ("state", "demonym") and not self._clear(group.end, other.start, None) \
                            and not self._led_by(group.end, other.start):
                        break  # "طلاب صور فرنسا": a state after another noun is that noun's genitive
                    if kind == "state" and other.start == group.end and match is not None and match.verbal \
                            and group.start > match.words[0]:
                        break  # "اتهم الوزير إسرائيل": after a verb's subject, a state is its object
                    return other
                if other.prep is not None:
                    break
        return group

    def domestic(self, group: Group, head: int) -> Group:
        """"السلطات", "الشرطة", "الحكومة" with no nationality, in what a coded speaker reports ("أعلنت
        وزارة الداخلية الكينية أن الشرطة اعتقلت"): the speaker's own state's."""
        first = group.members[0]
        if first.kind != "agent" or first.sector not in DOMESTIC or len(group.members) > 1:
            return group
        speaker = self.speaker(head)
        if speaker is None or not speaker.coded or speaker.members[0].kind not in ("state", "capital", "org",
                                                                                     "demonym", "person"):
            return group
        owner = speaker.coded[0]
        return Group((replace(first, code=owner.code, kind="pronoun", home=owner.home),))

    def _led_by(self, start: int, end: int) -> bool:
        """Are words [start, end) "التي تقودها" (a relative clause of leading, after at most one genitive:
        "وحدات القوة التي يقودها") before the leader?"""
        words = self.words
        rel = words.next_word(start)
        if rel is not None and words.forms[rel].all.isdisjoint(self.agents.relatives):
            rel = words.next_word(rel + 1)
        verb = words.next_word(rel + 1) if rel is not None else None
        return verb is not None and words.next_word(verb + 1) == end \
            and not words.forms[rel].all.isdisjoint(self.agents.relatives) \
            and not words.forms[verb].all.isdisjoint(self.agents.lead_verbs)

    def speaker(self, head: int) -> Group | None:
        """The subject of the nearest verb of saying before `head`, or the actor a headline opens
        with before a colon ("STATE: …")."""
        colon = next((j for j in range(min(head, len(self.words))) if self.words.texts[j] == ":"), None)
        if colon is not None and self.groups and self.groups[0].start <= 1 and self.groups[0].end == colon \
                and self.groups[0].coded:
            return None if self._reporting(self.groups[0]) else self.groups[0]
        for j in range(head - 1, -1, -1):
            if not self.words.forms[j].all.isdisjoint(self.agents.speech_verbs):
                found = self.subject_after(j, None, noun=False)
                if found is None:
                    found = self.subject_before(j, None)
                    if found is not None and self.named_venue(found):
                        return None  # "مؤتمر روما يدعو": the gathering speaks
                if found is not None and self._reporting(found):
                    return None  # "قالت مصادر أمنية عراقية إن …": sources tell of the act, they do not do it
                return self._apposition(found) if found else None
        return None

    def _reporting(self, group: Group) -> bool:
        """Is the group the adjective of a noun of unnamed sources ("مصادر أردنية", "مصدر أمني عراقي")?"""
        words = self.words
        for j in (words.prev_word(group.start - 1), words.prev_word(group.start - 2) if group.start > 1 else None,
                  group.start):
            if j is not None and not bare_forms(words.norms[j]).isdisjoint(self.agents.reporters):
                return True
        return False

    # -- objects
    def _clause_ends(self, start: int, end: int, reasons: bool = True) -> bool:
        """Does a clause word, a word naming the source of the report, or a word opening a reason stand
        in [start, end)? Without `reasons`, only a reason that tells a time (إثر، عقب، بعدما) counts: a
        protest's or a condemnation's cause names what it is against ("احتجاجا على X"), its time does
        not ("انتقادات إثر تودده لبوتين")."""
        words = self.words
        agents = self.agents
        reasons = (agents.reasons if reasons else agents.reasons - agents.causes) | agents.attributions
        return any(words.forms[j].levels and (words.forms[j].levels[0][0][0] in CLAUSE_WORDS
                                              or not words.forms[j].all.isdisjoint(reasons))
                   for j in range(start, end))

    def owner_between(self, subject: Group, head: int) -> Group | None:
        """The coded group without preposition that stands between a verb's subject and a noun trigger
        at `head`, other than the subject named again ("الرئيس الأميركي، دونالد ترمب،"): "مواجهة سلوك
        إيران حول دعم الإرهاب" is Iran's support, not the speaker's."""
        own = {a.code for a in subject.coded}
        return next((g for g in reversed(self.groups) if subject.end <= g.start and g.end <= head
                     and g.prep is None and g.coded and not {a.code for a in g.coded} <= own), None)

    def owner_next_to(self, owner: Group, head: int) -> bool:
        """Does the owner stand close before the noun at `head`, no punctuation between ("أن أميركا تعد
        لفرض عقوبات", "سلوك إيران في دعم")? Then the noun is its act."""
        return 0 < head - owner.end <= OWNER_SPAN and not self.comma_between(owner.end, head)

    def _verb_between(self, match: Match, start: int, end: int) -> bool:
        """Does another verb trigger stand between (its object is its own: "اجتماع لجنة X، اتهم Y Z")?"""
        return any(start <= v < end and v not in match.words and self._opens_clause(v) for v in self.verbs)

    def _opens_clause(self, v: int) -> bool:
        """Does the verb at v open a clause (after punctuation, with و/ف, after كما/أن …)? A form read as
        a verb in the middle of a phrase may be a noun ("بما في ذلك فرض رسوم", "قصفت فجر الأحد")."""
        return self._begins_clause(v, self._verb_openers)

    def target(self, match: Match, after: int, source: Group | None, named: bool = False) -> Group | None:
        """The first coded group after the trigger (and its subject) in the same clause: an object
        after a preposition, or a direct object close to the verb. Inside the gap of a phrase only an
        object without preposition counts ("وصف العلاقات الإيرانية الكويتية بأنها ودية")."""
        own = {m.code for m in source.members} if source else set()
        located = None
        last = match.words[-1]
        visit = match.entry.cameo in VISITS
        bound = self._direct_object(max(after, last + 1), named) if match.verbal and len(match.words) == 1 \
            and match.entry.type in OBJECT_BOUND_TYPES else None  # a phrase ("انسحب من الاتفاق") holds its object
        for group in self.groups:
            inside = group.start < last  # in the gap of a phrase: "تبادل X مع نظيره … الآراء"
            if group.start < after or (inside and (group.prep == "ب" or group.prep in self.agents.locative_preps)):
                continue
            if group.start > last + TARGET_WINDOW or self._verb_between(match, max(after, last + 1), group.start) \
                    or self._clause_ends(max(after, last + 1), group.start, match.entry.type not in CONDEMNING):
                # a protest's reason ("احتجاجا على X") names what it is against
                break
            if bound is not None and group.start > bound and (self._pause_between(bound, group.start) or (
                    self._plain_count(bound + 1, group.start) > OBJECT_PHRASE and self._complement(bound, group.start))):
                break  # "دعا X حلفاءه إلى المساعدة على … إيران": who is asked is the plain object, not a
                # state named in what they are asked to do
            if not group.coded and group.prep not in self.agents.locative_preps and self._international(group):
                return None  # "احتجاجا على المحكمة الجنائية الدولية": an international body is the target;
                # the state it is named in is no more than where the act happened
            if group.prep == "agent" and group.coded and not {m.code for m in group.coded} <= own \
                    and match.verbal and match.entry.type in DISOWNING and source is not None and source.coded:
                return group  # "رفض السفير X دعوته من قبل Y": who did what is rejected or condemned
            if group.prep in ("agent", "بين") or not group.coded or {m.code for m in group.coded} <= own:
                continue  # "بين X و Y" names the two sides of a joint act, its own or another's: no object
            if match.entry.partner and not group.pair and not self._with(group):
                continue  # "بحث الرئيس الأزمة السورية مع نظيره": the topic, then the partner; "بحث الوزيران
                # العلاقات الأميركية الروسية": the relations name both sides
            if group.prep == "من" and match.entry.type in SPOKEN_TYPES and group.members[0].kind in (
                    "capital", "place") and group.start - 1 not in match.words and self._clear(after, group.start - 1,
                                                                                                match):
                continue  # "دعت فرنسا من بروكسل إلى": where the speaker speaks from
            if self._venue(match, group) or (match.entry.type in JOINT_TYPES and self._topic(group)) \
                    or self._backer(group) or self._subjects_place(match, group, source, after):
                continue
            if match.entry.type in VIOLENT_TYPES and group.prep == "ب" and group.members[0].kind not in (
                    "capital", "place", "state"):
                continue  # "قصفت بالمقاتلة الأميركية", "بأسلحة روسية": what it was done with, not whom
            if group.prep is None and group.start - after > (GUEST_WINDOW if match.entry.swap else DIRECT_WINDOW):
                continue
            if not match.verbal and not self._locative(group) \
                    and self._phrase_words(max(after, last + 1), group.start) > NOUN_WINDOW:
                continue
            if self._locative(group):
                if self._posted(group):
                    return group  # "سفيرها في باريس", "سفيره بباريس": the state where an envoy serves
                if located is None or (self._bracketed(located.start) and not self._bracketed(group.start)):
                    located = group  # "(40 كلم شرق X)" is a landmark to find the place by: another place first
                continue
            if group.members[0].kind == "place" and match.entry.type not in LOCATED_TYPES \
                    and group.prep not in ("الي", "ل", "علي") and not visit:
                continue
            kind = group.members[0].kind
            if match.entry.type in PLACE_NO_OBJECT and (kind in ("place", "capital") or (kind == "state" and group.prep is None)):
                continue  # "مسيرات اجتاحت تشيلي": a protest is where it spreads, not against it
            return group
        state_ok = match.entry.type in IN_STATE_TYPES and located is not None and located.members[0].kind == "state"
        if located is not None and (match.entry.type in HIT_WHERE or state_ok or visit):
            return located  # "دعم … للمرحلة الجديدة في لبنان"; an attack with no named
            # target in a state is coded against that state, as CAMEO coders do
        return None

    def _direct_object(self, start: int, named: bool) -> int | None:
        """The first word from `start` (past days and marks) when it is a noun without preposition that
        names no actor: a verb's plain object ("دعا X حلفاءه", "أيدت X المقاربات"). Unless the verb's
        subject is `named` in the sentence, a title or agent noun there may be the subject itself."""
        words = self.words
        j = self._past_adjective(start)
        while j < len(words.texts) and (words.texts[j] in QUOTES or not words.stop[j] and (
                not words.is_word(j) or self._skippable(j, None))):
            j += 1  # "يعتقل "داعشيين"": the object in quotation marks
        if any(words.texts[k] in PAUSES for k in range(start, j)) and not any(
                self._skippable(k, None) and words.is_word(k) for k in range(start, j)) \
                and j < len(words.texts) and not words.forms[j].definite \
                and any(words.texts[k] in PAUSES for k in range(j + 1, min(j + APPOSITION_SPAN, len(words.texts)))):
            return None  # "شكرت الناشطة، منال الشريف، كندا": a name (no article) set off by commas restates
            # the subject
        uncoded = next((g for g in self.groups if g.start == j and g.prep is None and not g.coded
                        and g.members[0].kind == "agent"), None)
        if uncoded is not None:
            # "اعتقلت الشرطة مسلحين": people named by no state, the object; a definite title ("أمير الكويت
            # الشيخ صباح") restates the subject
            return uncoded.end - 1 if named and not words.forms[j].definite else None
        if not self._plain_word(j):
            return None
        forms = words.forms[j]
        if not forms.levels or not forms.all.isdisjoint(self._preps | self._clause_openers | self.agents.reasons):
            return None
        if not named and not forms.all.isdisjoint(self.agents.sectors.keys()):
            return None  # "دعا الناشط، الأمم المتحدة": a title or agent noun may be the subject itself
        norm, stem = words.norms[j], forms.levels[0][0][0]
        prefix = norm[:len(norm) - len(stem)] if norm.endswith(stem) else norm[:2]
        return None if "ب" in prefix or "ل" in prefix or "ك" in prefix else j  # "بالضغط", "للنظام"

    def _past_adjective(self, start: int) -> int:
        """`start`, or the word after it when a definite feminine word there follows a subject that ends
        with one: the subject's adjective ("اتهمت الحكومة اليمنية الشرعية X"), not the verb's object
        ("رفضت المستشارة الألمانية الدخول")."""
        words = self.words
        if 0 < start < len(words.texts) and words.is_word(start) and words.forms[start].definite \
                and any(g.end == start and g.coded for g in self.groups) and words.forms[start - 1].definite \
                and words.texts[start].endswith("ة") and words.texts[start - 1].endswith("ة") \
                and self._plain_word(start):
            return start + 1
        return start

    def _plain_count(self, start: int, end: int) -> int:
        """Words in [start, end), marks of any kind and words to skip not counted."""
        return sum(1 for j in range(start, end) if self.words.is_word(j) and not self._skippable(j, None))

    def _pause_between(self, start: int, end: int) -> bool:
        """Does a comma or stronger mark (not a quotation mark) stand between words start and end?"""
        return any(self.words.texts[j] in PAUSES for j in range(start + 1, end))

    def _complement(self, start: int, end: int) -> bool:
        """Does a preposition other than من stand in (start, end), opening what a plain object is asked
        or said to do ("حلفاءه إلى المساعدة على")? من may name the doer of the object's act ("من قبل")."""
        preps = self.agents.target_preps - {"من"}
        return any(not self.words.forms[j].all.isdisjoint(preps) for j in range(start + 1, end))

    def _topic(self, group: Group) -> bool:
        """Is the group the topic a noun is tied to with ب ("القضايا المتعلقة بسوريا") or after حول/بشأن? Talks and deals on
        it are not with it; sanctions "related to" a state are on it."""
        before = self.words.prev_word(group.start - 1)
        if before is None or group.prep not in ("ب", None):
            return False
        links = self.agents.topic_links if group.prep == "ب" else self.agents.topic_preps  # "محادثات حول سوريا"
        return not bare_forms(self.words.norms[before]).isdisjoint(links)

    def _subjects_place(self, match: Match, group: Group, source: Group | None, after: int) -> bool:
        """Is the group the place of the subject named right before it ("أيدت السفارة الفلسطينية في الجزائر",
        "دعا المكتب الإعلامي في القاهرة")? It tells where the subject is, not what the act is done to (an
        attack's place may still be what it hits)."""
        if source is None or source.end != after or source.start < match.words[-1] \
                or match.entry.type in HIT_WHERE or group.start < after:
            return False
        if not self._locative(group):  # not ب and a state: "نددت مصر بإسرائيل" names the object
            return False
        words = self.words
        return all(not words.is_word(j) or not words.forms[j].all.isdisjoint(self._preps)
                   for j in range(after, group.start))

    def _backer(self, group: Group) -> bool:
        """Is the group named as another's backer ("الميليشيات المدعومة من X", "القوات الموالية لـX")?"""
        words = self.words
        j = words.prev_word(group.start - 1)
        if j is not None and group.prep == "من" and "من" in words.forms[j].all:
            j = words.prev_word(j - 1)
        return j is not None and group.prep in ("من", "ل") \
            and not bare_forms(words.norms[j]).isdisjoint(self.agents.backing_links)

    def _international(self, group: Group) -> bool:
        """Does an uncoded body call itself international ("المحكمة الجنائية الدولية")?"""
        words, marks = self.words, self.agents.international
        return any(not words.forms[j].all.isdisjoint(marks) for j in range(group.start, group.end))

    def participants(self, match: Match) -> Group | None:
        """People named with من right after a trigger that ends in its participants ("تجمع المحتجون
        من مزارعين هنود"): who protests."""
        last = match.words[-1]
        if not self.words.forms[last].all.isdisjoint(self.agents.sectors.keys()):
            for group in self.groups:
                if group.start > last:
                    first = group.members[0]
                    near = group.start - last <= 3 and "من" in self.words.forms[last + 1].all
                    return group if group.prep in ("من", None) and near and group.coded and first.kind == "demonym" \
                        else None
        return None

    def listed_with(self, group: Group) -> Group:
        """The group with the groups joined to it by و a few words on ("من سوريين ومتضامنين أوروبيين
        وأتراك": all of them take part), none past a mark or a trigger."""
        members = list(group.members)
        end = group.end
        for other in (g for g in self.groups if g.start >= group.end):
            if not other.members[0].conj or other.prep is not None or other.start - end > LIST_SPAN \
                    or self.comma_between(end, other.start) or any(end <= j < other.start for j in self.trigger_words):
                break
            members.extend(other.members)
            end = other.end
        return Group(tuple(members)) if len(members) > len(group.members) else group

    def _bracketed(self, j: int) -> bool:
        """Does word j stand inside brackets opened before it in the sentence?"""
        texts = self.words.texts[:j]
        return texts.count("(") > texts.count(")")

    def _locative(self, group: Group) -> bool:
        """Is the group where something happens: after في، داخل …, or a place with ب ("بالرباط")?"""
        return group.prep in self.agents.locative_preps or (
            group.prep == "ب" and group.members[0].kind in ("capital", "place"))

    def _posted(self, group: Group, adjective: bool = False) -> bool:
        """Does the group name the post of the envoy named right before it ("سفيرها لدى/في X"; with
        `adjective`, after the envoy's own adjective: "السفير الأردني في بغداد")?"""
        words, agents = self.words, self.agents
        before = words.prev_word(group.start - 1)
        if before is not None and not words.forms[before].all.isdisjoint(agents.target_preps | agents.locative_preps):
            before = words.prev_word(before - 1)  # "سفيرها في لندن"
        if adjective and before is not None and not words.forms[before].all.isdisjoint(words.tables.gazetteer.demonyms):
            before = words.prev_word(before - 1)
        return before is not None and not words.forms[before].all.isdisjoint(agents.envoys)

    def post_after(self, envoy: Group) -> Group | None:
        """The state or city named as the post of the envoy whose adjective `envoy` is, right after it."""
        after = next((g for g in self.groups if g.start >= envoy.end), None)
        return after if after is not None and after.coded and after.start - envoy.end <= 2 \
            and self._posted(after, adjective=True) \
            else None

    def venue(self, match: Match, after: int) -> Group | None:
        """The coded place where the act happens, named in the trigger's clause ("استقبل … بالرباط")."""
        last = match.words[-1]
        for group in self.groups:
            if group.start < after:
                continue
            if group.start > last + TARGET_WINDOW or self._clause_ends(max(after, last + 1), group.start):
                return None
            if group.coded and self._locative(group) and not self._posted(group) \
                    and group.members[0].kind in ("capital", "place", "state"):
                return group
        return None

    def support_subject(self, head: int) -> Group | None:
        """The subject of a support verb shortly before a noun trigger ("شنت X غارات", "بدأت X وY
        حملة قصف", "قامت X بمداهمة", "أجرى X مباحثات"), or the genitive of its verbal noun ("قيام X
        بمداهمة"): the doer of the act the noun names."""
        words = self.words
        if self.adverbial(head):
            return None  # "طلبت X عقد اجتماع بعد إطلاق صواريخ": the act after بعد is not the one X does
        j, steps = head - 1, 0
        while j >= 0 and steps < SUPPORT_SPAN:
            inside = next((g for g in self.groups if g.start < j < g.end), None)
            if inside is not None:  # an actor's phrase counts as one word: "خرج سكان أحياء وسط X في مظاهرة"
                j = inside.start
            steps += 1
            if words.stop[j] or (words.forms[j].levels and words.forms[j].levels[0][0][0] in CLAUSE_WORDS):
                return None
            if not words.forms[j].all.isdisjoint(self.agents.support_verbs):
                found = self.subject_after(j, None, noun=False)
                if found is not None and found.end <= head:
                    return found
                return self.subject_before(j, None)
            if not words.forms[j].all.isdisjoint(self.agents.support_nouns):
                found = self.subject_after(j, None, noun=True)  # "قيام الشرطة بمداهمة"
                return found if found is not None and found.end <= head else None
            j -= 1
        return None

    def _venue(self, match: Match, group: Group) -> bool:
        """A place named right after a meeting noun ("في قمة هلسنكي", "مؤتمر باريس") is where it met; so is
        a state after a noun of gatherings named by their venue ("قمة سنغافورة"), whatever the trigger."""
        if group.prep is not None:
            return False
        before = self.words.prev_word(group.start - 1)
        if before is None:
            return False
        if len(group.members) == 1 and group.members[0].kind in ("state", "capital", "place") \
                and not self.words.forms[before].all.isdisjoint(self.agents.venue_nouns):
            return True
        if len(group.members) == 1 and group.members[0].kind in ("capital", "place") \
                and not self.words.forms[before].all.isdisjoint(self.agents.deal_nouns):
            return True  # "رحب باتفاق سنغافورة", "اتفاقية جنيف": a deal named after the city it was made in
        if match.entry.type not in VENUE_TYPES or group.members[0].kind not in ("capital", "place"):
            return False
        if before == match.words[0]:
            # "زار صنعاء": a verb's object is what it acts on; so is a visit noun's genitive ("زيارة طهران")
            return not match.verbal and match.entry.cameo not in VISITS
        return before in match.words[1:] or before in self.trigger_words

    def between(self, match: Match) -> Group | None:
        """The sides of a joint act: "بين X و Y", two adjectives of its noun, "بينه وبين Y" (the pronoun's
        owner and Y), or the object of a verb whose subject is the meeting ("القمة التي جمعت X و Y")."""
        for group in self.groups:
            if not match.start <= group.start <= match.words[-1] + TARGET_WINDOW:
                continue
            codes = {a.code for a in group.coded}
            if group.prep == "بين" and not self._between_reaches(match, group):
                continue
            if group.prep == "بين" or (group.pair and self._pair_of(match, group)):
                if len(codes) >= 2:
                    return group
                other = self._pronoun_side(group) if group.prep == "بين" and codes else None
                if other is not None and not {a.code for a in other.coded} <= codes:
                    return Group(other.members + group.members)
            elif len(codes) >= 2 and self._gathered(match, group):
                return group
        return None

    def _between_reaches(self, match: Match, group: Group) -> bool:
        """Does "بين X و Y" after the trigger name its parties? Not when another act's trigger stands
        between, which the phrase then belongs to ("توصلا إلى تفاهم بعد مناقشة نتائج القمة بين X و Y"),
        nor when a clause ends or more than NOUN_WINDOW words (an actor's phrase counting one) stand between."""
        last = match.words[-1]
        if any(last < j < group.start for j in self.trigger_words.difference(match.words)):
            return False
        if self._verb_between(match, last + 1, group.start) or self._clause_ends(last + 1, group.start):
            return False
        return self._phrase_words(last + 1, group.start) <= NOUN_WINDOW

    def _pronoun_side(self, group: Group) -> Group | None:
        """For "بينه وبين X": whom the pronoun on the first بين points back to."""
        words = self.words
        j = words.prev_word(group.start - 1)
        if j is not None and "بين" in words.forms[j].all:
            j = words.prev_word(j - 1)  # the preposition was a word of its own
        if j is None or words.norms[j] not in PRONOUN_BETWEEN:
            return None
        return self.owner_before(j)

    def _gathered(self, match: Match, group: Group) -> bool:
        """Is the group the object of a gathering verb right after a meeting noun ("القمة التي جمعت")?"""
        words = self.words
        v = words.prev_word(group.start - 1)
        last = match.words[-1]
        return not match.verbal and group.prep is None and v is not None and last < v \
            and not (words.forms[v].all | words.forms[v].future).isdisjoint(self.agents.gathering_verbs) \
            and self.words_in(last + 1, v) <= GATHER_GAP

    def _pair_of(self, match: Match, group: Group) -> bool:
        """Do two nationality adjectives name the sides of the act: after its own noun or another act's
        ("المحادثات الأميركية الصينية"), a noun of ties ("العلاقات المصرية الأردنية") or a noun after بين, not
        after another ("الصراع الفلسطيني الإسرائيلي")?"""
        words = self.words
        head: int | None = group.start  # the noun the first adjective took into its phrase, else the word before
        if not words.forms[group.start].all.isdisjoint(words.tables.gazetteer.demonyms):
            head = words.prev_word(group.start - 1)
        if head is None:
            return False
        before = words.prev_word(head - 1)
        # another act's noun names its own sides, not those of a noun trigger before it ("زيارته … قبل
        # اجتماع مصري سوداني"); a verb may govern that noun ("عقدت القمة الأميركية الكورية")
        return head in match.words or (head in self.trigger_words and match.verbal) \
            or not words.forms[head].all.isdisjoint(self.agents.relation_nouns) \
            or (before is not None and "بين" in words.forms[before].all)  # "بين جهات سعودية وبريطانية"

    def decider(self, head: int, noun: bool = True) -> Group | None:
        """For a noun trigger at `head`: the coded genitive of a noun of deciding shortly before it, the
        trigger after ب ("قرار روسيا غير المبرر بطرد"), or the actor a decision noun's pronoun points back
        to, the trigger right after it ("عزمه فرض"): who decides does the act."""
        words = self.words
        before = words.prev_word(head - 1)
        decisions = self.agents.decision_nouns
        if before is not None and words.norms[before].endswith(tuple(THIRD_PERSON)) \
                and words.norms[before] not in decisions and not words.forms[before].all.isdisjoint(decisions):
            return self.owner_before(before)  # "أكد مجددا عزمه فرض رسوم": who the pronoun points back to
        if not noun or not words.texts[head].startswith("ب"):
            return None  # a form read as a verb is the verbal noun only right after the decision noun
        for group in reversed(self.groups):
            if group.end > head:
                continue
            if head - group.end > DECIDER_GAP or not group.coded or group.prep is not None:
                return None
            before = words.prev_word(group.start - 1)
            return group if before is not None and not words.forms[before].all.isdisjoint(decisions) else None
        return None

    def owner_before(self, j: int) -> Group | None:
        """The nearest coded actor ending by word `j` that no preposition governs: whom a possessive
        pronoun at j points back to."""
        return next((g for g in reversed(self.groups) if g.end <= j and g.coded and g.prep is None), None)

    def _group_after(self, match: Match) -> Group | None:
        """The first actor after the trigger's last word."""
        return next((g for g in self.groups if g.start > match.words[-1]), None)

    def lam_doer(self, match: Match) -> Group | None:
        """Armed forces after ل right after an attack noun (and its adjectives): who attacks ("غارات
        مكثفة لطيران التحالف"); what is hit is named with على, or by ل before people or places."""
        group = self._group_after(match)
        return group if group is not None and group.prep == "ل" \
            and self.words_in(match.words[-1] + 1, group.start) <= LAM_GAP \
            and any(m.sector in ARMED for m in group.members) else None

    def giver(self, match: Match) -> Group | None:
        """The actor after من right after a noun of support or aid: who gives it. A form that may
        be read as a verb ("دعما من") takes it only right after: a verb of support takes no من."""
        group = self._group_after(match)
        gap = 1 if match.verbal else GIVER_GAP
        # an uncoded giver ("بدعم من التحالف") still names who gives: no later actor is the support's object
        return group if group is not None and group.prep == "من" and (group.coded or group.members[0].sector) \
            and self.words_in(match.words[-1] + 1, group.start) <= gap else None

    def recipient(self, head: int) -> Group | None:
        """The coded actor shortly before word `head`, outside a prepositional phrase: who a support
        named with its giver goes to ("تقدم الجيش اليمني، بدعم من X")."""
        last = next((g for g in reversed(self.groups) if g.end <= head), None)  # the nearest, coded or not
        return last if last is not None and last.coded and last.prep is None and head - last.end <= RECIPIENT_SPAN \
            else None

    def agent_group(self, match: Match) -> Group | None:
        """The doer named after "على يد", "برصاص", "من قبل" (coded or not: "برصاص مسلحين")."""
        for group in self.groups:
            if group.prep == "agent" and match.start < group.start <= match.words[-1] + TARGET_WINDOW:
                return group
            if group.prep == "من" and (not match.verbal or len(match.words) > 1) \
                    and self.words.prev_word(group.start - 1) == \
                    match.words[-1] + 1 and group.members[0].kind not in ("place", "capital") \
                    and (group.coded or group.members[0].sector in ARMED):
                return group  # "تعرضت لهجوم من مسلحين", "غارات من الطيران X": the doer of the act named
        return None


def _counted(att: Attacher, head: int, group: Group) -> bool:
    """Is the group counted people ("35 فلسطينيا", "عشرات المدنيين"), hence a victim?"""
    for j in range(head + 1, group.start + 1):
        text = att.words.texts[j]
        if text[:1].isdigit() or not att.words.forms[j].all.isdisjoint(att.agents.quantities):
            return True
    return False


def _is_patient(att: Attacher, match: Match, group: Group, noun: bool) -> bool:
    if match.entry.type not in VIOLENT_TYPES:
        return False
    if noun:
        return match.entry.cameo in PATIENT_CAMEOS or group.members[0].kind == "place"
    first = group.members[0]
    people = first.kind == "demonym" and first.sector not in ARMED
    return _counted(att, match.words[0], group) or people or first.kind == "place"


@dataclass(frozen=True, slots=True)
class Roles:
    source: Group | None
    target: Group | None
    between: Group | None = None
    explicit: bool = False  # the source was found in this sentence (not carried over)
    source_how: str | None = None  # how each was found (see HOW)
    target_how: str | None = None


# How an actor was found, for the analyst who filters events (Event.how):
HOW = {
    "subject": "the subject of the trigger verb (before or after it)",
    "relative": "the noun a relative clause describes (الجنود الذين اقتحموا)",
    "genitive": "the genitive or adjective of a verbal noun (زيارة الرئيس، غارات إسرائيلية)",
    "agent": "the doer after على يد، برصاص، من قبل",
    "verb": "the subject of the verb that governs the noun trigger in the same sentence, or the actor just before the noun",
    "support": "the subject of a support verb before the verbal noun (شن، نفذ، أجرى، قام بـ)",
    "speaker": "who speaks in the sentence (a verb of saying, a headline's STATE:)",
    "possessive": "the actor a verbal noun's pronoun points back to (زيارته، لقائها): the nearest before it, else the one carried from before",
    "continued": "the subject carried from an earlier sentence (no subject of its own)",
    "object": "the object after the trigger, with or without a preposition",
    "victim": "the people or place hit by a violent act",
    "located": "the state where an attack or protest took place, no other target named",
    "between": "one side of بين X و Y, or of adjectives side by side",
    "joint": "joint subjects acting towards each other",
    "giver": "who gives the support or aid a noun names, after من (بدعم من X)",
    "recipient": "the actor before a noun of support or aid whose giver is named after it",
}


def _no_object(att: Attacher, after: int) -> bool:
    """Does the clause go on without a direct object after word `after` (a preposition, a stop or
    the end next)? A verb of killing then reads as passive: "جنديان قتلا بانفجار", "قتل جندي في"."""
    words, agents = att.words, att.agents
    for j in range(after, len(words)):
        if words.stop[j]:
            return True
        if not words.is_word(j):
            if words.texts[j][:1].isdigit():
                return False  # "قتلوا 5 مدنيين"
            continue
        if j in att.trigger_words:
            return True  # another act follows: "two were killed and a third wounded"
        forms = words.forms[j].all
        if not forms.isdisjoint(agents.skip):
            continue
        if words.norms[j].lstrip("وف")[:1] == "ب" and _counted_next(att, j):
            return False  # "قتلت القوات بالرصاص عشرات المحتجين": the means, then the object
        if not forms.isdisjoint(agents.target_preps | agents.locative_preps | agents.agent_markers):
            return True
        if any(g.start == j and g.prep is None for g in att.groups) or not forms.isdisjoint(agents.quantities):
            return False
        if starts_with_and(words, j):
            return True  # "قتل شرطي وجرح آخر": another clause follows
        return words.norms[j].lstrip("وف")[:1] in ("ب", "ل")  # "بانفجار", "لدى": a preposition
    return True


INSTRUMENT_SPAN = 2  # words after a means phrase (بالرصاص الحي) where a counted object may stand


def _counted_next(att: Attacher, j: int) -> bool:
    """Do counted people (a number, "عشرات") follow within a few words of word j?"""
    words, seen = att.words, 0
    for k in range(j + 1, len(words)):
        if words.stop[k] or seen == INSTRUMENT_SPAN:
            return False
        if words.texts[k][:1].isdigit() or not words.forms[k].all.isdisjoint(att.agents.quantities):
            return True
        seen += words.is_word(k)
    return False


def _passive(att: Attacher, match: Match, subject: Group) -> bool:
    """A verb of killing whose subject is followed by no object: the subject was killed."""
    if not match.verbal or not match.entry.cameo.startswith(KILLING) or match.entry.type not in VIOLENT_TYPES:
        return False
    after = max(match.words[-1], subject.end - 1) + 1
    return _no_object(att, after)


def _subject(att: Attacher, match: Match) -> tuple[Group | None, Group | None, str | None]:
    """(doer, victim, how the doer was found) named next to the trigger: SVO, VSO, the genitive of a
    noun, the doer of a passive after "على يد"/"برصاص"."""
    head, noun = match.words[0], not match.verbal
    rel = att.relative(head) if not noun else None
    if rel is not None:
        return _relative_roles(att, match, rel)
    if not noun and att.pronoun_object(match):  # "اهتمام ترحب به مصر": the pronoun is the object, مصر the subject
        found = att.subject_after(att.words.next_word(head + 1) or head, match, False)
        if found is not None and found.coded:
            return found, None, "subject"
    conjoined = not noun and starts_with_and(att.words, head)  # "… قرية حدودية وقتلت": not the object before
    source = att.subject_before(head, match) if not noun and not conjoined else None
    if source is not None and att.comma_between(source.end, head) and not att.clause_initial(source):
        after = att.subject_after(head, match, False)
        if after is not None and after.coded and not _is_patient(att, match, after, False):
            source = None  # VSO: the subject named right after the verb, not a noun ending the phrase before
    before = att.words.prev_word(head - 1)
    if source is not None and before is not None and source.end == before + 1 and att.named_venue(source):
        return None, None, None  # "مؤتمر روما يدعو X": the gathering speaks, X is its object
    patient = None
    that = att.pronoun_subject(head) if not noun and source is None else None
    if that is not None:  # "أعلنت X أنها ترفض Y": the pronoun is the subject, Y the object
        owner = att.pronoun_owner(that)
        return owner, None, "speaker" if owner is not None else None
    lam = att.lam_subject(head) if not noun and source is None else None
    if lam is not None:  # "سبق للجزائر أن استدعت السفير": the actor after ل does the act after أن
        return lam, None, "subject"
    if source is None and not noun and (att.noun_subject(head) or (not conjoined and att.describes_act(head))):
        return None, None, None  # "الرسالة دعت الجانب الكندي": a subject that is no actor, the object after
    if source is None and not noun and not conjoined and att.indefinite_subject(head):
        # "أصدرت مصر بيانا يدين X", "قدمت فرنسا مشروع قرار يدعو X": the statement is that of the subject
        # just before it (its noun at most two words long), X its object
        owner = next((g for g in reversed(att.groups) if g.end < head), None)
        if owner is None or not owner.coded or owner.prep is not None or owner.end < head - 3:
            owner = None
        return owner, None, "verb" if owner is not None else None
    if source is None:
        # a verb with a plural subject suffix has its subject before it or in itself: what follows is
        # its object ("أعضاء المجلس سيزورون بورما وبنغلادش"; a verb before its subject stays singular)
        plural = match.verbal and match.form.endswith(PLURAL_ENDINGS)
        found = att.subject_after(head, match, noun) if not plural else None
        if found is None and len(match.words) > 1:  # "أعرب عن دعم الحكومة الإسبانية"
            found = att.subject_after(match.words[-1], match, True)
            if found is not None and att.qualifies(match.words[-1], found):
                found = None  # "طرد 23 دبلوماسياً روسياً": the adjective is the object's, who is expelled
        if found is None and not noun:
            doer = att.act_subject(head)
            if doer is not None:  # "استهدفت غارات إسرائيلية مواقع": the act's doer does what its act does
                return doer, None, "subject"
        if found is not None and _is_patient(att, match, found, noun):
            patient = found
        else:
            source = found
    if source is not None and _passive(att, match, source):
        source, patient = None, source
    agent = att.agent_group(match) if match.entry.type in VIOLENT_TYPES else None
    if agent is not None:
        patient = patient or source
        source = agent
        return source, patient, "agent"
    return source, patient, ("genitive" if noun else "subject") if source is not None else None


def _relative_roles(att: Attacher, match: Match, rel: int) -> tuple[Group | None, Group | None, str | None]:
    """A verb right after الذي/التي/الذين: the noun before the pronoun is its doer ("الجنود الذين
    اقتحموا القرية"), its victim when the verb reads as passive ("الذين قتلوا في الهجوم"), its object
    when the verb or a later word of the trigger carries a pronoun for it, the subject then following
    ("المدينة التي قصفتها X", "الدولة التي علقت X عضويتها")."""
    antecedent = att.antecedent(rel)
    prep = att.resumptive_prep(match)
    resumptive = att.resumptive(match.words[0])
    owned = any(possessive_pronoun(att.words, w) for w in match.words[1:])  # "سوريا التي علقت الجامعة عضويتها"
    if resumptive or prep is not None or owned:
        # the subject follows: right after the verb, or after the preposition that carries the pronoun
        found = att.subject_after(match.words[0], match, False)
        if found is None and prep is not None:
            found = att.group_at(att.words.next_word(prep + 1))
        if found is not None or resumptive or prep is not None:
            return found, antecedent, "subject" if found is not None else None
        # no subject after the verb: the pronoun is the doer's own ("الحكومة التي علقت عضويتها")
    if antecedent is None:
        return None, None, None
    if _passive(att, match, antecedent):
        return None, antecedent, None
    return antecedent, None, "relative"


def _condemned_act(att: Attacher, after: int) -> Match | None:
    """The violent act named as the object after word `after` ("أدانت مصر الهجوم على …"), if any."""
    listed = {g.start: g.end for g in att.groups if g.members[0].conj}  # "أدانت مصر والأردن والسعودية"
    j = att.words.next_word(after)
    while j is not None and j in listed:
        after, j = listed[j], att.words.next_word(listed[j])
    while j is not None and j - after < ACT_WINDOW and j not in att.acts and (
            att._skippable(j, None) or j in att.trigger_words
            or not att.words.forms[j].all.isdisjoint(att.agents.target_preps | att.agents.locative_preps)):
        if not att.words.forms[j].all.isdisjoint(att.agents.locative_preps):
            j = _next_past_quotes(att.words, j)  # "أدان البيت الأبيض في بيان "الهجمات": where it was said
            if j is None:
                break
        j = _next_past_quotes(att.words, j)  # "احتجاجا على مقتل …", "أدانت بشدة الهجوم", "خرجوا أمس للاحتجاج على"
    act = att.acts.get(j) if j is not None else None
    return act if act is not None and act.entry.type in VIOLENT_TYPES else None


def _next_past_quotes(words: SentenceWords, j: int) -> int | None:
    """The next word after word j, past quotation marks (which end a search elsewhere)."""
    k = j + 1
    while k < len(words.texts) and words.texts[k] in QUOTES:
        k += 1
    return words.next_word(k)


def _act_doer(att: Attacher, after: int) -> Group | None:
    """The doer of the act the object after word `after` names, if it is named: "أدانت مصر الهجوم
    الإسرائيلي", "… الهجوم الذي شنته إسرائيل", "… مقتل مدنيين برصاص القوات X"."""
    act = _condemned_act(att, after)
    if act is None:
        return None
    doer = next((g for g in att.groups if g.start == act.words[0] and g.coded), None)  # "الهجوم الأمريكي"
    if doer is None:
        doer = _subject(att, act)[0]
    if doer is not None and not doer.coded:
        doer = att._apposition(doer, act)  # "برصاص وحدات البعثة التي تقودها فرنسا"
    if doer is None or not doer.coded:
        doer = att.relative_support(act.words[-1])
    return doer if doer is not None and doer.coded else None


def _doer_of_act_in(att: Attacher, after: int) -> Group | None:
    """The doer of the act named right after word `after` with في or ب ("قتل جنديان في هجوم شنه X",
    "قتل ثلاثة بغارة إسرائيلية"): who killed them."""
    j = att.words.next_word(after)
    if j is not None and "في" in att.words.forms[j].all:
        j = att.words.next_word(j + 1)
    if j is None or j not in att.trigger_words or j not in att.acts:
        return None
    act = att.acts[j]
    doer = next((g for g in att.groups if g.start == act.words[-1] + 1 and g.coded
                 and g.members[0].kind == "demonym"), None)  # "بغارة إسرائيلية"
    if doer is None:
        doer = att.relative_support(act.words[-1])
    return doer if doer is not None and doer.coded else None


def find_roles(att: Attacher, match: Match, topic: Group | None, verb_source: Group | None = None) -> Roles:
    """Source and target of a trigger. `topic` is the subject carried from the sentence before;
    `verb_source` the subject of the verb before a noun trigger in this sentence ("وقع الصندوق
    الكويتي اتفاقية قرض": the fund gives the loan)."""
    head, noun = match.words[0], not match.verbal
    if match.entry.speaker:  # "the need to stop the aggression": the speaker accuses the aggressor named after it
        source = att.speaker(head) or topic
        target = att.subject_after(match.words[-1], match, True)  # the aggressor, not "على غزة"
        if match.entry.named:  # "قال الوزير إن العدوان الإسرائيلي": the speaker of this sentence, and a doer
            source = att.speaker(head)  # named right after the noun (not a place: "اعتداءات باريس"); else no event
            if source is None or target is None or not source.coded or not target.coded \
                    or target.members[0].kind in ("capital", "place", "placehead"):
                return Roles(None, None)
        return Roles(source, target, None, source is not None, "speaker" if source is not None else None,
                     "genitive" if target is not None else None)
    source, patient, source_how = _subject(att, match)
    possessive = noun and possessive_pronoun(att.words, head)
    if possessive and source_how == "genitive":
        source, source_how = None, None  # "زيارته الرئيس": the pronoun is the genitive, the noun after its object
    object_genitive = None
    before = att.words.prev_word(head - 1) if head else None
    if noun and source_how == "genitive" and source is not None and source.start > head \
            and (before is None or att.words.forms[before].all.isdisjoint(att._preps)):  # not "رد على اتهام X"
        doer = att.support_subject(head)
        if doer is not None and doer.coded and doer.end <= head:
            # "واصلت إسرائيل قصف غزة", "ردت إيران باتهام إسرائيل": the support verb's subject does the
            # act, the noun's genitive is what it is done to
            source, source_how, object_genitive = doer, "support", source
    own = None
    if source is not None and source_how in ("genitive", "subject") and att.own_noun(match, source):
        own, source, source_how = source, None, None  # "استدعاء السفير السويدي": the envoy summoned
    if match.entry.type in CONDEMNING and source is not None and source.start > head and source.start in att.acts:
        source, source_how = None, None  # "وأدان الهجوم الإيراني": the act condemned, not who condemns
    conjoined = match.verbal and starts_with_and(att.words, head)  # "اقتحمت القوات المخيم وقتلت": the same doer
    if conjoined and verb_source is not None and head >= START_WORDS and source is not None and source.start > head \
            and source_how == "subject" and not att.pronoun_object(match):
        source, source_how = verb_source, "verb"  # "نفى الوزير …، واتهم الولايات المتحدة": the actor after is the object
    listed = None  # the participants' list, the first named the source: none of them is the target
    if match.entry.type in PARTICIPANTS and (source is None or not source.coded):
        source = att.participants(match) or source  # "تجمع المحتجون من طلاب ماليزيين"
        listed = att.listed_with(source) if source is not None else None
    explicit = source is not None
    if source is not None and source is not verb_source:
        source = att._apposition(source, match)
    if source is not None and not source.coded:
        source = att.domestic(source, head)
    if (source is None or not source.coded) and noun:
        support = att.support_subject(head) or att.relative_support(match.words[-1])
        if support is not None and support.coded:
            source, explicit, source_how = support, True, "support"
    if (source is None or not source.coded) and (noun or conjoined) and verb_source is not None \
            and not (noun and (att.cause_between(verb_source.end, head)
                               or (match.entry.type in VIOLENT_TYPES and att.adverbial(head)))):
        # not past a cause ("هدد بضربة ردا على هجوم"), nor an attack told as the time of the act ("طلبت X
        # اجتماعا بعد إطلاق صواريخ"): that act is another's
        owner = att.owner_between(verb_source, head) if noun else None
        if owner is None:
            source, explicit, source_how = verb_source, True, "verb"
        elif att.owner_next_to(owner, head):
            source, explicit, source_how = owner, True, "verb"
    if source is None and possessive and match.entry.cameo in PATIENT_CAMEOS and patient is None:
        patient = att.owner_before(head)  # "إصابته برصاصة أطلقها جنود X": the one wounded, not the shooter
    elif source is None and possessive:
        # "أثناء زيارته إلى إثيوبيا", "خلال لقائها بالسفير": the noun's pronoun points back to its doer
        owner = att.owner_before(head)
        if owner is not None:
            source, explicit, source_how = owner, True, "possessive"
        elif topic is not None and topic.coded:
            source, source_how = topic, "possessive"
    if source is None or not source.coded:  # the one deciding, before the sentence's speaker
        decider = att.decider(head, noun)  # "قرار روسيا غير المبرر بطرد دبلوماسي", "عزمه فرض رسوم"
        if decider is not None:
            source, explicit, source_how = decider, True, "genitive"
    reporter = match.entry.type not in VIOLENT_TYPES  # who tells of an attack is seldom who made it
    if reporter and (source is None or (not source.coded and source.prep != "agent")):
        speaker = att.speaker(head)
        owner = att.owner_between(speaker, head) if speaker is not None and noun else None
        if owner is not None:  # "قال الوزير إن سلوك إيران في دعم الإرهاب": the noun is Iran's
            if att.owner_next_to(owner, head):
                source, explicit, source_how = owner, True, "verb"
        elif speaker is not None and speaker.coded:
            source, explicit, source_how = speaker, True, "speaker"
    if noun and match.entry.type in VIOLENT_TYPES and (source is None or not source.coded):
        doer = att.lam_doer(match)  # "غارات لطيران التحالف", "قصف مدفعي لقوات الجيش على مواقع X"
        if doer is not None:
            source, explicit, source_how = doer, True, "genitive"
    after = source.end if explicit and source is not None and source.start > head else head + 1
    if source is None and not noun and head < START_WORDS and topic is not None:
        source, source_how = topic, "continued"  # from the sentence before: its positions are not of this sentence
    if match.entry.type in CONDEMNING and patient is None:
        doer = _act_doer(att, after)
        if doer is not None or (match.entry.type == "ACCUSE" and _condemned_act(att, after) is not None):
            # the doer of the act condemned is the target, not its victim; with no doer named there is
            # none ("أدانت مصر والأردن الهجوم على السفارة الفرنسية" accuses neither France nor each other)
            return Roles(source, doer, None, explicit, source_how if source is not None else None,
                         "object" if doer is not None else None)
    if source is None and patient is not None and match.verbal and match.entry.type in VIOLENT_TYPES:
        doer = _doer_of_act_in(att, patient.end)
        if doer is not None:
            source, source_how = doer, "agent"
    if own is not None and source is not None and source.coded \
            and {a.code for a in own.coded} <= {a.code for a in source.coded}:
        # one's own envoy recalled ("استدعاء السفير الأردني في بغداد" told by Jordan): the act goes to the state
        # of the post, and it is no summons of a foreign envoy to protest
        if match.entry.type == "ACCUSE":
            return Roles(None, None)
        own = att.post_after(own)
    # the verb's subject stands in the sentence: by name or as the pronoun after أن ("إنه يعتقل")
    named = source_how == "subject" or (match.verbal and att.pronoun_subject(head) is not None)
    target, target_how = (patient, "victim") if patient is not None else (own or object_genitive
                                                                          or att.target(match, after, listed or source,
                                                                                        named),
                                                                          "object")
    if patient is not None and not patient.coded:  # unnamed people killed in a state: the state is hit
        where = att.target(match, after, source)
        if where is not None and where.members[0].kind in ("state", "capital", "place") \
                and not any(m.sector in ARMED for m in where.members):  # "للقوات السعودية" is who, not where
            target, target_how = where, "located"
    if target is not None and target_how == "object" and target.prep in att.agents.locative_preps:
        target_how = "located"
    between = att.between(match) if match.entry.type in JOINT_TYPES or match.entry.joint else None
    if between is not None and match.entry.mode == THIRD_PARTY:
        # "توسط X بين Y و Z": the mediator acts on each side (CAMEO 045); the sides do not meet by it
        mediator = source is not None and source.coded and not {a.code for a in source.coded} <= {
            a.code for a in between.coded}
        if mediator:
            target, target_how = between, "between"
        between = None
    if between is not None and noun and source is not None and source.start < head \
            and between.start - match.words[-1] <= BETWEEN_GAP:
        source = None  # "رحبت X بالاتفاق بين Y و Z": the agreement is between Y and Z, X speaks of it
    giver = att.giver(match) if match.entry.type in GIVING_TYPES else None
    if giver is not None:  # "تقدم الجيش بدعم من X", "حصلت Y على مساعدات من X": X gives, to the actor before
        recipient = att.recipient(head)
        return Roles(giver, recipient, None, True, "giver", "recipient" if recipient is not None else None)
    if match.entry.swap and (source is None or not source.coded):
        host = att.venue(match, after)  # the host of a visit is the state it takes place in
        if host is not None:
            source, source_how = host, "located"
    if match.entry.swap:
        source, target = target, source
        source_how, target_how = target_how, source_how
    return Roles(source, target, between, explicit, source_how if source is not None else None,
                 target_how if target is not None else None)


def settle_located(matches: list[Match], roles: list[Roles]) -> list[Roles]:
    """One act told with several triggers ("قتل جنديان كنديان في هجوم جنوب مالي") has one target:
    when a trigger of the type names the victims, the place where another of its triggers happened is
    not a second target."""
    named = {m.entry.type for m, r in zip(matches, roles, strict=True)
             if r.target is not None and r.target.coded and r.target_how == "victim"}
    if not named:
        return roles
    return [replace(r, target=None, target_how=None) if r.target_how == "located" and m.entry.type in named
            and not m.entry.swap else r for m, r in zip(matches, roles, strict=True)]


def pairs_of(roles: Roles, joint: bool) -> list[tuple[Actor | None, Actor | None, str | None, str | None]]:
    """(source, target, how the source was found, how the target was) actor pairs: each source member
    towards each target member; joint subjects towards each other when there is no target; "بين X و
    Y" both ways."""
    source, target = roles.source, roles.target
    if roles.between is not None and (source is None or not source.coded
                                      or {a.code for a in source.coded} <= {b.code for b in roles.between.coded}):
        sides = roles.between.coded
        return [(a, b, "between", "between") for a in sides for b in sides if a.code != b.code]
    sources = list(source.coded or source.members[:1]) if source else [None]
    if target is None and joint and source is not None and len({a.code for a in source.coded}) >= 2:
        return [(a, b, roles.source_how, "joint") for a in source.coded for b in source.coded if a.code != b.code]
    targets = list(target.coded or target.members[:1]) if target else [None]
    return [(a, b, roles.source_how, roles.target_how) for a in sources for b in targets]
