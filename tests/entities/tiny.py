"""A three-sentence labelled corpus (written for the tests) that the tagger tests train on."""

TINY = [
    [("زار", "O"), ("سمير", "B-PERS"), ("الخطيب", "I-PERS"), ("مدينة", "O"), ("حلب", "B-LOC"), (".", "O")],
    [("التقى", "O"), ("رامي", "B-PERS"), ("نصار", "I-PERS"), ("وفد", "O"), ("شركة", "O"), ("النور", "B-ORG"),
     ("في", "O"), ("عمان", "B-LOC"), (".", "O")],
    [("أعلنت", "O"), ("جامعة", "B-ORG"), ("الفجر", "I-ORG"), ("أن", "O"), ("ليلى", "B-PERS"), ("حداد", "I-PERS"),
     ("ستزور", "O"), ("بيروت", "B-LOC"), (".", "O")],
]
