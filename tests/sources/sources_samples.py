"""Short Arabic and English texts composed for the sources tests (not taken from any corpus)."""

ARABIC = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية.\n"
    "وقال الوزير إن الخطة تشمل قروضا ميسرة وتدريبا على أساليب الري الحديثة.\n"
    "ومن المتوقع أن يبدأ تنفيذ المرحلة الأولى مطلع العام المقبل."
)
ARABIC_2 = "افتتح رئيس البلدية حديقة عامة جديدة في وسط المدينة بحضور عدد من السكان."
ENGLISH = (
    "The ministry of agriculture announced a new plan today to support farmers in rural areas, "
    "with cheap loans and training in modern irrigation methods."
)
