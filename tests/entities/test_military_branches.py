"""A state's military branch named by its head and the state's adjective ("سلاح الجو الأردني",
"القوات البحرية المغربية"): a state institution (data/institutions.tsv)."""

from __future__ import annotations

import datetime as dt

from khabar.pipeline import read


def test_military_branch_with_a_state_is_an_institution_of_that_state():
    article = read("وأعلن سلاح الجو الأردني أن طائراته شاركت في التدريبات، فيما رافقتها القوات البحرية"
                   " المغربية قرب السواحل.", date=dt.date(2019, 5, 1))
    found = {m.text: (m.type, m.name_en, m.country) for m in article.mentions}
    assert found["سلاح الجو الأردني"] == ("ORG", "Air Force (Jordan)", "JOR")
    assert found["القوات البحرية المغربية"] == ("ORG", "Navy (Morocco)", "MAR")
    # the branch without a state is read only through an earlier mention of it
    article = read("ونفذ سلاح الجو غارات على مواقع في المنطقة.", date=dt.date(2019, 5, 1))
    assert not [m for m in article.mentions if "سلاح" in m.text]
