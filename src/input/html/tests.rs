use super::*;

fn read(page: &str) -> String {
    text(
        Path::new("a.html"),
        page.as_bytes().to_vec(),
        InputEncoding::Auto,
    )
    .unwrap()
    .text
}

fn read_bytes(bytes: &[u8], encoding: &str) -> Result<Decoded> {
    text(
        Path::new("a.html"),
        bytes.to_vec(),
        encoding.parse().unwrap(),
    )
}

#[test]
fn inline_elements_join_and_blocks_break() {
    assert_eq!(read("<p>le <b>chat</b> dort</p>"), "le chat dort");
    assert_eq!(
        read("<div>Un.</div><div>Deux<br>trois</div><p>Quatre</p>"),
        "Un.\n\nDeux\ntrois\n\nQuatre"
    );
    assert_eq!(read("<p>a<br><br>b"), "a\n\nb");
    assert_eq!(
        read("<table><tr><td>Case un</td><td>Case deux</td></tr></table>"),
        "Case un\n\nCase deux"
    );
    assert_eq!(read("<ul><li>un<li>deux</ul>"), "un\n\ndeux");
}

#[test]
fn white_space_collapses_except_in_pre() {
    assert_eq!(read("<p>  le\n   chat \t dort </p>"), "le chat dort");
    assert_eq!(
        read("<p>Avant.</p><pre>ligne un\nligne deux</pre>"),
        "Avant.\n\nligne un\nligne deux"
    );
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        read("<p>L&#8217;&eacute;t&eacute;&nbsp;: 3&lt;4 &amp; &#x41;</p>"),
        "L\u{2019}été\u{a0}: 3<4 & A"
    );
}

#[test]
fn scripts_styles_controls_and_hidden_text_are_left_out() {
    let page = "<head><title>T</title><style>p{}</style></head><body>\
        <script>var x = '<p>non</p>';</script><noscript>Activez JS</noscript>\
        <p>Oui.</p><template><p>non</p></template><svg><text>non</text></svg>\
        <form><input value=non><button>Envoyer</button><select><option>non</select></form>\
        <p hidden>non</p><p style='display: none'>non</p><span aria-hidden=true>non</span>";
    assert_eq!(read(page), "Oui.");
}

#[test]
fn page_furniture_is_left_out() {
    let page = "<body><header><a href=/>Le Site</a> Édition du soir</header>\
        <nav><a href=/a>Accueil</a></nav>\
        <div class='cookie-banner'>Nous utilisons des cookies pour tout.</div>\
        <div id=shareBar>Partager sur les réseaux</div>\
        <div role=navigation>Rubriques du site</div>\
        <p>Le texte de l'article, avec <a href=/x>un lien</a> dedans.</p>\
        <ul><li><a href=/1>Autre article un</a></li><li><a href=/2>Autre article deux</a></li></ul>\
        <aside>Publicité</aside><div class='comments'>Premier commentaire</div>\
        <footer>Mentions légales</footer></body>";
    assert_eq!(read(page), "Le texte de l'article, avec un lien dedans.");
}

#[test]
fn an_articles_own_header_and_footer_are_kept() {
    let page = "<header>Le Site</header><article><header><p>Par Jean Dupont, le 3 mai.</p></header>\
        <p>Le texte.</p><footer><p>Photo de l'auteur.</p></footer></article>";
    assert_eq!(
        read(page),
        "Par Jean Dupont, le 3 mai.\n\nLe texte.\n\nPhoto de l'auteur."
    );
}

#[test]
fn content_words_outweigh_furniture_words() {
    let page = "<div class='main-content with-sidebar'><p>Le texte.</p></div>";
    assert_eq!(read(page), "Le texte.");
    let page = "<div class='wrapper has-sidebar'><nav>Menu</nav><p>Le texte.</p></div>";
    assert_eq!(read(page), "Le texte.");
    assert_eq!(
        words("site-navBar cookie_banner"),
        ["site", "nav", "bar", "cookie", "banner"]
    );
}

#[test]
fn a_paragraph_dense_in_links_is_still_a_paragraph() {
    let page = "<article><p><a href=/p>Paris</a> est la <a href=/c>capitale</a> de la \
        <a href=/f>France</a>.</p><p>Le texte.</p></article>";
    assert_eq!(
        read(page),
        "Paris est la capitale de la France.\n\nLe texte."
    );
}

#[test]
fn a_link_wrapped_in_a_span_stays_in_its_sentence() {
    assert_eq!(
        read("<p>La ville de <span class=x><a href=/paris>Paris</a></span> est grande.</p>"),
        "La ville de Paris est grande."
    );
}

#[test]
fn an_anchored_heading_is_not_a_link_list() {
    assert_eq!(
        read("<h2><a href='#s1'>Le contexte</a></h2><p>Le texte.</p>"),
        "Le contexte\n\nLe texte."
    );
    assert_eq!(
        read("<div><a href='#s1'>Le contexte</a> et le texte qui suit.</div>"),
        "Le contexte et le texte qui suit."
    );
}

#[test]
fn the_main_element_and_the_largest_article_are_preferred() {
    let page = "<div>Texte de la page autour.</div><main><p>Le contenu.</p></main>";
    assert_eq!(read(page), "Le contenu.");
    let page = "<div role=main><p>Le contenu.</p></div><div>Autour.</div>";
    assert_eq!(read(page), "Le contenu.");
    let page = "<div>Autour.</div><article><p>Un article bien plus long que le reste.</p></article>\
        <article><p>Un court.</p></article>";
    assert_eq!(read(page), "Un article bien plus long que le reste.");
}

#[test]
fn a_small_article_beside_the_content_is_not_taken_for_it() {
    let page = "<div><p>Le vrai contenu de la page, long de plusieurs phrases.</p></div>\
        <article><p>Un encart.</p></article>";
    assert_eq!(
        read(page),
        "Le vrai contenu de la page, long de plusieurs phrases.\n\nUn encart."
    );
}

#[test]
fn the_headline_comes_once() {
    let page = "<title>Le chat dort sur le tapis – Monde – Le Site</title>\
        <header><h1>Le chat dort sur le tapis</h1></header><article><p>Le texte.</p></article>";
    assert_eq!(read(page), "Le chat dort sur le tapis\n\nLe texte.");
    // The title is the tab's text, not the page's: never read.
    let page = "<title>Le chat dort sur le tapis – Monde – Le Site</title>\
        <article><p>Le texte.</p></article>";
    assert_eq!(read(page), "Le texte.");
    let page = "<title>Un titre de cinq mots</title><article><h1>Un titre de cinq mots</h1>\
        <p>Le texte.</p></article>";
    assert_eq!(read(page), "Un titre de cinq mots\n\nLe texte.");
    let page = "<title>Le Site</title><header><h1>Le Site</h1></header><p>Le texte.</p>";
    assert_eq!(read(page), "Le texte.");
}

#[test]
fn a_page_of_furniture_only_is_read_whole() {
    assert_eq!(
        read("<div class=sidebar><p>Le seul texte.</p></div>"),
        "Le seul texte."
    );
}

#[test]
fn a_page_without_text_is_an_error_naming_it() {
    let error = read_bytes(
        b"<html><script>alert(1)</script><style>p{}</style></html>",
        "auto",
    );
    assert_eq!(
        error.unwrap_err().to_string(),
        "a.html: web page: no text to read (only scripts, styles or menus)"
    );
}

#[test]
fn a_truncated_page_gives_the_text_it_has() {
    assert_eq!(
        read("<html><body><div><p>Le début.<p>La suite, coupée au mil"),
        "Le début.\n\nLa suite, coupée au mil"
    );
    assert_eq!(read("<p>Le texte.</p><div class=\"x"), "Le texte.");
}

#[test]
fn deeply_nested_divs_are_read_quickly_without_overflow() {
    let n = 100_000;
    let page = format!("{}Au fond.{}", "<div>".repeat(n), "</div>".repeat(n));
    let start = std::time::Instant::now();
    assert_eq!(read(&page), "Au fond.");
    // html5ever alone took 94 s on this page.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    let unclosed = format!("<p>Début.{}Fin.", "<span><div><b>".repeat(n / 3));
    assert!(read(&unclosed).ends_with("Fin."));
}

#[test]
fn the_declared_encoding_is_used() {
    let page = b"<meta charset=windows-1252><p>\xe9t\xe9</p>";
    let decoded = read_bytes(page, "auto").unwrap();
    assert_eq!((decoded.text.as_str(), decoded.guessed), ("été", None));
    let page = b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'><p>\xd0\xd2</p>";
    assert_eq!(read_bytes(page, "auto").unwrap().text, "пр");
}

#[test]
fn a_page_saying_utf8_in_windows_1252_is_a_reported_guess() {
    let page = b"<meta charset=utf-8><p>\xe9t\xe9</p>";
    let decoded = read_bytes(page, "auto").unwrap();
    assert_eq!(decoded.text, "été");
    assert_eq!(decoded.guessed, Some("windows-1252"));
}

#[test]
fn damaged_utf8_is_an_error_not_replacement_characters() {
    let page = "<meta charset=utf-8><p>été \u{2019}</p>".as_bytes();
    let cut = [&page[..page.len() - 6], b"\xe2\x80 fin</p>"].concat();
    let error = read_bytes(&cut, "auto").unwrap_err().to_string();
    assert!(error.contains("UTF-8"), "{error}");
}

#[test]
fn a_legacy_declaration_on_utf8_bytes_is_not_followed() {
    let page = "<meta charset=iso-8859-1><p>été</p>".as_bytes();
    let decoded = read_bytes(page, "auto").unwrap();
    assert_eq!((decoded.text.as_str(), decoded.guessed), ("été", None));
}

#[test]
fn the_users_encoding_and_a_bom_win_over_the_declaration() {
    let page = b"<meta charset=utf-8><p>\xe9t\xe9</p>";
    assert_eq!(read_bytes(page, "latin1").unwrap().text, "été");
    let page = [
        &b"\xef\xbb\xbf<meta charset=windows-1252><p>"[..],
        "été".as_bytes(),
    ]
    .concat();
    assert_eq!(read_bytes(&page, "auto").unwrap().text, "été");
}

#[test]
fn a_short_h1_in_the_content_keeps_the_title_out() {
    // Seed 002's headline was scraped as "in": its page title must not come back instead.
    let page = "<title>in – Monde – Actualités</title><article><h1>in</h1>\
        <p class=byline>Par la rédaction</p><p>Le texte.</p></article>";
    assert_eq!(read(page), "in\n\nLe texte.");
}

#[test]
fn plain_text_saved_as_html_keeps_its_lines() {
    assert_eq!(
        read("Un titre\n\nLe texte, 3 < 4.\n"),
        "Un titre\n\nLe texte, 3 < 4.\n"
    );
}

#[test]
fn xhtml_is_read_as_html() {
    let page = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
        <!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\">\n\
        <html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>T</title></head>\
        <body><p>Un<br/>deux</p><p><![CDATA[ignoré]]>Trois</p></body></html>";
    assert_eq!(read(page), "Un\ndeux\n\nTrois");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of markup, good and broken, that pages are made of.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div class=nav>",
            "<div>",
            "</div>",
            "<br>",
            "<b>",
            "</b>",
            "<a href=x>",
            "</a>",
            "<pre>",
            "</pre>",
            "<script>",
            "</script>",
            "<table><tr><td>",
            "<li>",
            "<svg><path/>",
            "</svg>",
            "<!--",
            "-->",
            "&eacute;",
            "&amp",
            "&#x",
            " ",
            "\n",
            "mot",
            "Phrase.",
            "<",
            ">",
            "\"",
            "<meta charset=utf-8>",
            "<x/>",
            "<h1>",
            "<article>",
            "<main>",
            "<nav>",
            "<header>",
            "<title>",
            "\u{a0}",
        ])
    }

    proptest! {
        #[test]
        fn any_page_reads_without_panic_to_tidy_text(pieces in prop::collection::vec(piece(), 0..60)) {
            let page = pieces.concat();
            let markup = has_markup(&page);
            if let Ok(decoded) = text(Path::new("a.html"), page.into_bytes(), InputEncoding::Auto) {
                let text = decoded.text;
                prop_assume!(markup);
                prop_assert!(!text.contains("\n\n\n"), "{:?}", text);
                prop_assert!(!text.contains(" \n") && !text.contains("\n "), "{:?}", text);
                prop_assert!(!text.starts_with(|c: char| c.is_ascii_whitespace()), "{:?}", text);
                prop_assert!(!text.ends_with(|c: char| c.is_ascii_whitespace()), "{:?}", text);
            }
        }
    }
}
