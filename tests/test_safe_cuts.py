"""Safe cuts: a single chrome signal does not take a long article with it (issue 12, item 3).

A cut that removes a region (an end marker, a teaser heading, a band, a menu run) must be backed by
what it removes; one "Comments" or "Related" heading or copyright line is not enough to drop the body
that follows it when the body is most of the page. The pages are dumps: a site's menu above the
article and its footer below, as a whole page turned into text looks (in an extractor's output the
marker trims a region already chosen, ends.after_end).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.pipeline import assess, decide
from cleaner.tuning import TUNING
from tests.test_properties import CLEANER, SETTINGS, _distinct, chrome_line, paragraph

TOP_SIGNALS = ["Comments", "12 Comments", "Leave a Reply", "Related posts", "Related Articles",
               "You may also like", "© 2024 Example Media Group. All rights reserved.",
               "Copyright 2024 The Daily Example", "About the author"]

article = st.lists(paragraph(), min_size=6, max_size=9).filter(_distinct)
MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Subscribe"]
FOOTER = ["Privacy policy", "Terms of use", "Cookie settings", "Careers", "Advertise with us"]


def dump(*pieces: str) -> str:
    """A page dump: the site's menu, the pieces as paragraphs, the footer."""
    return "\n".join(MENU) + "\n\n" + "\n\n".join(pieces) + "\n\n" + "\n".join(FOOTER)


def _kept_share(paragraphs: list[str], text: str) -> float:
    words = sum(len(p.split()) for p in paragraphs)
    return sum(len(p.split()) for p in paragraphs if p in text) / words


@SETTINGS
@given(article, st.sampled_from(TOP_SIGNALS))
def test_a_signal_at_the_top_keeps_the_article(paragraphs: list[str], signal: str) -> None:
    """A comments or related heading, or a copyright line, at the top of an article removes none of it."""
    text = CLEANER.clean(dump(signal, *paragraphs)).text
    assert all(p in text for p in paragraphs), signal


@SETTINGS
@given(article, st.sampled_from(TOP_SIGNALS))
def test_a_signal_after_the_opening_paragraph_keeps_the_rest(paragraphs: list[str], signal: str) -> None:
    """After a first paragraph that is short beside the rest (the rest is over ``end_after`` times as
    long), the same signal removes nothing either: one signal does not cut more body than it leaves."""
    first, rest = paragraphs[0], paragraphs[1:]
    if sum(len(p.split()) for p in rest) <= TUNING.end_after * len(first.split()):
        # make the rest long enough with paragraphs of its own (a copy of a passage is no body: copies.py)
        rest = rest + [f"Later, {p[0].lower()}{p[1:]}" for p in rest[::-1]]
    text = CLEANER.clean(dump(first, signal, *rest)).text
    assert all(p in text for p in rest), signal


@SETTINGS
@given(article, chrome_line, st.data())
def test_the_article_survives_one_chrome_block_anywhere(paragraphs: list[str], chrome: str,
                                                        data: st.DataObject) -> None:
    """One chrome line anywhere in a long article removes at most what follows it, and only when what
    follows is at most ``end_after`` times what precedes it (a teaser heading or a promo: a quarter of
    the prose): at least 1 / (1 + end_after) of the article's words stay, wherever the line goes."""
    at = data.draw(st.integers(0, len(paragraphs)))
    page = dump(*paragraphs[:at], chrome, *paragraphs[at:])
    least = 1 / (1 + TUNING.end_after)
    assert _kept_share(paragraphs, CLEANER.clean(page).text) >= least - 0.02, (at, chrome)


DATED = ["Published on May 02, 2024 07:44 PM", "Last edited by anna (2024-08-03 11:02:20)",
         "Date: Thu, 23 Dec 1999 12:31:55 -0700", "by Minoa » Tue Aug 27, 2019 10:02 pm"]


@SETTINGS
@given(article, st.sampled_from(DATED))
def test_a_dated_line_does_not_end_an_extractors_output(paragraphs: list[str], line: str) -> None:
    """In an extractor's region (its comments already left out) a line with a date and a clock time is a
    post's stamp, a dateline or a logged event, not the start of a comment section: what follows stays."""
    middle = len(paragraphs) // 2
    text = "\n\n".join([*paragraphs[:middle], line, *paragraphs[middle:]])
    blocks = CLEANER.blocks(text)
    kept = CLEANER.clean_blocks(blocks, extracted=True).text
    assert all(p in kept for p in paragraphs), line


LOG = ["2005-03-19 15:10:26,618 - app - DEBUG - debug message", "2005-03-19 15:10:26,620 - app - INFO - up",
       "2005-03-19 15:10:26,695 - app - WARNING - disk full", "2005-03-19 15:10:26,697 - app - ERROR - lost"]


def test_logged_lines_make_no_band_in_an_extractors_output() -> None:
    """In an extractor's region, dated lines in a row past its middle (a program's log in documentation)
    are the content's own, as one such line is: they make no chrome band that ends the region."""
    text = "\n\n".join([*STORY[:4], "\n".join(LOG), *STORY[4:]])
    kept = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
    assert all(p in kept for p in STORY)


def test_a_dated_comment_line_still_ends_a_page_dump() -> None:
    """In a page dump the same comment stamp after the article still starts the trailer it heads."""
    paragraphs = [f"Paragraph {n} of the story tells how the council voted on the new bridge and what the "
                  "residents said about the plan when they met in the town hall last week." for n in range(6)]
    comments = ["Ann on May 3, 2018 at 4:47 pm said:", "Great story, thanks for writing it up so quickly.",
                "Bob on May 3, 2018 at 5:02 pm said:", "I was there and it was a long and heated meeting."]
    text = CLEANER.clean(dump(*paragraphs, *comments)).text
    assert all(p in text for p in paragraphs)
    assert "Great story" not in text


STORY = [f"Paragraph {n} of the guide explains how the service reads its settings at start-up and what "
         "happens to a request when one of the values it needs is missing from the file." for n in range(5)]


def test_lines_without_a_letter_do_not_make_a_chrome_band() -> None:
    """An address or opening hours past the middle of a page ('(415) 861-5449', '09:00 - 17:30') are matched
    by a rule for lacking words, beside short labels, but are not a footer: the paragraph after them stays."""
    address = ["110 Gough St. Suite 301", "(415) 861-5449", "Psychotherapy & Medication",
               "Fees Based On Income"]
    hours = ["Opening Hours", "Monday to Friday", "09:00 - 17:30", "Saturday", "10:00 - 14:00"]
    for lines in (address, hours):
        text = CLEANER.clean(dump(*STORY[:4], *lines, STORY[4])).text
        assert STORY[4] in text, lines


def test_a_band_of_worded_chrome_still_ends_the_article() -> None:
    band = ["Share this:", "Facebook", "Twitter", "Email", "Print"]
    text = CLEANER.clean(dump(*STORY[:4], *band, STORY[4])).text
    assert all(p in text for p in STORY[:4]) and STORY[4] not in text


def test_about_the_product_heads_a_section_about_the_author_ends() -> None:
    """'About the <Name>' heads a section of a review or a service page ('About the Trail Pack Pro'); it is
    no author box, which is 'About <Name>' or 'About the author ...': the review goes on after it."""
    bio = "Jane Doe writes about hiking gear and has walked the length of the Appalachian Trail twice."
    text = CLEANER.clean(dump(*STORY[:3], "About the Trail Pack Pro", *STORY[3:])).text
    assert all(p in text for p in STORY)
    text = CLEANER.clean(dump(*STORY, "About the Author Jane Doe", bio)).text
    assert all(p in text for p in STORY) and bio not in text


def test_a_marker_printed_under_every_post_ends_nothing() -> None:
    """A thread whose posts each end in the same button ('Reply'): the second one is a copy of a line the
    body printed between its paragraphs before, a post's button, not the start of comments after an
    article. One 'Leave a Reply' after an article still ends it."""
    posts = [line for post in STORY for line in (post, "Reply")]
    text = CLEANER.clean(dump("Which settings file does the service read first?", *posts)).text
    assert all(p in text for p in STORY)
    text = CLEANER.clean(dump(*STORY[:4], "Leave a Reply", STORY[4])).text
    assert all(p in text for p in STORY[:4]) and STORY[4] not in text


COURSES = ["Data Science Bootcamp", "Web Design Certificate", "Digital Marketing Course",
           "Python Programming Class", "Cloud Computing Workshop", "Project Management Seminar",
           "User Research Basics", "Technical Writing"]


def test_a_band_that_repeats_the_bodys_separator_ends_nothing() -> None:
    """A listing's records, each with its button and the same rule-matched line after it ('Book now',
    'Advertisement'): the band they make past the middle of the page repeats a line the body already
    printed twice between its paragraphs, so it separates records and does not end the page. A share
    row printed once in the article and again after it still ends it."""
    records = [line for course in COURSES for line in (
        course, "Photo courtesy of the school",
        f"The {course.lower()} runs for twelve weeks and teaches what a junior analyst needs, from the first "
        "query to a report that a manager can read and act on at once.", "Book now", "Advertisement")]
    summaries = [line for line in records if line.startswith("The ")]
    text = CLEANER.clean(dump("The best courses to take this year, picked by our editors.", *records)).text
    assert all(p in text for p in summaries)
    band = ["Share this:", "Facebook", "Twitter", "Email", "Print"]
    text = CLEANER.clean(dump(STORY[0], *band, *STORY[1:4], *band, STORY[4])).text
    assert all(p in text for p in STORY[:4]) and STORY[4] not in text


SECTIONS = [[p.replace("the guide", f"part {k} of the guide") for p in STORY[:2]] for k in "ABC"]
CARDS = ["Add to basket", "Quick view"] * 20  # a product grid's buttons between the sections


def test_a_region_that_leaves_out_twice_its_prose_keeps_the_page() -> None:
    """A dump whose body region (one run of blocks) would leave out ``outside_prose`` times the prose it
    holds, as a service page's sections or a listing's entries between rows of buttons, keeps it all."""
    text = CLEANER.clean(dump(*SECTIONS[0], *CARDS, *SECTIONS[1], *CARDS, *SECTIONS[2])).text
    assert all(p in text for part in SECTIONS for p in part)


def test_a_region_that_leaves_out_less_keeps_its_cut() -> None:
    """With less prose outside it, the region is the page's body and what lies outside it goes."""
    text = CLEANER.clean(dump(*SECTIONS[0], *CARDS, *SECTIONS[1])).text
    kept = [all(p in text for p in part) for part in SECTIONS[:2]]
    assert sorted(kept) == [False, True]


SCRIPT = ["#!/bin/sh", "usage() {", "}", 'MAPNAME="$1"', "shift", "DMMAP=$(mktemp)",
          'trap "rm -f $DMMAP" EXIT', "sum=0", 'while [ "$1" != "" ]', "do", 'srcN="$1"',
          'sizeN=$(blockdev --getsz "$srcN")',
          "sum=$(expr $sum + $sizeN)", "shift", "done", "dmsetup create $MAPNAME < $DMMAP"]


def test_a_region_with_little_prose_keeps_the_page() -> None:
    """A question with a script under it: its one sentence is under ``region_prose`` words, so the region
    around it is no article to cut around, and the script's lines are not dropped as outside the body."""
    question = "For joining block devices in linear mode I wrote this little script:"
    text = (question + "\n" + "\n".join(SCRIPT)
            + "\nI run the script with\n./join.sh one /dev/loop? /dev/loop??\nand it works.\n")
    kept = CLEANER.clean(text).text
    assert sum(line in kept for line in SCRIPT) >= 0.75 * len(SCRIPT)
    assert "I run the script with" in kept


CODE = ["const url = `${base}/api/v2/users/${id}/posts`;", "return fetch(url).then(r => r.json());",
        '<Route path="/docs/api/users" />', "// Wrong: calls the handler during render",
        ">>> requests.get('https://github.com', verify='/path/to/certfile')"]


def test_a_line_of_code_between_paragraphs_is_no_menu() -> None:
    """Code's slashes and arrows separate no menu entries and its URLs are no bare links: a line with code
    punctuation (= ; { } <, a call or a // comment) between two paragraphs is not dropped as menu-like."""
    before = ("The client asks the server for a user's posts through the public interface, and it waits for "
              "the answer before it renders the list on the page.")
    after = ("Once the answer arrives, the list is rendered again with the new posts at the top, and the "
             "spinner that was shown while waiting goes away.")
    cleaned = CLEANER.clean("\n".join([before, *CODE, after]) + "\n")
    assert all(line in cleaned.text for line in CODE)
    assert not any("menu-like" in d.reason for d in cleaned.decisions)


SHELL = ["./join-linear.sh one /dev/loop? /dev/loop??", "/etc/sudoers.d/10-editor", ">>> squares",
         "/dev/loop0 and /dev/mapper/file1 are the same"]


def test_paths_and_prompts_are_no_menu_separators() -> None:
    """A slash or an arrow inside a word is a path, a date or a prompt ('/dev/loop0', '>>> squares'), not
    a menu's separator: such lines are no menu by their separators. A breadcrumb's spaced ones still are."""
    text = "\n".join([STORY[0], *SHELL, STORY[1], "Home / Guides / Storage / Devices", STORY[2]]) + "\n"
    reasons = {d.block.text: d.reason for d in CLEANER.clean(text).decisions}
    assert not any("separators" in reasons[line] for line in SHELL), reasons
    assert "separators" in reasons["Home / Guides / Storage / Devices"]


SAMPLE = ["const std = @import(\"std\"); pub fn main() void { const x: u8 = 3; print(\"{d}\", .{x}); }",
          "body { font-family: sans-serif; margin: 0; } header { background: purple; height: 100px; }"]
AD = ('var slot = "http://ads.example.com/serve.js?site=football&zone=top"; loadAd(slot, 728, 90); '
      'trackImpression(slot, Date.now()); refreshAds(30000);')


def test_a_code_sample_between_paragraphs_is_body() -> None:
    """A long block of code has few function words, but it is no chrome: documentation keeps its code
    samples (``score:code``). A line of markup with a link, an ad's leftover in a page's text, still goes."""
    for i, story in enumerate((STORY[:2], STORY[2:4])):
        cleaned = CLEANER.clean(dump(*story[:1], *SAMPLE, *story[1:], AD))
        assert all(line in cleaned.text for line in SAMPLE), i
        assert [d.reason for d in cleaned.decisions if "loadAd" in d.block.text] != ["score:code"]
        assert "ads.example.com" not in cleaned.text


def test_a_sentence_about_copyright_is_no_credit_line() -> None:
    """A short line mentioning copyright is a credit or a footer link in any language; a sentence that
    mentions it (a report on a book's rights) is the article's, whatever the language of the page."""
    story = ("Die Autorin sprach auf der Buchmesse in Frankfurt über ihre Zeit im Gefängnis, über die "
             "Briefe ihrer Leserinnen und Leser, über das Copyright an ihrem neuen Buch und über die Frage, "
             "wer daran eigentlich verdient.")
    more = ("Sie berichtete auf der Bühne auch über die langen Monate in der Zelle und über die Menschen, "
            "die ihr in dieser Zeit geschrieben haben, und der Saal war bis auf den letzten Platz gefüllt.")
    cleaned = CLEANER.clean("\n\n".join([more, story, "Foto: Anna Beispiel (Copyright)", more]))
    assert story in cleaned.text
    assert "Anna Beispiel" not in cleaned.text


RECIPE = ["Preheat the oven and butter a round tin while you weigh out everything that the cake will need "
          "for the batter, the crumble and the glaze on top of it.",
          "Six Large Eggs", "Two Hundred Grams Sugar", "Vanilla Extract", "Pinch Of Salt",
          "Beat the eggs with the sugar until the mixture is pale and thick, then fold in the flour and the "
          "salt and pour the batter into the tin that you have prepared."]
TEASERS = ["Read more:", "Ten Cakes To Bake This Winter", "The Best Ovens Of The Year", "Why Butter Matters"]


def test_a_list_between_two_paragraphs_is_body() -> None:
    """Short lines between two paragraphs that no rule matched (ingredients, specifications, steps) are a
    list of the body, not a menu, whatever their case."""
    text = CLEANER.clean(dump(*STORY[:2], *RECIPE, *STORY[2:])).text
    assert all(line in text for line in RECIPE)


def test_a_list_between_a_paragraph_and_a_bulleted_list_is_body() -> None:
    """A list without bullets next to a bulleted one (a review's features, then its pros as list items) is
    body as it is between two paragraphs: a list item is the body's own line as a paragraph is."""
    bullets = ["- Bakes evenly on every shelf", "- Easy to clean after use"]
    text = CLEANER.clean(dump(*STORY[:2], *RECIPE[1:-1], *bullets, *STORY[2:])).text
    assert all(line in text for line in RECIPE[1:-1])


def test_a_list_under_a_line_that_announces_it_is_body() -> None:
    """A list without bullets under a short line ending with a colon ('What you need:') and before a
    paragraph is the list that line announces, not a menu."""
    text = CLEANER.clean(dump(*STORY[:2], "What you need:", *RECIPE[1:-1], *STORY[2:])).text
    assert all(line in text for line in RECIPE[1:-1])


def test_a_teaser_list_between_two_paragraphs_still_goes() -> None:
    """The same run with a rule's line in it ('Read more:') is a teaser list inside the article."""
    text = CLEANER.clean(dump(*STORY[:2], RECIPE[0], *TEASERS, RECIPE[-1], *STORY[2:])).text
    assert RECIPE[0] in text and RECIPE[-1] in text
    assert not any(line in text for line in TEASERS)


SCHEDULE = ["Sep 13 Tensors II: iterative methods (gradient descent, tensor power method) instructor notes",
            "Sep 18 Tensors III: overcomplete tensor decomposition via smoothed analysis, scribe notes",
            "Oct 25 Supervised learning III: filtered PCA, instructor notes, slides, scribe notes"]


def test_data_lines_inside_a_dumps_article_are_body() -> None:
    """Lines with few function words between the article's paragraphs (a table's rows, commands, a
    product's specifications) are the article's own in a page dump, as a list is; beside a rule's
    line they are not."""
    text = CLEANER.clean(dump(*STORY[:2], *SCHEDULE, *STORY[2:])).text
    assert all(line in text for line in SCHEDULE)
    text = CLEANER.clean(dump(*STORY[:2], "Related Articles", *SCHEDULE, *STORY[2:])).text
    assert not any(line in text for line in SCHEDULE)


def test_lines_of_figures_inside_a_text_are_body() -> None:
    """Prices or results under a heading inside the article ('R : 50,000₩') are the text's data, in an
    extractor's output and in a page dump alike, though a line mostly of digits looks like a counter."""
    prices = ["R : 50,000₩", "S : 40,000₩"]
    for text in ("\n\n".join([*STORY[:2], "Tickets", *prices, *STORY[2:]]),
                 dump(*STORY[:2], "Tickets", *prices, *STORY[2:])):
        assert all(line in CLEANER.clean(text).text for line in prices)


def test_a_sentence_that_says_is_no_comment_header() -> None:
    """'<name> says:' opens a comment (WordPress) only when the name has at most four words: a sentence
    that introduces a quotation ('Here is what my son says:') keeps what follows."""
    quote = "“I have been working with him for nearly a year now and he explains everything very clearly.”"
    for line, kept in (("Here is what my son says:", True), ("John Smith says:", False)):
        text = "\n\n".join([*STORY[:3], line, quote, STORY[3]])
        out = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
        assert (quote in out) is kept, line


CHECKLIST = ["- Book the venue and confirm the date with everyone who has to be there",
             "- Choose the photographer after meeting at least two of them in person",
             "- Subscribe to our weekly newsletter for a printable copy of this checklist",
             "- Send the invitations about eight weeks before the day itself",
             "- Order the flowers and agree on a time for them to be delivered"]


def test_a_promo_item_in_a_list_that_goes_on_ends_nothing() -> None:
    """In an extractor's output a promo line among a list's items is one of the items: the items after it
    stay. At the list's end it is still the trailer it starts."""
    text = "\n\n".join([*STORY, *CHECKLIST])
    out = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
    assert CHECKLIST[-1] in out and CHECKLIST[-2] in out
    assert CHECKLIST[2] not in out  # the promo line itself still goes
    bio = "Dana Example writes about weddings and travel."
    tail = "\n\n".join([*STORY, *CHECKLIST[:2], CHECKLIST[2], bio])
    out = CLEANER.clean_blocks(CLEANER.blocks(tail), extracted=True).text
    assert "Dana Example" not in out


ANSWER_BAND = ["0", "Reply", "Copy link", "Add a comment", "14"]


def test_a_declared_discussion_has_no_trailer_band() -> None:
    """The band after a post (votes, Reply, Copy link, Add a comment) stands between a declared
    discussion's replies (``thread``: schema.org's DiscussionForumPosting or QAPage), so it ends nothing;
    on any other page it still ends the article."""
    posts = [f"Answer {n}: {text}" for n, text in enumerate(STORY)]
    text = "\n\n".join(posts[:2] + [line for post in posts[2:] for line in (*ANSWER_BAND, post)])
    items = assess(CLEANER.blocks(text), CLEANER.rules)
    for thread in (True, False):
        kept = " ".join(d.block.text for d in decide(items, True, thread=thread) if d.kept)
        assert (posts[-1] in kept) is thread


def test_a_thread_that_opens_the_body_is_the_page() -> None:
    """A page dump whose body opens with a comment thread, its title and then the first post's stamp, is a
    discussion: its posts are the page's content, not a trailer after an article. After an article the
    same thread still goes (``test_a_dated_comment_line_still_ends_a_page_dump``)."""
    title = "How do I keep the chain of an old bike from slipping on the hills?"
    posts = [line for n, post in enumerate(STORY, 1)
             for line in (f"#{n} 2024-08-0{n} 10:5{n}:47", f"rider{n}", "Member", post)]
    text = CLEANER.clean(dump(title, *posts)).text
    assert all(post in text for post in STORY)
    article = CLEANER.clean(dump(title, *STORY[:4], *posts[4:])).text
    assert STORY[:4] == [p for p in STORY[:4] if p in article] and "rider2" not in article


def test_members_lines_make_a_page_a_discussion() -> None:
    """A forum thread in a page dump: an opening post, then replies under their stamps. Where the posts'
    headers carry their members' lines ('Posts: 98', 'Joined: Mar 2019', 'Join Date', a Q&A network's
    reputation with its badges: action ``post``), the
    page is a discussion and every reply stays; without them the replies read as a comment thread after an
    article."""
    def thread(members: tuple[str, ...]) -> str:
        posts = [line for n, post in enumerate(STORY[1:], 2)
                 for line in (f"#{n} 2024-08-0{n} 10:5{n}:47", f"rider{n}", *members, post)]
        return dump("How do I keep the chain of an old bike from slipping?", STORY[0], *posts)
    for members in (("Posts: 98", "Joined: Mar 2019"), ("Well-known member",), ("Click to expand...",),
                    ("- Join Date", "- Mar 2019", "- Location", "- Utrecht"),
                    ("26.3k 23 23 gold badges 129 129 silver badges 164 164 bronze badges",)):
        assert all(post in CLEANER.clean(thread(members)).text for post in STORY), members
    without = CLEANER.clean(thread(())).text
    assert STORY[0] in without and STORY[-1] not in without


PLAN = ["| Week | Tuesday | Thursday | Saturday |",
        "| 1 | Walk/Run Easy 10x (Walk 2 min/Run 1 min) | Cardio 30 min or Rest "
        "| Run Easy 25 min, Strides 4x20 |",
        "| 2 | Speed Play 35 min Easy with 4x30 sec Hard | Cardio 30 min or Rest "
        "| Run Easy 30 min, Strides 6x20 |",
        "| 3 | Hill Reps 10 min Easy + 7x(1 min Hard) | Cardio 40 min or Rest "
        "| Run Easy 35 min, Strides 8x20 |"]


def test_a_table_of_long_cells_is_a_table() -> None:
    """A data table's rows may hold a sentence-long cell (a training plan's sessions): rows of up to ten
    words a cell are table rows, body, not lines of few function words."""
    kept = CLEANER.clean("\n\n".join([*STORY, *PLAN])).text  # at the body's end: no paragraph after
    assert all(row in kept for row in PLAN)


FORM = ["<label>", "First name:", "<input", "value={form.firstName}", "onChange={e => {", "setForm({",
        "...form,", "firstName: e.target.value", "});", "}}", "/>", "</label>", "<label>", "Email:", "<input",
        "value={form.email}", "onChange={e => {", "setForm({", "...form,", "email: e.target.value", "});",
        "}}", "/>", "</label>"]


def test_a_code_sample_one_line_a_block_is_body() -> None:
    """A code sample whose lines come one a block (an extractor's output of a documentation page) is a run
    of short lines with code punctuation: body, with its closing braces, not a menu run or a chrome band
    that would take the rest of the page with it. A rule's worded line inside it ('Email:') still goes."""
    guide = [s.replace("service", "form") for s in STORY]
    cleaned = CLEANER.clean("\n".join(guide[:3] + FORM + guide[3:]) + "\n")
    assert all(p in cleaned.text for p in guide)
    kept = [d.block.text for d in cleaned.decisions if d.kept]
    assert [line for line in FORM if line not in kept] == ["Email:"]
    reasons = {d.reason for d in cleaned.decisions if d.block.text == "value={form.email}"}
    assert reasons == {"score:code (lines)"}


LONG = ("Children seem to attract things: when they are not leaving their own trail of plastic toys "
        "around the house, their friends and relatives bring more of them at every visit, so it helps to "
        "tell everyone early what you are trying to do, to suggest presents that are used up or shared, "
        "and to keep a box by the door for what the family has outgrown and can pass on.")


def test_a_long_paragraph_after_a_teaser_list_resumes_the_article() -> None:
    """In an extractor's output, a teaser heading near the end cuts its list; one long paragraph after the
    list (longer than a teaser's summary) is the article going on, and stays."""
    story = [s.replace("Paragraph", f"Part {n}") for n in range(2) for s in STORY]
    text = "\n\n".join([*story, "Related:", "Ten Cakes To Bake This Winter", LONG])
    out = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
    assert LONG in out and story[-1] in out
    assert "Ten Cakes" not in out


def test_a_passage_printed_twice_is_kept_once() -> None:
    """A page that prints its description twice (two layouts): the later copy of a passage with prose goes;
    lines without prose that recur by design (a plan's meals) all stay."""
    about = ["Make each cup of tea or coffee feel special with a mug that was thrown on the wheel by hand "
             "and finished in a matte glaze that is soft to the touch.", "Handmade stoneware."]
    story = [f"Part {n}. The council met on Tuesday and agreed that the new bridge will be built over "
             "the river by the end of the year, at a cost of two million pounds, the mayor said."
             for n in range(3)]
    out = CLEANER.clean("\n\n".join([story[0], *about, story[1], *about, story[2]])).text
    assert out.count(about[0]) == 1 and out.count(about[1]) == 1 and "Part 2." in out
    meals = ["Oats with berries and a spoon of yoghurt", "Lentil soup with a slice of rye bread",
             "Apple with a handful of almonds", "Grilled salmon with rice and green beans"]  # 27 words
    out = CLEANER.clean("\n\n".join([story[0], "Monday", *meals, "Tuesday", *meals, story[1]])).text
    assert all(out.count(m) == 2 for m in meals)
