"""Resources: built once per process and knowledge base, handed to every step; the user's knowledge-base
files reach every stage; the word table keeps one string and one answer per word form."""

from __future__ import annotations

from khabar.pipeline import Pipeline, default_pipeline, default_steps
from khabar.resources import Resources, WordTable
from khabar.settings import Settings
from khabar.sources.page import RawPage

# A person no packaged table knows (made up for the test), as a user would add one.
LEADERS = ("qid\tname_en\tnames_ar\tcountry\torg\trole\ttitle_ar\tstart\tend\tnote\n"
           "Q4115189\tSalim Qaddourani\tسالم القدوراني|القدوراني\tJOR\t\tforeign_minister\tوزير الخارجية\t2020-01-01\t\t\n")
PAGE = ("عمان 3 مايو (بترا) -- قال سالم القدوراني إن بلاده ترفض أي تصعيد في المنطقة.\n"
        "وأضاف القدوراني: «نحن ندعو إلى الحوار بين جميع الأطراف».\n")


def _user_kb(tmp_path) -> str:
    path = tmp_path / "people.tsv"
    path.write_text(LEADERS, encoding="utf-8")
    return str(path)


def test_a_person_in_the_users_kb_is_found_linked_and_named_as_speaker(tmp_path) -> None:
    settings = Settings(kb_files=(_user_kb(tmp_path),), reference_date=None)
    pipeline = default_pipeline(settings)
    article = pipeline.read_page(RawPage(id="p", text=PAGE, origin="p"))
    linked = [m for m in article.mentions if m.id == "Q4115189"]
    assert linked and all(m.name_en == "Salim Qaddourani" and m.country == "JOR" for m in linked)
    assert [q.speaker_en for q in article.quotes] == ["Salim Qaddourani"]
    plain = default_pipeline(Settings()).read_page(RawPage(id="p", text=PAGE, origin="p"))
    assert not [m for m in plain.mentions if m.id == "Q4115189"]  # the packaged KB alone does not know him


def test_the_knowledge_base_is_built_once_per_process_and_files(tmp_path) -> None:
    settings = Settings(kb_files=(_user_kb(tmp_path),))
    pages = [RawPage(id=f"p{i}", text=PAGE, origin="p") for i in range(5)]
    for batch in (1, 3):  # two pipelines, several batches and articles
        pipeline = Pipeline(default_steps(settings), Settings(kb_files=settings.kb_files, batch=batch))
        list(pipeline.read_pages(pages))
    builds = Resources(settings).builds
    assert builds["khabar.kb.knowledge_base"] == 1
    assert all(count == 1 for count in builds.values()), builds


def test_resources_build_each_resource_once_and_a_private_shelf_keeps_its_own() -> None:
    made: list[int] = []

    def table(resources: Resources) -> dict:
        made.append(1)
        return {"built": len(made)}

    shared, other = Resources(), Resources()
    assert shared.get(table) is other.get(table) is shared.get(table)
    private = Resources(shared=False)
    assert private.get(table) is not shared.get(table)
    assert len(made) == 2


def test_word_table_gives_one_string_per_form_and_forgets_everything_together() -> None:
    table = WordTable(limit=3)
    first = table.intern(["قال", "الوزير"])
    second = table.intern(["".join(["ق", "ال"]), "الوزير"])
    assert second[0] is first[0] and second[1] is first[1]
    calls: list[str] = []
    length = table.column(lambda w: calls.append(w) or len(w))
    assert length.many(["قال", "قال", "الوزير"]) == [3, 3, 6]
    assert calls == ["قال", "الوزير"]  # each form worked out once
    for word in ("a", "b", "c"):
        length(word)
    assert len(length.known) <= 3  # at the limit the table starts afresh, columns and strings together


def test_word_table_keeps_few_forms_without_an_arabic_letter_and_answers_them_all() -> None:
    table = WordTable(limit=100, foreign_limit=3)
    calls: list[str] = []
    length = table.column(lambda w: calls.append(w) or len(w))
    foreign = [chr(0x4E00 + n) * (n % 3 + 1) for n in range(20)]  # random text: every form new
    assert length.many([*foreign, *foreign]) == [len(w) for w in foreign] * 2
    kept = [w for w in foreign if w in length.known]
    assert kept == foreign[:3]  # the first few, then answers worked out and not kept
    assert len(calls) == 3 + 2 * 17
    arabic = ["قال", "الوزير", "اليوم", "أمس", "وزارة"]
    assert length.many(arabic) == [3, 6, 5, 3, 5] and all(w in length.known for w in arabic)
    table.clear()
    length("x")
    assert "x" in length.known  # the count starts afresh with the table


def test_a_text_longer_than_the_word_table_is_not_interned() -> None:
    table = WordTable(limit=3)
    words = ["".join(["ق", "ال"]), "في", "بيان", "له"]
    assert table.intern(words) is words and not table.strings
    assert table.intern(words[:2]) == words[:2] and len(table.strings) == 2


def test_a_person_in_the_users_kb_is_coded_as_an_event_actor(tmp_path) -> None:
    from khabar.events import code_events

    text = "التقى سالم القدوراني وزير الخارجية الفرنسي في باريس أمس لبحث العلاقات الثنائية.\n"
    page = RawPage(id="e", text=text, origin="e")
    settings = Settings(kb_files=(_user_kb(tmp_path),), reference_date=None)
    pipeline = default_pipeline(settings)
    article = pipeline.read_page(page)
    assert any({e.source, e.target} == {"JOR", "FRA"} for e in article.events if e.type == "CONSULT")
    article.mentions = []  # the event stage's own names: its gazetteer holds the user's person too
    code_events(article, pipeline.resources)
    assert any({e.source, e.target} == {"JOR", "FRA"} for e in article.events if e.type == "CONSULT")
    code_events(article, Resources())  # the packaged knowledge base alone does not know him
    assert not any("JOR" in (e.source, e.target) for e in article.events)
