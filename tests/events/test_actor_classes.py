"""Classes of attachment added for issue 13, in wording composed for these tests (never the
development sentences): a verb that describes the act named before it, and properties (clause
order, passive and active, one more member in a list)."""

from __future__ import annotations

from khabar.pipeline import read
from tests.events.conftest import code, dyads


def _events(text: str):
    return read(text, plain=True).events


# -- a verb describing an act noun before it ("هجوم … استهدف X"): the act is its subject, X its object
def test_verb_describing_an_attack_takes_the_actor_after_it_as_object():
    events = code("وأصيب خمسة أشخاص في هجوم انتحاري بسيارة مفخخة استهدف دورية للجيش الفرنسي شمال مالي.")
    assert all(e.source != "FRA" for e in events if e.type == "ASSAULT")
    assert any(e.target == "FRA" for e in events if e.type == "ASSAULT")


def test_verb_describing_a_bombing_does_not_make_the_hit_patrol_its_doer():
    events = code("قتل ثلاثة جنود أتراك في انفجار عبوة ناسفة استهدفت دوريتهم قرب الحدود.")
    assert all(e.source != "TUR" for e in events if e.type == "ASSAULT")
    assert any(e.target == "TUR" for e in events if e.type == "ASSAULT")


def test_named_actor_before_the_verb_stays_its_subject():
    events = code("قالت مصادر محلية إن طائرات إسرائيلية استهدفت موقعا للجيش السوري قرب دمشق.")
    assert ("ISR", "SYR") in dyads(events, "ASSAULT")


# -- a call for something in a state is addressed to that state
def test_call_for_change_in_a_state_targets_that_state():
    events = code("ودعت فرنسا أمس إلى إجراء انتخابات حرة ونزيهة في فنزويلا.")
    assert ("FRA", "VEN") in dyads(events, "REQUEST")


def test_call_made_from_a_city_does_not_target_its_state():
    events = code("ودعت فرنسا أمس في بروكسل إلى وقف القتال.")
    assert all(e.target is None for e in events if e.type == "REQUEST")
