"""Small corpora the tests write: hand-made dispatches (with a near-duplicate pair, an exact copy,
a repeated URL and bad inputs) and a generator of many distinct ones, for speed-free store tests."""

from __future__ import annotations

import json
from pathlib import Path

# (id, outlet, date, url, text). Glosses: Kuwait FM meets GCC secretary general; Saudi–Kuwaiti
# statement on a gas field (and the same dispatch reprinted with one word changed); Emirati aid to
# Sudan; protest in Paris; Qatari mediation; US sanctions on Iran (twice under one URL).
DISPATCHES = [
    ("kuna-1", None, "2024-05-12", "https://kuna.test/1",
     "وزير الخارجية الكويتي يبحث مع الأمين العام لمجلس التعاون التحضيرات للاجتماع الوزاري\n\n"
     "الكويت - 12 - 5 (كونا) -- بحث وزير الخارجية الكويتي مع الأمين العام لمجلس التعاون لدول الخليج "
     "العربية اليوم الأحد التحضيرات للاجتماع الوزاري المقبل للمجلس في الرياض.\n"
     "وتناول اللقاء العلاقات مع الولايات المتحدة وتطورات الأوضاع في المنطقة. (النهاية)"),
    ("spa-1", None, "2024-05-14", "https://spa.test/1",
     "المملكة والكويت تؤكدان ملكيتهما المشتركة لثروات حقل الدرة\n\n"
     "الرياض 06 ذو القعدة 1445 هـ الموافق 14 مايو 2024 م واس\n"
     "وقعت المملكة العربية السعودية ودولة الكويت اليوم محضر اجتماع لاستكمال الدراسات الفنية لتطوير "
     "حقل الدرة للغاز الواقع في المنطقة المغمورة المقسومة بين البلدين.\n"
     "وجدد الجانبان التأكيد على أن ملكية الثروات الطبيعية في المنطقة المقسومة مشتركة بين المملكة "
     "والكويت وحدهما، ورفضا أي ادعاءات بوجود حقوق لأي طرف آخر فيها.\n// انتهى //"),
    ("outlet-1", "sada", "2024-05-14", "https://sada.test/durra",
     "الرياض والكويت: ثروات حقل الدرة ملك للبلدين\n\n"
     "الرياض 06 ذو القعدة 1445 هـ الموافق 14 مايو 2024 م واس\n"
     "وقعت المملكة العربية السعودية ودولة الكويت اليوم محضر اجتماع لاستكمال الدراسات الفنية لتطوير "
     "حقل الدرة للغاز الواقع في المنطقة البحرية المقسومة بين البلدين.\n"
     "وجدد الجانبان التأكيد على أن ملكية الثروات الطبيعية في المنطقة المقسومة مشتركة بين المملكة "
     "والكويت وحدهما، ورفضا أي ادعاءات بوجود حقوق لأي طرف آخر فيها."),
    ("wam-1", None, "2024-05-16", "https://wam.test/1",
     "الإمارات تقدم 100 مليون دولار لدعم الاستجابة الإنسانية في السودان\n\n"
     "أبوظبي في 16 مايو / وام / أعلنت دولة الإمارات اليوم تقديم 100 مليون دولار لدعم خطة الاستجابة "
     "الإنسانية في السودان والدول المجاورة التي تستضيف اللاجئين.\n"
     "ودعت الإمارات الأطراف المتحاربة إلى وقف فوري لإطلاق النار وبالولايات المتضررة خاصة."),
    ("afp-1", None, "2024-05-14", "https://afp.test/1",
     "آلاف الطلاب يتظاهرون في باريس\n\n"
     "باريس، 14 مايو (أ ف ب) - تظاهر آلاف الطلاب الثلاثاء في باريس تضامنا مع الفلسطينيين، مطالبين "
     "الحكومة الفرنسية بالضغط من أجل وقف إطلاق النار.\n"
     "وانتشرت الشرطة بأعداد كبيرة حول الجامعات."),
    ("qna-1", None, "2024-05-12", "https://qna.test/1",
     "قطر تؤكد استمرار جهود الوساطة\n\n"
     "الدوحة في 12 مايو /قنا/ أكدت دولة قطر اليوم استمرار جهود الوساطة للتوصل إلى اتفاق لوقف إطلاق "
     "النار في قطاع غزة.\nوقال المتحدث باسم وزارة الخارجية إن المفاوضات تمر بمرحلة حساسة."),
    ("afp-2", None, "2024-05-16", "https://afp.test/2",
     "واشنطن تفرض عقوبات جديدة على إيران\n\n"
     "واشنطن، 16 مايو (أ ف ب) - فرضت الولايات المتحدة الخميس عقوبات جديدة على شركات متهمة بدعم "
     "برنامج الطائرات المسيرة الإيراني.\nوندد المتحدث باسم الخارجية الإيرانية بالعقوبات."),
    ("afp-2-update", None, "2024-05-16", "https://afp.test/2",
     "واشنطن تفرض عقوبات جديدة على إيران (محدث)\n\n"
     "واشنطن، 16 مايو (أ ف ب) - فرضت وزارة الخزانة الأمريكية الخميس عقوبات على شبكة لشراء "
     "مكونات إلكترونية في عدة دول.\nوقالت الوزارة إن الشبكة تمد طهران بقطع للمسيرات."),
]
EXACT_COPY = ("reprint-kuna-1", "marsad", "2024-05-12", "https://marsad.test/kuna-1", DISPATCHES[0][4])
BAD_FILES = {"empty.txt": b"", "scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)),
             "notice.txt": b"The office is closed on Friday. Dispatches will follow on Saturday morning.\n"}

PLACES = ("الكويت", "الرياض", "الدوحة", "المنامة", "مسقط", "عمان", "القاهرة", "بغداد", "بيروت", "تونس")
TOPICS = ("الطاقة المتجددة", "الأمن الغذائي", "النقل البحري", "التعليم العالي", "الصحة العامة", "السياحة",
          "المياه", "الاتصالات", "الزراعة", "الاستثمار", "الثقافة", "الرياضة", "الإسكان", "الصناعة")
SIDES = ("الكويتي", "السعودي", "القطري", "البحريني", "العماني", "الأردني", "المصري", "العراقي", "اللبناني")


def write_dispatches(folder: Path, *, bad: bool = True, copy: bool = True) -> list[Path]:
    """The hand-made dispatches as JSONL (one outlet file per outlet) and bad files; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = DISPATCHES + ([EXACT_COPY] if copy else [])
    paths = []
    for name, outlet in (("wire", None), ("sada", "sada"), ("marsad", "marsad")):
        lines = [json.dumps({"id": i, "outlet": o, "date": d, "url": u, "text": t}, ensure_ascii=False)
                 for i, o, d, u, t in rows if o == outlet]
        if lines:
            path = folder / f"{name}.jsonl"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
    if bad:
        for name, data in BAD_FILES.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
    return paths


def generated_text(i: int) -> str:
    """A distinct short dispatch number `i` (places, topics and figures vary with i)."""
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i // len(PLACES)) % len(TOPICS)]
    side, other = SIDES[i % len(SIDES)], SIDES[(i // 3 + 1) % len(SIDES)]
    return (f"بحث التعاون في مجال {topic} رقم {i}\n\n"
            f"{place} - {1 + i % 28} - 5 (كونا) -- بحث الوزير {side} اليوم مع نظيره {other} سبل تعزيز التعاون "
            f"في مجال {topic} وخطة عمل تمتد {3 + i % 7} سنوات بقيمة {100 + i} مليون دولار.\n"
            f"واتفق الجانبان على عقد اجتماع للجنة المشتركة رقم {i * 7 % 1000} في {PLACES[(i + 3) % len(PLACES)]} "
            f"خلال الشهر المقبل لمتابعة مشاريع {TOPICS[(i + 5) % len(TOPICS)]}. (النهاية)")


def write_generated(path: Path, count: int, start: int = 0) -> Path:
    """`count` generated dispatches as one JSONL file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(start, start + count):
            record = {"id": f"gen-{i}", "date": "2024-05-01", "url": f"https://gen.test/{i}",
                      "text": generated_text(i)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def ingest_all(paths: list[Path] | list[str], db: Path, runner=None, **options):
    """Run an ingest to its end (one process unless `runner`); the last progress event. Given
    `batch_pages`, each batch is written in its own transaction unless `write_articles` says otherwise."""
    from khabar.run.local import LocalRunner
    from khabar.store.ingest import ingest

    if options.get("batch_pages") and "write_articles" not in options:
        options["write_articles"] = options["batch_pages"]

    last = None
    for progress in ingest([str(p) for p in paths], db, runner=runner or LocalRunner(1), count=False, **options):
        last = progress
    return last


def store_stats(db: Path) -> dict[str, int]:
    from khabar.store.db import open_store
    from khabar.store.queries import stats

    conn = open_store(db)
    try:
        return stats(conn)
    finally:
        conn.close()


def store_ids(db: Path) -> dict[str, list]:
    """Article ids with their story and duplicate links, copies and errors: what must not differ."""
    from khabar.store.db import open_store

    conn = open_store(db)
    try:
        return {
            "articles": conn.execute("SELECT id, story_id, duplicate_of FROM articles ORDER BY id").fetchall(),
            "copies": conn.execute("SELECT source, position, page_id, article_id FROM copies ORDER BY 1, 2, 3")
            .fetchall(),
            "errors": conn.execute("SELECT source, position, page_id, reason FROM errors ORDER BY 1, 2, 3").fetchall(),
            "events": conn.execute("SELECT a.id, ev.n, ev.type FROM events ev JOIN articles a ON a.num = ev.article_num ORDER BY 1, 2").fetchall(),
        }
    finally:
        conn.close()
