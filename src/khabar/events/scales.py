"""The event typologies khabar codes into: PLOVER types, CAMEO roots, GDELT QuadClass, Goldstein scores.

These are small closed sets of published facts, so they live here as constants.
"""

from __future__ import annotations

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "REQUEST"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "CONCEDE", "RETREAT"), 2),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN", "PROTEST"), 3),
    **dict.fromkeys(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}

# The Goldstein conflict-cooperation weight of each CAMEO root event (its "not specified below" code).
GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
    "10": -5.0, "11": -2.0, "12": -4.0, "13": -4.4, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
    "18": -9.0, "19": -10.0, "20": -10.0,
}
CAMEO_ROOTS = frozenset(GOLDSTEIN)

# The CAMEO roots each PLOVER type may carry (PLOVER's conversion of CAMEO, with sanctions kept in
# SANCTION and releases and ceasefires in CONCEDE as khabar's annotation scheme has them).
ROOTS_OF_TYPE = {
    "AGREE": {"03", "05"}, "CONSULT": {"04"}, "SUPPORT": {"05", "01"}, "CONCEDE": {"08"},
    "COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"08"}, "REQUEST": {"02", "10"},
    "ACCUSE": {"09", "11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"}, "SANCTION": {"16"},
    "MOBILIZE": {"15"}, "COERCE": {"17", "19"}, "ASSAULT": {"18", "19", "20", "17"},
}


def quad_class(plover: str) -> int | None:
    return QUAD_CLASS.get(plover)


def goldstein(cameo: str | None) -> float | None:
    return GOLDSTEIN.get(cameo[:2]) if cameo else None
