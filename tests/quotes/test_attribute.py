"""Who speaks: the speech-verb patterns, carried speakers, institutions, hand-made mentions."""

from __future__ import annotations

from tests.quotes.helpers import mention, quoted, read


def test_attribute_vso():
    article = read('وقال سامر الخطيب انه "لا تراجع عن خطة الإصلاح الإداري".')
    assert quoted(article) == [("لا تراجع عن خطة الإصلاح الإداري", "سامر الخطيب", None)]


def test_attribute_vso_stops_before_time_and_place():
    article = read('وأكد مدير الميناء حسان العلي اليوم في مؤتمر صحفي أن "الرصيف الجديد جاهز للسفن".')
    assert article.quotes[0].speaker == "مدير الميناء حسان العلي"


def test_attribute_svo():
    article = read('رئيس الاتحاد كمال ناصر قال إن "الموسم المقبل سيبدأ في موعده".')
    assert article.quotes[0].speaker == "رئيس الاتحاد كمال ناصر"


def test_attribute_relative_clause_before_verb():
    body = 'واستقبل الوزير سفيرة كندا ليلى مارتن التي صرحت قائلة: "زيارتي للتعاون في التعليم".'
    article = read(body, [mention("ليلى مارتن", body, "PER", "Leila Martin")])
    assert quoted(article) == [("زيارتي للتعاون في التعليم", "ليلى مارتن", "Leila Martin")]


def test_attribute_dropped_subject_takes_previous_speaker():
    body = ('وقال رئيس اللجنة نبيل حداد "سنعلن النتائج الأسبوع المقبل".'
            'واضاف "لن نقبل أي ضغوط من أي جهة كانت على أعضاء اللجنة".')
    article = read(body)
    assert [q.speaker for q in article.quotes] == ["رئيس اللجنة نبيل حداد", "رئيس اللجنة نبيل حداد"]
    first, second = article.quotes
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)


def test_attribute_dropped_subject_in_same_sentence():
    body = 'وأكد هشام الزين ضرورة الحوار وقال "نحن مستعدون للقاء في أي وقت".'
    assert read(body).quotes[0].speaker == "هشام الزين"


def test_attribute_participle_clause_takes_main_clause_speaker():
    body = ('وأوضح عمر الصالح ان المشروع سيكتمل في الربيع المقبل بعد تأخير طويل '
            'مشيرا الى ان الشركة واجهت "صعوبات كبيرة" في التمويل.')
    article = read(body)
    assert len(article.sentences) == 1  # a participle clause continues its sentence
    assert quoted(article) == [("صعوبات كبيرة", "عمر الصالح", None)]


def test_attribute_jaa_fi_bayan_names_the_issuer():
    body = 'وجاء في بيان وزارة الخارجية الروسية: "ندعو إلى ضبط النفس".'
    article = read(body)
    assert quoted(article) == [("ندعو إلى ضبط النفس", "وزارة الخارجية الروسية",
                                "Ministry of Foreign Affairs (Russia)")]


def test_attribute_joint_statement_from_table():
    body = 'وقال البيان المشترك "نتطلع إلى شراكة أعمق في مجالات الطاقة".'
    assert quoted(read(body)) == [("نتطلع إلى شراكة أعمق في مجالات الطاقة", "البيان المشترك", "joint statement")]


def test_attribute_the_statement_is_its_issuers():
    body = ('وقالت وزارة الخارجية الروسية في بيان إن الاتفاق مهم. '
            'وأضاف البيان: "نأمل أن يلتزم الجميع بما اتفق عليه".')
    article = read(body)
    assert article.quotes[0].speaker == "البيان"
    assert article.quotes[0].speaker_en == "Ministry of Foreign Affairs (Russia)"


def test_attribute_the_ministry_is_the_last_ministry_named():
    body = ('وأعلنت وزارة الصحة الأردنية ارتفاع الإصابات. '
            'وقالت الوزارة: "نتابع الوضع الوبائي عن كثب في كل المحافظات".')
    assert read(body).quotes[0].speaker_en == "Ministry of Health (Jordan)"


def test_attribute_anonymous_sources_from_table():
    body = 'ونقلت الإذاعة عن مصادر محلية قولها إن "القصف استهدف حيا سكنيا مكتظا".'
    assert quoted(read(body)) == [("القصف استهدف حيا سكنيا مكتظا", "مصادر محلية", "local sources")]


def test_attribute_according_to():
    body = 'وبحسب الهيئة العامة للأرصاد، "ستنخفض درجات الحرارة بشكل ملحوظ غدا".'
    assert read(body).quotes[0].speaker == "الهيئة العامة للأرصاد"


def test_attribute_postposed_speaker():
    body = '"سنعيد بناء كل المدارس المتضررة قبل العام الدراسي"، قال وزير التربية ماجد فاضل.'
    assert read(body).quotes[0].speaker == "وزير التربية ماجد فاضل"


def test_attribute_speaker_resolved_from_mention():
    body = 'وقال وزير الخارجية الهولندي يان ديكر إن "الحوار هو الطريق الوحيد".'
    person = mention("يان ديكر", body, "PER", "Jan Dekker")
    (quote,) = read(body, [person]).quotes
    assert (quote.speaker, quote.speaker_en, quote.speaker_id) == ("يان ديكر", "Jan Dekker", "test:Jan Dekker")
    assert (quote.speaker_start, quote.speaker_end) == (person.start, person.end)


def test_attribute_short_name_takes_earlier_full_name():
    body = ('وقال وزير الخارجية الهولندي يان ديكر إن المحادثات مستمرة. '
            'وقال ديكر: "نأمل في نتائج قريبة لهذه المحادثات".')
    mentions = [mention("يان ديكر", body, "PER", "Jan Dekker"), mention("ديكر", body, "PER", None, nth=1)]
    assert read(body, mentions).quotes[0].speaker_en == "Jan Dekker"


def test_attribute_spokesperson_is_the_person_named_earlier():
    body = ('ونفى سليم عواد، المتحدث باسم الحكومة الكندية، وجود خطط جديدة. '
            'وقال المتحدث باسم الحكومة الكندية: "لا نية لدينا لتغيير السياسة الحالية".')
    article = read(body, [mention("سليم عواد", body, "PER", "Salim Awad")])
    assert article.quotes[0].speaker == "المتحدث باسم الحكومة الكندية"
    assert article.quotes[0].speaker_en == "Salim Awad"


def test_attribute_spokesperson_of_an_organisation():
    body = 'وقال المتحدث باسم الحكومة الكندية: "لا نية لدينا لتغيير السياسة الحالية".'
    org = mention("الحكومة الكندية", body, "ORG", "Government of Canada")
    assert read(body, [org]).quotes[0].speaker_en == "Government of Canada spokesperson"


def test_attribute_offsets_point_into_the_body():
    body = ('قال رئيس البلدية سعيد حمدان "سنفتح الحديقة الكبرى قريبا". '
            'وأضاف: «المدينة تستحق مساحات خضراء أكثر من أي وقت مضى».')
    article = read(body)
    assert len(article.quotes) == 2
    for quote in [*article.quotes, *article.reported]:
        assert body[quote.start:quote.end] == quote.text
        assert body[quote.speaker_start:quote.speaker_end] == quote.speaker
        sentence = article.sentences[quote.sentence]
        assert sentence.start <= quote.start < sentence.end


def test_attribute_reported_speech_kept_apart():
    body = 'وقال المدير العام للمطار إن الرحلات ستستأنف صباح الغد. وأضاف: "نعتذر للمسافرين عن التأخير".'
    article = read(body)
    assert [q.kind for q in article.quotes] == ["direct"]
    assert [(q.text, q.kind, q.speaker) for q in article.reported] == [
        ("الرحلات ستستأنف صباح الغد", "reported", "المدير العام للمطار")]


def test_attribute_speech_word_inside_a_quotation_is_not_an_attribution():
    body = ('وقال المعلم نادر سعيد "قال لي الطلاب إنهم يحبون الرياضيات كثيرا". '
            'وأضاف "سنفتح صفا جديدا للمتفوقين في الخريف".')
    assert [q.speaker for q in read(body).quotes] == ["المعلم نادر سعيد", "المعلم نادر سعيد"]


def test_attribute_relayed_from_the_previous_speaker():
    body = ('وقال رئيس الوزراء فادي منصور إن المفاوضات مستمرة. '
            'ونقلت عنه وكالة الأنباء الرسمية قوله: "لن نوقع أي اتفاق لا يحفظ حقوقنا".')
    assert read(body).quotes[0].speaker == "رئيس الوزراء فادي منصور"


def test_attribute_statement_from_an_office():
    body = 'وذكر بيان من مكتب رئيس الوزراء: "سيتم تشكيل اللجنة خلال أسبوع".'
    assert read(body).quotes[0].speaker == "مكتب رئيس الوزراء"


def test_attribute_sources_close_to_a_person_are_not_that_person():
    body = 'وقالت مصادر مقربة من الوزير رامي سعد إن "الاستقالة باتت وشيكة".'
    article = read(body, [mention("رامي سعد", body, "PER", "Rami Saad")])
    assert article.quotes[0].speaker_en == "sources"


def test_attribute_according_to_inside_a_speakers_sentence():
    body = 'وقال الوزير خالد عمران، بحسب البيان، "سنرفع الرواتب مطلع العام".'
    assert read(body).quotes[0].speaker == "الوزير خالد عمران"


def test_attribute_skips_the_one_spoken_to():
    # "لها" / "لمراسلنا" right after the verb is who is spoken to; the subject may follow it
    body = 'وقال لها مدير المدرسة نادر سليم "سنفتح الصفوف غدا".'
    assert read(body).quotes[0].speaker == "مدير المدرسة نادر سليم"
    body = 'وقال المدير نادر سليم إن العام جديد. ثم قال لها "سنفتح الصفوف غدا".'
    assert read(body).quotes[0].speaker != "لها"


def test_attribute_pronoun_of_address_never_speaks():
    for pronoun in ("لهم", "لنا", "له"):
        body = f'وقال مدير المدرسة {pronoun} "سنفتح الصفوف غدا صباحا".'
        assert read(body).quotes[0].speaker == "مدير المدرسة"


def test_attribute_manner_word_ends_the_speaker():
    for manner in ("ردا", "تعليقا", "تعقيبا"):
        body = f'وقال الوزير الأمريكي {manner} على سؤال "هذا صحيح في جزء منه".'
        assert read(body).quotes[0].speaker == "الوزير الأمريكي"


def test_attribute_person_opening_a_sentence_without_speech_word():
    # no speech word governs the quotation: the person the sentence opens with (after its verb)
    # speaks, not the speaker carried from the sentence before
    body = ('وقال الخبير نادر سليم إن "الأزمة طويلة جدا وصعبة". '
            'وشكر رامي الحسن قطر رسميا على "حربها ضد الإرهاب وكل أشكال التطرف".')
    article = read(body, [mention("رامي الحسن", body, "PER", "Rami Hassan")])
    assert article.quotes[-1].speaker_en == "Rami Hassan"
    # a speech word still carries the speaker: "وأضاف" has none of its own
    body = 'وقال الخبير نادر سليم إن "الأزمة طويلة جدا وصعبة". وأضاف "لن تنتهي قريبا أبدا".'
    assert [q.speaker for q in read(body).quotes] == ["الخبير نادر سليم", "الخبير نادر سليم"]


def test_attribute_a_name_is_never_taken_for_the_one_spoken_to():
    # "لي" is "to me" and the name Lee: a mention is a name
    body = 'ويقول لي إن "المحادثات يمكن أن تكون نقطة انطلاق جيدة".'
    article = read(body, [mention("لي", body, "PER", "Lee")])
    assert article.quotes[0].speaker_en == "Lee"
