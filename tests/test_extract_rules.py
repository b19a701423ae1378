"""Extraction rules on plain strings: each rule of the genre, in sentences written for the test."""

from __future__ import annotations

from diplograph.extract import extract, extract_text
from diplograph.extract.dates import date_context, find_dates
from diplograph.extract.numbers import parse_amount, parse_number


def test_titles_before_a_name_make_an_official_with_every_post():
    x = extract_text("3月5日，省委副书记、省长张建国在成都会见了来访客人。", published="2024-03-06")
    person = x.people["张建国"]
    assert person.titles == ["省委副书记", "省长"]
    assert person.country == "CN"


def test_country_before_the_title_gives_a_foreign_officials_country():
    x = extract_text("5月8日，李明华会见巴西圣保罗州州长塔尔西西奥一行。", published="2023-05-09")
    assert x.people["塔尔西西奥"].country == "BR"
    assert "州长" in x.people["塔尔西西奥"].titles


def test_ambassador_posted_abroad_is_chinese_but_a_foreign_ambassador_in_china_is_not():
    x = extract_text("驻肯尼亚大使周平剑、肯尼亚驻华大使基马尼等出席。", published="2022-01-01")
    assert x.people["周平剑"].country == "CN"
    assert x.people["基马尼"].country == "KE"
    assert x.people["周平剑"].titles == ["驻肯尼亚大使"]


def test_meeting_with_a_titled_guest_has_both_principals_date_and_place():
    x = extract_text("11日上午，省长王宁在昆明会见老挝副总理宋赛·西潘敦一行。", published="2023-07-12")
    (meeting,) = x.meetings
    assert [r.key for r in meeting.participants] == ["王宁", "宋赛·西潘敦"]
    assert meeting.dates.start == "2023-07-11"
    assert meeting.place == "昆明"


def test_separate_meetings_are_one_per_guest():
    x = extract_text(
        "在阿曼，刘强分别会见商工部大臣尤素福、劳工部次大臣赛义德等政要。", published="2019-05-01")
    pairs = sorted(tuple(r.key for r in m.participants) for m in x.meetings)
    assert pairs == [("刘强", "尤素福"), ("刘强", "赛义德")]
    assert x.people["尤素福"].country == "OM"


def test_those_who_sat_in_are_attendees_not_principals():
    x = extract_text(
        "9日，省长许勤在哈尔滨会见俄罗斯阿穆尔州州长奥尔洛夫。副省长徐建国参加会见。", published="2022-06-10")
    (meeting,) = x.meetings
    assert [r.key for r in meeting.attendees] == ["徐建国"]


def test_short_form_of_a_dotted_foreign_name_is_the_same_person():
    x = extract_text("总理穆罕默德·阿里率团访问。图为阿里在工厂参观。", published="2024-01-01")
    assert "阿里" in x.people["穆罕默德·阿里"].aliases
    assert "阿里" not in x.people


def test_led_delegation_visit_with_origin_destination_and_range():
    x = extract_text("4月13日至17日，省长王晓东率湖北省代表团访问日本。", published="2019-04-20")
    (visit,) = x.visits
    assert visit.leader.key == "王晓东"
    assert visit.destinations == ["JP"]
    assert visit.origin == "CN-HB"
    assert (visit.dates.start, visit.dates.end) == ("2019-04-13", "2019-04-17")


def test_delegation_headed_by_a_guest_with_its_size():
    x = extract_text("12月1日至3日，以肯尼亚参议员、某集团董事长姆万吉为团长的肯尼亚企业家代表团一行20人来湘访问。",
                     published="2023-12-05")
    (visit,) = x.visits
    assert visit.leader.key == "姆万吉"
    assert visit.size == 20
    assert visit.destinations == ["CN-HN"]
    assert visit.origin == "KE"


def test_named_expo_with_edition_dates_and_place():
    x = extract_text("9月16日至19日，第二十届中国—东盟博览会在广西南宁举行。", published="2023-09-20")
    event = next(iter(x.events.values()))
    assert event.edition == 20
    assert (event.dates.start, event.dates.end) == ("2023-09-16", "2023-09-19")
    assert event.place == "广西"


def test_agreement_count_and_value_in_dollars():
    x = extract_text("访问期间，双方签署合作协议共计12项，涉及金额3.5亿美元。", published="2023-01-01")
    (agreement,) = x.agreements
    assert agreement.count == 12
    assert (agreement.amount.value, agreement.amount.currency) == (350_000_000, "USD")


def test_more_than_ten_agreements_is_kept_as_at_least_ten():
    x = extract_text("双方企业达成10多个重要合作协议。", published="2017-12-01")
    (agreement,) = x.agreements
    assert agreement.count == 10 and agreement.count_is_minimum


def test_reporters_and_editors_are_not_officials():
    x = extract_text("责编：王小明\n一审：李大海\n记者 张三", published="2024-01-01")
    assert not x.people


def test_hong_kong_and_macao_are_regions_and_africa_is_no_country():
    x = extract_text("推动湘企利用港澳平台开拓非洲和中东市场。", published="2025-01-01")
    assert set(x.countries) == {"HK", "MO"}


def test_maryland_is_not_mali():
    x = extract_text("中国（湖南）—美国（马里兰州）经贸合作对接交流会举行。", published="2025-01-01")
    assert "ML" not in x.countries and "US" in x.countries


def test_day_only_date_takes_the_publication_month_and_year_from_the_title_wins():
    assert find_dates("19日晚，", date_context(None, "2024-11-20"))[0].span.start == "2024-11-19"
    review = date_context("2025年外事工作回顾", "2026-03-04")
    assert find_dates("9月9日，", review)[0].span.start == "2025-09-09"


def test_numbers_and_money():
    assert parse_number("十二") == 12
    assert parse_number("两百") == 200
    assert parse_amount("14.59亿美元").value == 1_459_000_000
    assert parse_amount("113.9亿元").currency == "CNY"


def test_every_fact_keeps_its_sentence_and_offsets():
    text = "导语。\n6月1日，省长李四在长沙会见德国总理朔尔茨。"
    x = extract_text(text, published="2023-06-02")
    evidence = x.meetings[0].evidence
    assert text[evidence.start:evidence.end] == evidence.sentence
    assert evidence.rule.startswith("meetings.")


def test_trip_to_a_list_of_countries_has_one_leg_per_country_paragraph():
    text = ("6月13日至20日，国务院总理李强率中国政府代表团先后访问了新西兰、澳大利亚、马来西亚三国。\n"
            "在新西兰，李强同新西兰总理克里斯托弗·拉克森举行会谈。\n"
            "在马来西亚，李强会见了马来西亚总理安瓦尔·易卜拉欣。")
    x = extract_text(text, published="2024-06-21")
    (trip,) = x.visits
    assert trip.destinations == ["NZ", "AU", "MY"]
    assert [leg.destinations for leg in trip.legs] == [["NZ"], ["MY"]]
    assert {m.place for m in x.meetings} == {"新西兰", "马来西亚"}


def test_foreign_leader_paying_a_state_visit_and_anniversaries_that_are_not_visits():
    x = extract_text("法国总统埃马纽埃尔·马克龙于4月5日至7日对中国进行国事访问。"
                     "今年是前总理惠特拉姆首次访华50周年。", published="2023-04-08")
    (visit,) = x.visits
    assert (visit.leader.key, visit.origin, visit.destinations) == ("埃马纽埃尔·马克龙", "FR", ["CN"])


def test_abbreviated_expo_is_the_same_event_as_its_full_name():
    x = extract_text("第六届中国国际进口博览会在上海开幕。阿尔巴尼斯出席了进博会开幕式。", published="2023-11-06")
    assert list(x.events) == ["第六届中国国际进口博览会"]
    assert "进博会" in x.events["第六届中国国际进口博览会"].aliases


def test_the_same_day_points_back_to_a_single_day_not_a_range():
    x = extract_text("4月7日，总统马克龙抵达广州。马克龙于4月5日至7日访华。\n"
                     "当天，国家主席习近平在广州同马克龙举行会晤。", published="2023-04-08")
    (meeting,) = x.meetings
    assert (meeting.dates.start, meeting.dates.end) == ("2023-04-07", "2023-04-07")


def test_a_short_form_titled_on_its_own_is_merged_into_the_full_name():
    x = extract_text("澳大利亚总理安东尼·阿尔巴尼斯访华。国家主席习近平会见澳大利亚总理阿尔巴尼斯。",
                     published="2023-11-07")
    assert "阿尔巴尼斯" not in x.people
    (meeting,) = x.meetings
    assert [r.key for r in meeting.participants] == ["习近平", "安东尼·阿尔巴尼斯"]


def test_a_title_followed_by_a_common_word_is_no_person():
    x = extract_text("提供政策咨询、领事保护等服务。团长的职责。", published="2025-01-01")
    assert not x.people


def test_english_items_give_officials_their_posts_countries_and_meetings():
    text = ("On March 3, Li Wenhua, Mayor of Ningbo, met with Anna Keller, Minister of Trade and Industry "
            "of Austria, and her delegation. The two sides signed a memorandum on economic cooperation "
            "between the two cities. Peter Gruber, Ambassador of Austria to China, and Zhao Min, Vice Mayor "
            "of Ningbo, participated in the meeting. " * 2)
    x = extract_text(text, published="2024-03-05")
    assert x.people["Anna Keller"].country == "AT"
    assert x.people["Anna Keller"].titles == ["Minister of Trade and Industry of Austria"]
    assert x.people["Li Wenhua"].country == "CN"
    assert x.people["Peter Gruber"].country == "AT"
    meeting = x.meetings[0]
    assert [r.key for r in meeting.participants] == ["Li Wenhua", "Anna Keller"]
    assert {r.key for r in meeting.attendees} == {"Peter Gruber", "Zhao Min"}
    assert meeting.dates.start == "2024-03-03"
    assert x.agreements[0].count == 1


def test_traditional_chinese_is_read_through_its_simplified_form_and_quoted_as_written():
    from diplograph.documents import Document

    text = "6月1日，省長李四在長沙會見德國總理朔爾茨。"
    x = extract(Document(source="text:", text=text, published="2023-06-02"))
    (meeting,) = x.meetings
    assert [r.key for r in meeting.participants] == ["李四", "朔尔茨"]
    assert meeting.evidence.sentence == text
    assert text[meeting.evidence.start:meeting.evidence.end] == text


def test_agreements_know_their_signatories_event_and_visit():
    x = extract_text("10月12日，甲乙友城协议签署仪式在线上举行，重庆市长张三与乍得首都恩贾梅纳市长穆萨签署"
                     "两市建立友好城市关系协议书。", published="2021-10-12")
    (agreement,) = x.agreements
    assert [r.key for r in agreement.signatories] == ["张三", "穆萨"]
    assert agreement.event == "甲乙友城协议签署仪式"
    x = extract_text("4月13日至17日，省长王华率湖南省代表团访问德国。访问期间，双方签署合作协议12项。",
                     published="2024-04-20")
    assert x.agreements[0].visit == 0
