"""Language-neutral scoring (issue 12 item 4): a page's language picks its function words; sentence
ends, case tests and lettered list items work in every script."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from cleaner.features import NO_CASE, features, page_stopwords
from cleaner.language import detect, function_words, stoplists
from cleaner.rules import load_ruleset, normalise
from cleaner.scorers import Kind, label_like, score_block
from cleaner.tuning import TUNING
from cleaner.types import Block
from tests.test_safe_cuts import CLEANER, STORY

RULES = load_ruleset()
# jusText's lists on (off by default: docs/experiments.md, "## language")
LANG = replace(TUNING, stoplist_share=0.25, stoplist_hand=0.25)


def feats(text: str, stopwords: frozenset[str] = frozenset()):
    return features(Block(0, text, 0, len(text), 0), stopwords, RULES.particles)


def words_of(*paragraphs: str) -> frozenset[str]:
    return page_stopwords(list(paragraphs), RULES.stopwords, LANG)


PAGES = {  # language (jusText's name): a paragraph in it, and words that must count as function words
    "German": ("Der Bürgermeister sagte am Montag, dass die neue Brücke über den Fluss bis zum Ende des "
               "Jahres fertig sein wird und die Kosten bei zwei Millionen Euro liegen.",
               ["die", "der", "und"]),
    "Russian": ("Мэр города сказал в понедельник, что новый мост через реку будет построен до конца года, "
                "а его стоимость составит два миллиона евро.", ["что", "в", "через"]),
    "Greek": ("Ο δήμαρχος της πόλης είπε τη Δευτέρα ότι η νέα γέφυρα πάνω από τον ποταμό θα είναι έτοιμη "
              "μέχρι το τέλος του χρόνου και ότι το κόστος θα φτάσει τα δύο εκατομμύρια.",
              ["ότι", "της", "και"]),
    "Polish": ("Burmistrz miasta powiedział w poniedziałek, że nowy most na rzece zostanie zbudowany do "
               "końca roku, a jego koszt wyniesie dwa miliony euro.", ["że", "w", "na"]),
    "Spanish": ("El alcalde de la ciudad dijo el lunes que el nuevo puente sobre el río estará terminado "
                "antes del final del año y que costará dos millones de euros.", ["el", "que", "del"]),
    "Arabic": ("قال رئيس البلدية يوم الاثنين إن الجسر الجديد فوق النهر سيكتمل قبل نهاية العام وإن تكلفته "
               "ستبلغ مليوني يورو.", ["في", "من"]),
    "Hindi": ("महापौर ने सोमवार को कहा कि नदी पर बना नया पुल साल के अंत तक तैयार हो जाएगा और इसकी लागत दो "
              "करोड़ रुपये होगी।", ["के", "को", "और"]),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_page_gets_its_languages_function_words(lang: str) -> None:
    text, expected = PAGES[lang]
    s = stoplists(LANG.language_words)
    tokens = [t.casefold() for t in text.split()]
    assert s.names[detect(tokens, s, LANG.language_least)[0]] == lang
    page = words_of(text)
    assert page >= function_words(lang, LANG.stoplist_share)
    for w in expected:
        assert w.casefold() in function_words(lang, 1.0)  # casefold: Greek final sigma
    # the page's function words raise its prose's share over a list of another language
    assert feats(text, page).stop_ratio > feats(text, function_words("Vietnamese", 1.0)).stop_ratio


def test_die_counts_on_a_german_page_not_on_an_english_one() -> None:
    german = words_of("Die Stadt hat die Straße gesperrt, weil die Bauarbeiten an der Brücke länger dauern "
                      "als geplant und die Anwohner sich beschwert haben.")
    english = words_of("The council closed the road because the work on the bridge will take longer than "
                       "planned, and people who live nearby have complained about the noise.")
    assert "die" in german and "war" in german
    assert "die" not in english and "war" not in english and "man" not in english
    assert "the" in english and "you" in english and "the" not in german


def test_no_language_told_falls_back() -> None:
    fallback = frozenset({"x"})
    assert page_stopwords(["12 34 56", "7 8"], fallback, LANG) is fallback
    assert page_stopwords([], fallback, LANG) is fallback
    off = replace(TUNING, stoplist_share=0.0)
    assert page_stopwords(["Der Hund und die Katze sind im Haus."], fallback, off) is fallback


def test_a_page_in_two_languages_gets_both() -> None:
    menu = "Startseite Über uns Kontakt Impressum Datenschutz und die Nutzungsbedingungen der Seite"
    body = ("The council said on Monday that the new bridge over the river will be finished by the end of "
            "the year, and that it would cost about two million euros.")
    german = ("Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Wenn Sie die Seite "
              "weiter nutzen, stimmen Sie der Verwendung von Cookies zu.")
    words = words_of(menu, german, body)
    assert {"die", "und", "the", "would"} <= words


@pytest.mark.parametrize("text", [
    "यह एक वाक्य है। यह दूसरा है।",           # Devanagari danda
    "هذه جملة؟ وهذه أخرى؟",                  # Arabic question mark
    "یہ ایک جملہ ہے۔",                       # Urdu full stop
    "这是一个句子。",                          # CJK full stop
    "これは文です！",                          # fullwidth exclamation mark
    "ይህ አንድ ዓረፍተ ነገር ነው።",                # Ethiopic full stop
    "Really‼",
    "这座桥连接了两岸的居民！（记者 王明）",     # an aside after the mark: fullwidth parenthesis
    "他说：「明天见。」",                       # a quote closed by a corner bracket
    "『それでいい。』",                         # ... a white corner bracket
    "The bridge opened today. (Reporting by Jane Doe)",
])
def test_unicode_sentence_ends(text: str) -> None:
    f = feats(text)
    assert f.ends_sentence
    assert f.sentences >= 1


def test_caseless_script_is_neither_title_nor_lower_case() -> None:
    for text in ("سياسة الخصوصية وشروط الاستخدام", "गोपनीयता नीति और नियम", "นโยบาย ความเป็นส่วนตัว"):
        f = feats(text)
        assert f.title_ratio is NO_CASE and math.isnan(f.title_ratio)
        assert not f.title_ratio >= TUNING.label_case and not f.title_ratio < 0.5
    # a caseless line is a label by its length only, never for its case
    assert not label_like(feats("सबसे ज्यादा पढ़ी गई खबरें आज"), TUNING)
    assert label_like(feats("Most Read Stories Today"), TUNING)
    # cased scripts keep their ratio, a Latin word in a caseless line does not make it Title Case
    assert feats("Über Uns").title_ratio == 1.0
    assert feats("Новости Спорта").title_ratio == 1.0
    assert math.isnan(feats("Google के नए फोन की कीमत").title_ratio)


_JA_STORY = (
    "先日、不正に改造した携帯電話を販売したとして、商標法違反の疑いで男性が逮捕されました。報道によると、販売された端末は制限を"
    "解除したものでした。",
    "商標には、同じ商標が付された商品は同じ提供元のものであることを示す役割があります。消費者はその表示を見て商品を選んでいます。",
    "今回の事件のように、権利者の意思に基づかない改造がされた商品に商標が付されたまま販売されると、その役割が損なわれてしまいます。",
    "そのため、改造した商品を販売する行為は、商標権の侵害と判断される場合があります。十分に注意してください。")


def test_a_japanese_headline_that_repeats_the_page_title_opens_the_article() -> None:
    """Han and Kana part no words with spaces: the line that repeats a Japanese dump's page title (its first
    line) is counted by its characters, long enough to be the headline, and the tagline and menu above it
    are the page's head."""
    headline = "商品の改造が商標法違反に！？"
    dump = "\n".join([
        f"{headline} | 山田特許事務所",
        "お客様のブランドをお守りします。商標登録出願で弁理士が丁寧にサポートいたします。",
        "MENU", "無料相談・お問い合わせ", "HOME", "商標登録の基礎知識", "サービスのご案内", "お客様の声",
        "事務所案内・アクセス", "よくあるご質問", "HOME >", "ブログ >", headline, *_JA_STORY,
        "関連記事", "2016年08月03日", "検索", "カテゴリー", "商標 (32)", "判例事例 (10)", "人気記事",
        "Copyright © 2016 山田特許事務所 All Rights Reserved."])
    done = CLEANER.clean(dump)
    assert done.title == headline and done.text.startswith(headline)
    assert "サービスのご案内" not in done.text and "お客様のブランド" not in done.text
    assert all(p in done.text for p in _JA_STORY)


@pytest.mark.parametrize("first", ["Welcome to our site, where you find all the news of the city.",
                                   "हमारी वेबसाइट पर आपका स्वागत है, यहां आपको शहर की हर खबर मिलेगी।",
                                   "欢迎来到我们的网站，这里有城市的所有新闻。"])
def test_a_first_line_ending_with_any_scripts_full_stop_is_no_page_title(first: str) -> None:
    """A dump whose first line is a sentence (a full stop of any script ends it) has no page title there:
    a headline need not echo it, as the title anchor does not look for it."""
    from cleaner.headline import _echoes_title
    from cleaner.pipeline import assess

    items = assess(CLEANER.blocks(f"{first}\n\nOld bridge repairs begin"), CLEANER.rules)
    assert _echoes_title(items, 1, TUNING)


@pytest.mark.parametrize("text", ["б) второй пункт списка", "α. πρώτο στοιχείο", "क) पहला बिंदु",
                                  "b) second item"])
def test_lettered_list_items_in_any_script(text: str) -> None:
    assert feats(text).list_item


def test_capitalised_lettered_line_is_not_an_item() -> None:
    assert not feats("A. Smith said so").list_item
    assert not feats("Б. Иванов сказал").list_item


def test_hindi_paragraph_is_prose() -> None:
    text, _ = PAGES["Hindi"]
    s = score_block(feats(text, words_of(text)), TUNING)
    assert s.kind is Kind.GOOD, s.reason


PL_TEASER = "Rosjanie sugerują, że rozmowy o gazie mogą się zacząć w tym tygodniu, a rząd na razie milczy."
ES_TEASER = "Hackers atacan el sitio del gobierno y piden un rescate que nadie quiere pagar esta semana."
DE_TEASER = "Die Bahn will im nächsten Jahr mehr Züge fahren lassen, doch es fehlt an Personal und Geld."
EN_QUESTION = "How do you keep cooked pasta warm for two hundred guests without it turning into mush?"
FR_TEASER = "La grève des contrôleurs aériens perturbe les vols au départ de Paris pour la troisième journée."


@pytest.mark.parametrize("heading, teaser", [("Czytaj także", PL_TEASER),
                                             ("Noticias relacionadas", ES_TEASER),
                                             ("Top-Themen bei Fit for Fun", DE_TEASER),
                                             ("Weitere Artikel zum Thema:", DE_TEASER),
                                             ("Articles les plus lus", FR_TEASER),
                                             ("Explore related questions", EN_QUESTION)])
def test_a_teaser_heading_in_any_language_ends_the_article(heading: str, teaser: str) -> None:
    """Teaser headings cut the teasers under them in every language file: Polish, Spanish, German."""
    text = CLEANER.clean_blocks(CLEANER.blocks("\n\n".join([*STORY, heading, teaser])), extracted=True).text
    assert STORY[-1] in text and teaser not in text


@pytest.mark.parametrize("prompt", ["War der Artikel nützlich?", "Hat Ihnen dieser Artikel gefallen?",
                                    "Möchten Sie den Artikel teilen?", "Pressemitteilung als PDF",
                                    "Jetzt spenden!", "Ich akzeptiere die Datenschutzerklärung.",
                                    "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen.",
                                    "Mehr zum Thema Job und Karriere", "Mehr zu Klima und Konsum",
                                    "Unterstützen Sie uns mit Ihrem Beitrag",
                                    "Klick, um über Twitter zu teilen (Wird in neuem Fenster geöffnet)",
                                    "Name (erforderlich)",
                                    "E-Mail (erforderlich) (Adresse wird niemals veröffentlicht)",
                                    "Suche nach:", "Weitere Informationen", "Ansprechpartner",
                                    "Inhaltsverzeichnis", "Gib hier deinen Kommentar ein ...",
                                    "Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:",
                                    "Du kommentierst mit Deinem WordPress.com-Konto. ( Abmelden / Ändern)",
                                    "Verbinde mit %s",
                                    "Benachrichtigung bei weiteren Kommentaren per E-Mail senden.",
                                    "Informiere mich über neue Beiträge per E-Mail.",
                                    "Benachrichtige mich über nachfolgende Kommentare via E-Mail.",
                                    "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser "
                                    "speichern, bis ich wieder kommentiere.",
                                    "Wenn du ein Mensch bist, lasse das Feld leer:", "Beitrags-Navigation",
                                    "Zum Seitenanfang", "Zurück zur Übersicht", "Sie sind hier:", "Abbrechen",
                                    "Vorname", "E-Mail-Adresse", "Neueste Beiträge", "Letzte Kommentare",
                                    "Gefällt mir Lade …", "Liken Wird geladen...",
                                    "Diese Artikel könnten dich ebenfalls interessieren:",
                                    "Fotos: Tobias König und Michael Romstöck", "(Bild: Claudia Fischbacher)",
                                    "Vorheriger Artikel Immer mehr Wildschweine in Köln",
                                    "Nächster Beitrag: Neuerscheinung im Schatten der Gewalt",
                                    "Inhalt", "Mehr zum Wetter",
                                    "Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision.",
                                    "Über mich", "Schlagworte", "Zurück nach oben", "Neue Beiträge",
                                    "Weitere Beiträge", "Mehr von AD", "vor 16 Stunden",
                                    "Über uns", "Wir über uns", "Presse", "Pressemitteilungen", "Archiv",
                                    "Mediadaten", "Karriere", "Stellenangebote", "Abo", "E-Paper",
                                    "Mediathek", "Redaktion", "Spenden", "Mitglied werden",
                                    "Direkt zum Inhalt", "Passwort vergessen?", "Passwort:",
                                    "Angemeldet bleiben", "Impressum Datenschutz", "Netiquette",
                                    "Leichte Sprache", "Anzeigen", "Publikationen", "Mehr erfahren",
                                    "Alle Artikel", "Newsticker", "Zum Shop",
                                    "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr "
                                    "darüber, wie deine Kommentardaten verarbeitet werden.",
                                    "Die Inhalte dieses Blogs stehen unter einer Creative-Commons-Lizenz.",
                                    "Dieser Eintrag wurde veröffentlicht in Politik.",
                                    "Sie sind hier: Startseite / Aktuelles / Land zahlt 1,4 Millionen Euro",
                                    "Holen Sie sich meinen kostenlosen Newsletter", "Autorin: Anna Muster",
                                    "Der neue Steg am Hafen (Foto: Anna Muster)",
                                    "Eine der Windkraftanlagen am Hang. Foto: Max Beispiel",
                                    "Blick auf den Hafen am Abend © Anna Muster / Stadtarchiv"])
def test_a_german_pages_feedback_and_share_prompts_are_chrome(prompt: str) -> None:
    """German asks readers whether the article helped, to share or save it, to donate and to subscribe,
    and points them to more on a topic ('Mehr zum Thema Job und Karriere'); its comment form, search box,
    contact box, table of contents, breadcrumb, post navigation, sidebar widgets and like button are labelled
    and its photos credited ('Fotos: ...', '(Bild: ...)') in its own words; the German rule file knows them,
    as the English one knows 'Did you like this article?'."""
    story = [PAGES["German"][0], DE_TEASER]
    text = "\n\n".join([*story, prompt, *story[::-1]])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True)
    assert prompt not in cleaned.text and all(p in cleaned.text for p in story)
    assert next(d.reason for d in cleaned.decisions if d.block.text == prompt).startswith("rule:")


FR_STORY = ("Le maire a annoncé lundi que le nouveau pont sur la rivière sera terminé avant la fin de "
            "l'année et qu'il coûtera deux millions d'euros à la ville.",
            "Les travaux ont pris du retard à cause des pluies, mais la circulation reprendra en décembre.")
SECTION_LABELS = [("Spanish", label) for label in (
    "Opinión", "Mundo", "Sociedad", "Salud", "Tecnología", "ENTRETENIMIENTO", "Especiales", "MULTIMEDIA",
    "Turismo", "Música", "Educación", "Columnas", "Clasificados", "Internacional", "Nacional", "Actualidad",
    "Tendencias", "Negocios", "Espectáculos", "Farándula", "Horóscopo", "Suplementos", "ÚLTIMA HORA",
    "Quiénes somos", "Nosotros", "Contáctenos", "Contáctanos")] + [("French", label) for label in (
    "Monde", "Idées", "Cinéma", "Musique", "Éducation", "Emploi", "Dossiers", "Qui sommes-nous ?",
    "Contactez-nous", "Je m'abonne")] + [("Polish", label) for label in (
    "Kraj", "Świat", "Biznes", "Finanse", "Polityka", "Kultura", "Nauka", "Zdrowie", "Rozrywka", "Opinie",
    "Wiadomości", "Praca", "Muzyka", "Technologie", "Prenumerata", "Regulamin", "Polityka prywatności",
    "Drukuj", "Odpowiedz")]


@pytest.mark.parametrize("lang, label", SECTION_LABELS)
def test_a_section_label_or_a_house_link_alone_is_chrome(lang: str, label: str) -> None:
    """A news site's menu names its sections (Opinión, Monde, Kraj), its own pages (Quiénes somos,
    Qui sommes-nous ?, Regulamin) and its buttons (Je m'abonne, Drukuj) in its language; alone on a line, as
    a dump or an extractor leaves them between paragraphs, they are chrome, as 'Opinion' and 'Contact' are in
    English."""
    teaser = ES_TEASER if lang == "Spanish" else PL_TEASER
    story = list(FR_STORY) if lang == "French" else [PAGES[lang][0], teaser]
    text = "\n\n".join([*story, label, *story[::-1]])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True)
    assert label not in cleaned.text and all(p in cleaned.text for p in story)
    assert next(d.reason for d in cleaned.decisions if d.block.text == label) == "rule:navigation"


# a consent manager's opening paragraph under the IAB's framework, some 200 words
_IAB_OPENING = " ".join((
    "We and our 389 partners store and access personal data, like browsing data or unique identifiers, on",
    "your device. Selecting 'I Accept' enables tracking technologies to support the purposes shown under",
    "'we and our partners process data to provide', whereas selecting 'Reject All' or withdrawing your",
    "consent will disable them. If trackers are disabled, some content and ads you see may not be as",
    "relevant to you. You can resurface this menu to change your choices or withdraw consent at any time by",
    "clicking the 'Your Privacy Choices' link on the bottom of the webpage. Your choices will have effect",
    "within our website. For more details, refer to our Privacy Policy. Some of our partners process your",
    "data on the basis of their legitimate interest, which you can object to in the settings, and some of",
    "them keep it for longer than a session. The list of partners, the purposes they pursue and the data",
    "they keep is shown when you open the settings, together with the period for which each of them keeps",
    "the data it holds about your visits, your device and the pages you read here."))

NOTICES = [("Was this page helpful?", "feedback-invite"),
           ("Did you find this article useful?", "feedback-invite"), ("Was this helpful?", "feedback-invite"),
           ("You are using an out of date browser.", "interface-notice"),
           ("Your browser does not support the video tag.", "interface-notice"),
           ("Thank you! Your submission has been received!", "interface-notice"),
           ("You must log in or register to reply here.", "interface-notice"),
           ("You must log in to answer this question.", "interface-notice"),
           ("Not open for further replies.", "interface-notice"),
           ("This topic has been deleted. Only users with topic management privileges can see it.",
            "interface-notice"),
           ("Fill out the form to receive more information about the course.", "newsletter"),
           ("Subscribe Sign in", "navigation"), ("Previous Next", "navigation"),
           ("Add to cart", "navigation"), ("Add to Wishlist", "navigation"),
           ("Skip to main content Skip to footer", "screen-reader-hint"),
           ("Skip to content Open menu Search", "screen-reader-hint"), ("Last updated:", "byline"),
           ("Getty Images", "media-credit"), ("Frequently bought together", "related-heading"),
           ("Facebook X Bluesky LinkedIn Reddit Email Share Link", "share-row"),
           ("Your cart is empty", "interface-notice"),
           ("Thanks for reading! Subscribe for free to receive new posts and support my work.", "newsletter"),
           ("Similar threads", "related-heading"), ("Last edited:", "byline"),
           ("Share on X Share on LinkedIn Share on WhatsApp Share on Telegram Share on Mastodon "
            "Copy to clipboard", "share-link"),
           ("Facebook X Bluesky LinkedIn Reddit Pinterest Tumblr WhatsApp E-mail Share Link", "share-row"),
           ("No items found.", "interface-notice"),
           ("Something went wrong. Please try your request again later.", "interface-notice"),
           ("Thread starter Chris Hall", "member-line"),
           ("system Closed February 29, 2024, 4:25pm 14", "member-line"),
           ("Sorry, your browser doesn't support embedded videos.", "interface-notice"),
           ("There was an error while loading. Please reload this page.", "interface-notice"),
           ("Create an account or sign in to comment", "interface-notice"),
           ("Log in to reply", "interface-notice"),
           ("Forgot your password?", "interface-notice"), ("Install the app", "interface-notice"),
           ("Terms and rules", "interface-notice"),
           ("Follow along with the video below to see how to install our site as a web app on your home "
            "screen.", "interface-notice"),
           ("Back to all posts", "navigation"), ("Back to Blog", "navigation"),
           ("Last Updated Nov 6, 2025", "byline"),
           ("Reviewed by Monika Nemcova", "byline"), ("Fact checked by Fernando Flores", "byline"),
           ("You can find out more about which cookies we are using or switch them off in settings.",
            "cookie-notice"),
           ("Email Address*", "newsletter"),
           ("This field is for validation purposes and should be left unchanged.", "interface-notice"),
           ("Advertisement - Continue Reading Below", "navigation"), ("story continues below", "navigation"),
           ("Advertisement. Scroll to continue reading.", "navigation"),
           ("Rate this article", "feedback-invite"),
           ("No votes so far! Be the first to rate this post.", "feedback-invite"),
           ("Average rating 5 / 5. Vote count: 1", "feedback-invite"),
           ("This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            "comment-policy"), ("Post navigation", "navigation"), ("Recent Comments", "related-heading"),
           ("Open Menu Close Menu", "navigation"), ("Sign up or log in", "navigation"),
           ("Continue shopping", "navigation"), ("Sign me up", "navigation"), ("Open in app", "navigation"),
           ("Report abuse", "navigation"), ("Popular Searches", "navigation"), ("Media Kit", "navigation"),
           ("Search titles only", "navigation"), ("Everywhere Threads This forum This thread", "navigation"),
           ("Search Advanced search…", "navigation"), ("Go to page", "navigation"),
           ("Skip Navigation", "screen-reader-hint"), ("Manage consent", "cookie-notice"),
           ("We Care About Your Privacy", "cookie-notice"), ("Consent Leg.Interest", "cookie-notice"),
           ("Do Not Sell My Personal Information", "cookie-notice"),
           ("We and our partners process data to provide:", "cookie-notice"),
           ("Thanks for your feedback!", "feedback-invite"),
           ("Notify me of followup comments via e-mail", "comment-policy"),
           ("Click here to cancel reply.", "comment-policy"),
           ("You are commenting using your WordPress.com account. ( Log Out / Change )", "comment-policy"),
           ('" * " indicates required fields', "comment-policy"),
           ("Leave this field empty if you're human:", "comment-policy"),
           ("Note: This feature may not be available in some browsers.", "interface-notice"),
           ("By Kyle Howells 15 min read", "byline"),
           ("By David Kim • December 17, 2025 • 11 min read", "byline"),
           ("Previous post: The World Needs More Love Letters", "inline-teaser"),
           ("Next article: Go Wins 2010 Bossie Award", "inline-teaser"),
           ("← Previous: Martha Stewart Wire", "inline-teaser"),
           ("Previous: SQLAlchemy ORM Next: ORM Mapped Class Configuration", "inline-teaser"),
           ("Newer Post Older Post Home", "navigation"), ("Older Post Home", "navigation"),
           ("Cart 0", "navigation"), ("Why Trust Us?", "navigation"), ("Contributing Writer", "navigation"),
           ("You are here: Home / Blog / Oklahoma / The Best Restaurants in Tulsa", "breadcrumb"),
           ("Sign up for exclusive offers, new arrivals and more", "newsletter"),
           ("Sign up for updates and offers", "newsletter"),
           ("Get the latest news and updates", "newsletter"),
           ("Get the latest updates on new products", "newsletter"),
           ("Join our mailing list", "newsletter"), ("Join our email list today!", "newsletter"),
           ("Subscribe to our mailing list for training tips and updates on our programs.", "newsletter"),
           ("Free shipping on orders over $75. Easy returns.", "shop-banner"),
           ("Free standard shipping on orders $40+", "shop-banner"),
           ("Edit this page", "navigation"), ("Edit this page on GitHub", "navigation"),
           ("Unit price / per", "navigation"), ("Quote", "navigation"),
           ("Sign Up", "navigation"), ("Newsletters", "navigation"),
           ("Newsletter sign-up", "newsletter-heading"), ("Our Newsletters", "newsletter-heading"),
           ("Name (required)", "comment-policy"), ("Email (required)", "comment-policy"),
           ("Mail (will not be published) (required)", "comment-policy"),
           ("We are using cookies to give you the best experience on our website.", "cookie-notice"),
           (_IAB_OPENING, "consent-purpose"),
           ("Thanks for contributing an answer to Garden Questions!", "interface-notice"),
           ("Please be sure to answer the question. Provide details and share your research!",
            "interface-notice"),
           ("But avoid …", "interface-notice"),
           ("Asking for help, clarification, or responding to other answers.", "interface-notice"),
           ("To learn more, see our tips on writing great answers.", "interface-notice"),
           ("Draft saved", "interface-notice"), ("Required, but never shown", "interface-notice"),
           ("Start asking to get answers", "interface-notice"),
           ("See similar questions with these tags.", "interface-notice"), ("Ask question", "navigation"),
           ("Start a free trial", "navigation"), ("Free trial", "navigation"),
           ("Get started for free", "navigation"), ("Start now", "navigation"),
           ("Download now", "navigation"), ("Apply Now", "navigation"), ("Request a demo", "navigation"),
           ("Functional cookies help to perform certain functionalities like sharing the content.",
            "cookie-notice"),
           ("Other uncategorized cookies are those that are being analyzed and have not been classified yet.",
            "cookie-notice"),
           ("Use precise geolocation data", "consent-purpose"),
           ("Actively scan device characteristics for identification", "consent-purpose"),
           ("To subscribe to this RSS feed, copy and paste this URL into your RSS reader.",
            "interface-notice"),
           ("Skip to primary navigation", "screen-reader-hint"),
           ("Skip to product information", "screen-reader-hint"), ("In This Section", "navigation"),
           ("Register a new account", "navigation"), ("Sign In Now", "navigation"),
           ("View all posts", "navigation"), ("View All Products", "navigation"),
           ("View all results", "navigation"), ("Work with us", "navigation"),
           ("Partner with us", "navigation"),
           ("Join our team", "navigation"), ("Store locator", "navigation"), ("Find a Doctor", "navigation"),
           ("Request a quote", "navigation"), ("Book a consultation", "navigation"),
           ("Get in touch with us", "navigation"), ("Learn more about us", "navigation"),
           ("Accessibility Statement", "navigation"), ("Code of Conduct", "navigation"),
           ("Press Room", "navigation"), ("Create Account", "navigation"), ("Manage cookies", "navigation"),
           ("Log in/Register", "navigation"), ("RSS Feeds", "navigation"), ("Search Search", "navigation"),
           ("Loading comments...", "navigation"), ("Editorial Guidelines", "navigation"),
           ("Ad Choices", "navigation"), ("AdChoices", "navigation"), ("Community Guidelines", "navigation"),
           ("Jump to content", "navigation"), ("Dark mode", "navigation"), ("Return Policy", "navigation"),
           ("New posts", "navigation"), ("Letters to the Editor", "navigation"),
           ("Meet the Team", "navigation"), ("White Papers", "navigation"), ("Masthead", "navigation"),
           ("Product updates", "navigation"), ("Subtotal", "navigation"),
           ("Become an Affiliate", "navigation"), ("Returns & exchanges", "navigation"),
           ("Cookies Policy", "navigation"), ("Track your order", "navigation"), ("Your cart", "navigation"),
           ("open navigation menu", "navigation"), ("Join now", "navigation"), ("English (US)", "navigation"),
           ("Sorted by: Reset to default", "interface-notice"), ("Our Team", "navigation"),
           ("What We Do", "navigation"), ("Get Involved", "navigation"), ("Industries", "navigation"),
           ("Forums", "navigation"), ("Donate", "navigation"),
           ("The harbour at dawn, seen from the old pier © Anna Doe", "caption-credit")]


@pytest.mark.parametrize("prompt, rule", NOTICES)
@pytest.mark.parametrize("at", [2, len(STORY)])
def test_a_prompt_a_notice_or_a_control_is_chrome(prompt: str, rule: str, at: int) -> None:
    """Documentation and help pages ask whether the page helped ('Was this page helpful?'); the page's
    software talks about the browser, a form or a thread ('You must log in or register to reply here.');
    a page prints its controls side by side on one line (a header's 'Subscribe Sign in', a carousel's
    'Previous Next', a share row of today's networks, a shop's 'Add to cart' and its teasers' heading),
    an update stamp's label without its date, a stock agency's name alone under a photo. The English rule
    file knows them, inside the article as under it."""
    text = "\n\n".join([*STORY[:at], prompt, *STORY[at:]])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True)
    assert prompt not in cleaned.text and all(p in cleaned.text for p in STORY)
    assert next(d.reason for d in cleaned.decisions if d.block.text == prompt) == f"rule:{rule}"


@pytest.mark.parametrize("extracted", [True, None])
def test_a_price_or_a_rate_alone_on_its_line_is_content(extracted: bool | None) -> None:
    """A plan's or a product's price and a rate ('$9.99', '40%') stand alone on their lines in a shop's, a
    listing's or a service page's text: figures with their unit are the content's data; a bare count and a
    separator ('12', '|') are a counter's and a menu's."""
    plan = ["Starter", "$9.99", "Team", "$19.99 / month", "Savings", "40%"]
    text = "\n\n".join([*STORY[:2], *plan, *STORY[2:], "12", "|"])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=extracted)
    kept = [d.block.text for d in cleaned.decisions if d.kept]
    assert all(line in kept for line in plan) and all(p in kept for p in STORY)
    assert "12" not in kept and "|" not in kept


@pytest.mark.parametrize("extracted", [True, None])
def test_a_rule_of_underscores_is_the_texts_own(extracted: bool | None) -> None:
    """A wire story sets its notes and credits apart with a line of underscores ('___'), which the text keeps;
    other lines without a letter (a scene break's '* * *', a menu's '|') are separators of the page."""
    text = "\n\n".join([*STORY[:2], "___", *STORY[2:], "* * *", "|"])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=extracted)
    kept = [d.block.text for d in cleaned.decisions if d.kept]
    assert "___" in kept and all(p in kept for p in STORY)
    assert "* * *" not in kept and "|" not in kept


@pytest.mark.parametrize("extracted", [True, None])
def test_a_service_pages_section_headings_are_kept(extracted: bool | None) -> None:
    """'Features' and 'FAQ' head a product's or a service page's sections as often as they name a menu's
    entries, and the menu goes by its run and the body's region; a footer's row of links that holds 'FAQ'
    is still a footer's."""
    text = "\n\n".join([*STORY[:2], "Features", *STORY[2:4], "FAQ", *STORY[4:], "FAQ | Contact us"])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=extracted)
    kept = [d.block.text for d in cleaned.decisions if d.kept]
    assert "Features" in kept and "FAQ" in kept and all(p in kept for p in STORY)
    assert "FAQ | Contact us" not in kept


@pytest.mark.parametrize("line", ["Originally published on Live Science.",
                                  "This article was originally published by Futurism. Read the original.",
                                  "Read next: 7 lessons for successful machine learning projects",
                                  ">> Find Out More: A 2026 Guide to VPNs"])
def test_an_articles_own_note_or_link_inside_it_is_kept(line: str) -> None:
    """Where a story first appeared ('Originally published on ...') is the story's own note, and a guide's
    'Read next: ...' or 'Find out more: ...' inside its text is one of its links: the gold sets keep them,
    and no host prints them as chrome often enough for a rule."""
    text = "\n\n".join([*STORY[:3], line, *STORY[3:]])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True)
    assert line in cleaned.text and all(p in cleaned.text for p in STORY)


@pytest.mark.parametrize("line, rule", [("Mehr von AD", "inline-teaser"), ("Mehr von uns", "inline-teaser"),
                                        ("Mehr von der Welt sehen", None), ("Mehr von allem", None),
                                        ("Mehr zum Wetter", "inline-teaser"), ("Mehr zu den Kosten", None)])
def test_more_from_a_site_is_a_teaser_link_a_subheading_is_not(line: str, rule: str | None) -> None:
    """'Mehr von <Magazin>' and 'Mehr zum <Thema>' link to a site's other pages; a subheading that goes on
    with an article ('Mehr von der Welt sehen', 'Mehr zu den Kosten') is the text's own."""
    hit = RULES.first_match(line, normalise(line), len(line.split()))
    assert (hit.id if hit else None) == rule


def test_a_link_line_with_its_new_window_hint_is_kept() -> None:
    """A link of the text (a report, a form, a listing's entry) may carry the hint that it opens in a new
    window; the hint alone on its line is chrome (screen-reader-hint), the line it ends is not."""
    link = "Download the council's full report on the new bridge (opens in new window)"
    text = "\n\n".join([*STORY[:2], link, *STORY[2:]])
    assert link in CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text


def test_a_sentence_about_updating_browsers_is_no_notice() -> None:
    """The notice is the page's own line ('Please update your browser'); an article's sentence that advises
    the same is body."""
    advice = "Security experts say you should update your browser regularly to close holes like this one."
    text = "\n\n".join([*STORY[:2], advice, *STORY[2:]])
    assert advice in CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text


@pytest.mark.parametrize("heading", ["Article Sources", "Citations"])
def test_a_source_list_heading_ends_the_article(heading: str) -> None:
    """A finance or reference site closes its article with 'Article Sources' (or 'Citations'), the
    editorial policy and the list of sources: the article is over (rule sources-heading)."""
    sources = [heading,
               "Our writers are required to use primary sources such as white papers, government data and "
               "interviews with industry experts to support their work.",
               "Federal Reserve Bank. \"Consumer Credit Report 2024.\""]
    text = "\n\n".join([*STORY, *sources])
    cleaned = CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
    assert all(p in cleaned for p in STORY) and not any(s in cleaned for s in sources)


@pytest.mark.parametrize("line", ["Bisher keine Kommentare", "Noch keine Kommentare",
                                  "Keine Kommentare for \u201cMalaga, die quirlige Metropole\u201d",
                                  "Schreibe einen Kommentar Antworten abbrechen",
                                  "Kommentar verfassen Antwort abbrechen"])
def test_a_german_no_comments_line_ends_the_article(line: str) -> None:
    """A German blog says it has no comments yet ('Bisher keine Kommentare') where its comment section
    starts: the article is over, and the line is chrome (rule comments-heading of the German file)."""
    story = [PAGES["German"][0], DE_TEASER, PAGES["German"][0].replace("Montag", "Dienstag")]
    form = "Schreibe einen Kommentar zu diesem Beitrag und teile deine Meinung mit den anderen Lesern."
    cleaned = CLEANER.clean_blocks(CLEANER.blocks("\n\n".join([*story, line, form])), extracted=True)
    assert all(p in cleaned.text for p in story) and line not in cleaned.text
    assert next(d.reason for d in cleaned.decisions if d.block.text == line) == "rule:comments-heading"


@pytest.mark.parametrize("line", [
    "Flatliner is a handy code editor that helps to test the Flatline expressions.",
    "Veed is the most fully featured online video editor that I've found so far.",
    "Who is the author? Nationality, training and interests shape what a source says."])
def test_a_tool_or_a_question_is_no_author_bio(line: str) -> None:
    """An author's bio names a person who is a writer or an editor ('Jane Doe is a freelance writer'); a
    review names a tool that is an editor, with a thing's 'that' where a person's is 'who', and a guide asks
    who the author is: both are body, which the rule author-bio leaves alone."""
    text = "\n\n".join([*STORY[:2], line, *STORY[2:]])
    assert line in CLEANER.clean_blocks(CLEANER.blocks(text), extracted=True).text
