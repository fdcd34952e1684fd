"""Pages of sport, culture or technology (text/section.py): a state's name there stands for a team
or a host, and codes an event between states only as an agent of the state. Wording composed for
these tests."""

from __future__ import annotations

from khabar.pipeline import read
from khabar.resources import Resources
from khabar.text.section import page_stems, section_model
from khabar.text.tokens import tokenize

MATCH_REPORT = (
    "فاز المنتخب الإيطالي على نظيره الإسباني بهدفين مقابل هدف في المباراة التي جرت مساء أمس على ملعب "
    "الأولمبيكو ضمن منافسات المجموعة الثالثة من تصفيات كأس العالم. وسجل المهاجم هدف الفوز في الدقيقة "
    "الثمانين من ركلة جزاء، بعد أن تعادل الفريقان في الشوط الأول. وقال مدرب المنتخب بعد اللقاء إن "
    "اللاعبين قدموا أداء رائعا رغم غياب عدد من النجوم بسبب الإصابة. ويحتل المنتخب صدارة المجموعة "
    "برصيد عشر نقاط، ويلتقي في الجولة المقبلة منتخب البرتغال على ملعبه. وهنأت إيطاليا اللاعبين بالفوز، "
    "واتهمت إسبانيا الحكم بالانحياز في احتساب ركلة الجزاء، ورفضت البرتغال تغيير موعد المباراة."
)
POLITICS = (
    "اتهمت وزارة الخارجية الإيطالية الحكومة الإسبانية بخرق الاتفاق الموقع بين البلدين حول الهجرة، "
    "وقالت في بيان إن مدريد لم تلتزم بتعهداتها بشأن استقبال المهاجرين الذين يصلون عبر البحر المتوسط. "
    "ودعا وزير الخارجية الإيطالي نظيره الإسباني إلى اجتماع عاجل في روما لبحث الأزمة، فيما أكد رئيس "
    "الوزراء أن بلاده لن تقبل تحميلها وحدها عبء الهجرة غير النظامية. ورفضت الحكومة الإسبانية "
    "الاتهامات، وأعلنت أنها ستعرض موقفها أمام البرلمان الأوروبي خلال الأسبوع المقبل. وهنأت إيطاليا "
    "البرتغال على موقفها، واتهمت إسبانيا إيطاليا بالتهرب من مسؤولياتها."
)


def _model():
    model = section_model(Resources())
    assert model is not None, "text/data/sections.json is missing: python tools/sections.py ../shared/data/ant-corpus --write"
    return model


def test_a_match_report_reads_as_soft_news_and_a_diplomatic_row_does_not():
    model = _model()
    assert model.soft(tokenize(MATCH_REPORT).keys())
    assert not model.soft(tokenize(POLITICS).keys())


def test_a_single_sentence_is_too_short_to_judge():
    sentence = "فاز المنتخب الإيطالي على نظيره الإسباني بهدفين مقابل هدف في المباراة."
    assert len(page_stems(tokenize(sentence).keys())) < _model().min_words
    assert not _model().soft(tokenize(sentence).keys())


def test_states_named_as_teams_code_no_events_between_states():
    events = read(MATCH_REPORT, plain=True).events
    assert not [e for e in events if e.source and e.target]
    assert not [e for e in events if e.source in ("ITA", "ESP", "PRT") or e.target in ("ITA", "ESP", "PRT")]


def test_the_same_acts_on_a_political_page_are_coded():
    events = read(POLITICS, plain=True).events
    assert any(e.type == "ACCUSE" and (e.source, e.target) == ("ITA", "ESP") for e in events)


def test_an_agent_of_a_state_acts_for_it_on_a_soft_page():
    text = MATCH_REPORT + " واعتقلت الشرطة الإسبانية عشرة مشجعين إيطاليين بعد أعمال شغب قرب الملعب."
    events = read(text, plain=True).events
    assert any(e.type == "COERCE" and e.source == "ESP" for e in events)
