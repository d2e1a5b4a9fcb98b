"""Every threshold and weight of the engine, in one frozen record (``Tuning``), one line of why each.

``TUNING`` holds the balanced mode's values; ``MODES`` overrides a few for precision and recall
(``for_mode``). The steps read the record they are handed (``Page.t``, the ``t`` argument), never a
copy of a value, so a variant is one ``dataclasses.replace`` away:

    >>> from dataclasses import replace
    >>> from cleaner import Cleaner
    >>> Cleaner(tuning=replace(TUNING, end_share=0.3)).clean("Hello there.").text
    'Hello there.'

(or, for every Cleaner built afterwards in this process, ``cleaner.tuning.TUNING = replace(...)``).
Fields are grouped by the module that reads them; docs/experiments.md has what was measured.
Implementation limits (cache sizes, chunk lengths, time-outs) stay in their modules: they change
speed and memory, never a label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .config import Mode


@dataclass(frozen=True, slots=True)
class Tuning:
    # --- scorers.py, per mode (MODES): jusText's defaults translated to words (Pomikalek 2011)
    good_words: int = 10          # words for a prose block (jusText length_high ~ 200 chars)
    text_words: int = 2           # text (no markup): prose needs this many words more (a line of text that
                                  # long is a teaser title or a caption as often as a sentence)
    near_words: int = 5           # words for a near-good block (jusText length_low ~ 70 chars)
    stop_good: float = 0.26       # function-word share of prose (jusText stopwords_high 0.32)
    stop_near: float = 0.20       # function-word share of near-good text (jusText stopwords_low 0.30)
    stop_bad: float = 0.12        # below this function-word share a long block is not prose
    code_marks: int = 2           # ... but with this many code marks (=;{}<, calls) and no URL a code sample
    short_weight: float = -0.5    # what one undecided block costs a body region
    label_weight: float = -2.0    # what one short label-like line (Title Case, no sentence) costs
    bad_weight: float = -0.6      # what one chrome-looking word costs a body region
    menu_run: int = 3             # this many headline-like lines in a row in a dump's body: a teaser list
    band: int = 3                 # this many chrome-looking blocks in a row end a dump's article (0: never)

    # --- scorers.py, every mode
    near_weight: float = 0.5      # a near-prose block counts half its words: body only beside body
    item_weight: float = 0.3      # a list item or table row weighs this a word (at least 1): under prose
    item_link_words: int = 3      # a list item with an URL is a link entry up to this many words
    links: float = 0.8            # a short block this much inside links is a link-list entry (jusText 0.2
    linked_words: int = 20        # ... for any block; here up to this long: extracted text keeps its links)
    url_words: int = 12           # a block with an URL up to this long is a bare link line
    cjk_title: int = 20           # Han/Kana text this short without a full stop is a title, not prose
    menu_separators: int = 2      # a line with this many menu separators (| • »), ...
    separator_words: int = 4      # ... one per at most this many words, is a menu row
    menu_digits: float = 0.4      # a short line with more than this share of digits is a counter, a date row
    digit_words: int = 8          # ... when at most this many words long
    label_words: int = 6          # a label (menu entry, teaser title) has at most this many words, ...
    label_case: float = 0.6       # ... this share of them capitalised, ...
    label_any_case: int = 2       # ... or is this short, whatever its case

    # --- features.py, segment.py: measurements
    cell_words: int = 10          # a data table's row has at most this many words a cell (layout: more)
    cjk_particles: float = 4.0    # CJK function-word share: particles per Han/Kana character times this
    wrap_min: int = 50            # a shorter line is never a wrapped line of prose (dumps wrap at 72-80)
    stoplist_share: float = 0.0   # a page's function words: this share of its language's jusText list,
                                  # most frequent first (0: the merged hand-kept lists, stopwords.toml),
    stoplist_hand: float = 0.25   # ... or, for a language with a hand-kept list, that list and this share
    language_words: int = 200     # a page's language: the jusText list, cut to this many words, ...
    language_blocks: int = 8      # ... that holds most words of its this many longest blocks, ...
    language_tokens: int = 400    # ... at most this many of their words (an equal share each), ...
    language_least: int = 3       # ... at least this many of them in the language's list;
    languages: int = 2            # a page has up to this many languages, ...
    language_near: float = 0.25   # ... each holding, of the words the ones before do not, this share of
                                  # the words the first holds

    # --- assess.py, tables.py: phase 1
    calibrate_blocks: int = 5     # the longest blocks of a page test its function-word list, ...
    calibrate_chars: int = 40     # ... those at least this long; ...
    calibrate_stop: float = 0.12  # ... if none reaches this share it does not fit: punctuation judges prose
    anchor_words: int = 3         # a line that repeats the page title has at least this many words, ...
    anchor_length: int = 2        # ... and, holding the title, is under this many times its length
    anchor_prose: int = 25        # ... and a sentence of prose length follows within this many blocks
    repeated_words: int = 8       # a repeated line up to this long is a menu entry or caption (longer: a
                                  # pull quote)
    table_numbers: int = 3        # a line with this many standalone numbers or more (scores, prices) ...
    table_rows: int = 4           # ... in a run of this many lines with the same count is a table row
    shape_symbols: int = 3        # symbols of a line's shape (letters dropped, numbers as 0) compared
    code_lines: int = 3           # a run of this many short lines with code punctuation is a code sample,
    code_bridge: int = 2          # ... across at most this many other short lines in a row

    # --- region.py: the body region
    extracted_share: float = 0.3  # under this share of chrome-looking lines: an extractor's output
    label_runs_share: float = 0.4  # a dump under this share: menu runs are labels and Title Case only
    anchor_bonus: float = 100.0   # the headline that repeats the page title: the article starts here
    wall: int = 2                 # chrome-looking blocks before the headline that cut the page's head off
    rule_weight: float = -3.0     # what a short block that a drop rule matched costs a body region
    duplicate_weight: float = -2.0  # a short line that occurs twice in one page is a menu entry
    list_lookahead: int = 3       # short lines extend the body if a list item comes within this many
    announce_words: int = 8       # a sentence this long ending in a colon announces the list under it, ...
    announced_lines: int = 2      # ... of at least this many short lines
    headline_words: tuple[int, int] = (3, 30)  # a headline's length in words, shortest and longest
    outside_prose: float = 2.0    # a dump whose region leaves out this many times the prose it holds is
                                  # not one article with chrome around it: it is kept whole, as extracted;
    region_prose: int = 20        # ... so is one whose region holds fewer prose words than this (a grid of
                                  # products, a code listing, a table: no article to cut around)

    # --- widen.py: trafilatura's region against the page's own body (HTML)
    widen_ratio: float = 3.0      # the page's own body keeps this many times the words of the region, ...
    widen_overlap: float = 0.8    # ... holding this share of the region's kept words: the body is wider
    widen_least: int = 40         # ... (a region that kept fewer words, a menu line, is not compared)
    widen_look: float = 4.0       # the page is read whole only if its text is this many times the region's
    main_ratio: float = 1.4       # a page with a <main> element: its body is wider at this many times the
                                  # region's words (it holds no header, menu or footer to mistake for content)
    full_look: float = 20.0       # a page's text this many times the words kept of trafilatura's fast region:
                                  # its full extraction (fallback extractors compared) is read instead
    second_look: float = 16.0     # a page's text this many times the words kept of trafilatura's recall
                                  # region: its default mode is asked too, ...
    second_ratio: float = 2.0     # ... and taken when the engine keeps this many times the words of it, ...
    second_words: int = 150       # ... and at least this many

    # --- lead.py: the page's lead, as its meta description declares it (HTML)
    lead_words: int = 10          # a description this many words or more is the page's lead, ...
    lead_span: float = 4.0        # ... found in the element that opens with it and holds at most this many
                                  # times its words (its paragraph, not a container of the article)

    # --- listing.py: a page made of many short items (HTML)
    listing_items: int = 4        # a listing has this many sibling records of one kind or more, ...
    listing_least: int = 5        # ... of at least this many words on average (fewer: icons, menu entries),
    listing_distinct: float = 0.8  # ... this share of them distinct (a carousel's copies are one record),
    listing_item_words: int = 40  # ... and at most this many (more: a comment's or an article's paragraphs),
    listing_sentences: float = 1.0  # ... a sentence or less each, ...
    listing_links: float = 0.9    # ... under this share of their words in links (a menu, a teaser list), ...
    listing_words: int = 150      # ... at least this many words in all (a sidebar's list is shorter); ...
    listing_ratio: float = 2.0    # ... they are the page's content when they hold this many times the
                                  # words the engine kept of it

    # --- learnt.py: --sites
    learnt_weight: float = -5.0   # at most what a line learnt across a site's pages weighs (learnt region)

    # --- ends.py: where the article ends
    band_after: float = 2.0       # a chrome band ends a dump's article unless over this times the prose
                                  # before it follows
    band_recurring: int = 2       # ... or a rule-matched line of it came this many times between the body's
                                  # paragraphs before it (a separator of the page's records)
    end_share: float = 0.2        # an end marker ends the article once this share of its prose precedes, ...
    end_words: int = 100          # ... or this many words of prose (a short post with long comments)
    end_after: float = 3.0        # a dump: but not when over this many times that prose follows and no
                                  # comment thread does (one signal does not cut more body than it leaves)
    end_recurring: int = 1        # ... nor a marker the body printed this many times between its paragraphs
                                  # before it (a 'Reply' under each post)
    resume_paragraphs: int = 4    # this many paragraphs in a row after a teaser list: the article resumes,
    resume_prose: float = 0.5     # ... when at least this share of them is prose
    resume_words: int = 60        # ... or one paragraph of prose this long (a teaser's summary is shorter)
    tail_share: float = 0.25      # a teaser heading ends the article when under this share of prose follows
    promo_words: int = 4          # a line a drop rule matched this long is a promo sentence, no separator
    trailer_paragraphs: int = 1   # at most this many prose paragraphs after a promo: the page's trailer
    stamp_words: int = 14         # a comment's stamp line (author, date, "Reply") is at most this long
    thread_stamps: int = 3        # this many stamps in the thread_window blocks after an end marker ...
    thread_window: int = 20       # ... are a comment thread, ...
    thread_first: int = 4         # ... if the first comes within this many blocks (a dateline comes later)

    # --- headline.py: the headline, its repeats, standfirsts, shouted titles
    headline_skip: int = 3        # bylines, datelines, share rows that may stand between headline and body
    title_lookahead: int = 5      # HTML: the block repeating the page title is among this many opening ones
    echo_share: float = 0.5       # a headline shares at least this share of its words with the page title
    standfirst_words: int = 10    # a subheading this long right under the headline is its summary
    shouted_words: int = 8        # text: a line this long all in capitals, no sentence end, is a teaser
    shouted_link_words: int = 3   # HTML: a link in capitals this long is a promo even between paragraphs

    # --- menus.py, looks.py: menu runs, teaser lists, lists without bullets
    label_run_extra: int = 1      # extracted input: a run of labels is chrome at menu_run plus this many
    title_case: float = 0.7       # a teaser title this much in Title Case may end in ? ! or )
    teaser_words: int = 20        # a line without a sentence end up to this long can be a teaser title
    teaser_case: float = 0.6      # extracted input: a run of lines this share capitalised, ...
    teaser_min_words: int = 4     # ... each this long, ...
    teaser_stop: float = 0.15     # ... this function-word share on average, no paragraph after: teasers
    link_entries: float = 0.5     # HTML region: link lines this share of its blocks or more are its entries

    # --- copies.py: a passage the kept text already holds
    copy_words: int = 20          # a repeated passage this long, with a paragraph of prose, is a copy


TUNING = Tuning()  # the balanced mode

MODES: dict[Mode, dict[str, object]] = {  # what precision and recall change
    Mode.PRECISION: dict(good_words=14, near_words=8, stop_good=0.30, stop_near=0.24, stop_bad=0.15,
                         short_weight=-1.0, label_weight=-3.0, bad_weight=-1.0, menu_run=3, band=2,
                         text_words=0),  # its prose is already as long as balanced text's
    Mode.BALANCED: {},
    Mode.RECALL: dict(good_words=8, near_words=4, stop_good=0.22, stop_near=0.16, stop_bad=0.08,
                      short_weight=-0.25, label_weight=-1.0, bad_weight=-0.3, menu_run=5, band=0),
}


def for_mode(mode: Mode, base: Tuning | None = None) -> Tuning:
    """``base`` (default: the current ``TUNING``) with ``mode``'s overrides."""
    return _for_mode(mode, TUNING if base is None else base)


@lru_cache(maxsize=32)
def _for_mode(mode: Mode, base: Tuning) -> Tuning:
    changes = MODES[mode]
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]
