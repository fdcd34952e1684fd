"""How far a verbal noun reaches for its object, and the place a visit noun governs. Wording composed
for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read
from tests.events.conftest import dyads


def _events(text: str):
    return read(text, plain=True).events


# -- a prepositional phrase far after a verbal noun belongs to a later noun or verb, not to the noun
@pytest.mark.parametrize("text", [
    "وأسفر اجتماع رئيسة الوزراء مع وزرائها أمس عن خطة جديدة تهدف إلى الحفاظ على علاقة تجارية وثيقة مع الاتحاد الأوروبي.",
    "وانتهت الزيارة بعد يومين من المشاورات في ملفات الطاقة والأمن ومكافحة الإرهاب والعلاقات مع إيران.",
])
def test_far_phrase_is_not_the_object_of_a_verbal_noun(text):
    events = _events(text)
    assert all(e.target is None for e in events if e.type == "CONSULT")


def test_near_phrase_is_the_object_of_a_verbal_noun():
    events = _events("وتناول اجتماع وزير الخارجية المصري أمس في القاهرة مع نظيره الأردني أزمة المياه.")
    assert ("EGY", "JOR") in dyads(events, "CONSULT")


def test_an_actor_counts_once_however_long_its_name():
    events = _events("ورحبت الكويت بالدعوة التي وجهت إلى أمير البلاد الشيخ نواف الأحمد الجابر الصباح من الرئيس "
                     "الفرنسي إيمانويل ماكرون لحضور المؤتمر.")
    assert ("KWT", "FRA") in dyads(events, "REQUEST")


# -- the place a visit noun governs is the state visited (CAMEO 042), as the place a visit verb governs
@pytest.mark.parametrize("place,state", [("طهران", "IRN"), ("العاصمة الأردنية عمان", "JOR")])
def test_visit_noun_with_a_place_targets_its_state(place, state):
    events = _events(f"وقام وفد عراقي رفيع بزيارة {place} يوم الأحد لبحث التعاون في مجال الطاقة.")
    assert ("IRQ", state) in dyads(events, "CONSULT")


def test_summit_named_after_its_city_still_has_no_target_there():
    events = _events("وأكد الرئيس الأميركي أن قمة هلسنكي كانت ناجحة.")
    assert all(e.target != "FIN" for e in events)
