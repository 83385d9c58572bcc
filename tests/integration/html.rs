//! Web pages in: the text of the article, without markup, entities, scripts or page furniture.

use crate::harness::*;

/// Site furniture every page of the test site has, in `lang`: none of it may reach the output.
const FURNITURE: [&str; 9] = [
    "Accueil",
    "Home",
    "Tous droits",
    "All rights",
    "cookies",
    "Partager",
    "Share",
    "Lire aussi",
    "Read more",
];

/// A saved news page: the article's paragraphs in `<p>`s (one holding a `<br>`), a table, and
/// around them a header, a menu, a cookie banner, a share bar, an aside of links, a footer, a
/// script and a style.
fn page(lang: &str, title: &str, paragraphs: &[&str], table: [&str; 2]) -> String {
    let (home, rights, cookies, share, more) = match lang {
        "fr" => (
            "Accueil",
            "Tous droits réservés",
            "Ce site utilise des cookies. Accepter ?",
            "Partager sur Facebook",
            "Lire aussi",
        ),
        _ => (
            "Home",
            "All rights reserved",
            "This site uses cookies. Accept?",
            "Share on Facebook",
            "Read more",
        ),
    };
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html>\n<html lang={lang}><head><meta charset=utf-8><title>{title} &ndash; Le Journal</title>\n\
         <style>p {{ color: red }} .x::after {{ content: '<b>' }}</style>\n\
         <script>var menu = \"<nav>{home}</nav>\"; if (a < b && c) {{ track(); }}</script></head>\n\
         <body><header class=site-header><a href=/>Le Journal</a>\n\
         <nav class=main-menu><ul><li><a href=/>{home}</a><li><a href=/monde>Monde</a><li><a href=/eco>Économie</a></ul></nav></header>\n\
         <div id=cookie-consent>{cookies} <button>OK</button></div>\n\
         <main><article><h1>{title}</h1>\n\
         <div class=\"share-bar social\"><a href=/fb>{share}</a> <a href=/tw>Twitter</a></div>\n\
         {body}<table><tr><td>{}</td><td>{}</td></tr></table>\n\
         </article>\n\
         <aside><h2>{more}</h2><ul><li><a href=/1>{more} : un</a><li><a href=/2>{more} : deux</a></ul></aside></main>\n\
         <footer><p>&copy; 2024 Le Journal. {rights}.</p></footer>\n\
         <script src=/app.js></script></body></html>\n",
        table[0], table[1]
    )
}

fn french_page() -> String {
    page(
        "fr",
        "Le gouvernement pr&eacute;sente un plan d&#8217;&eacute;conomies",
        &[
            "Le gouvernement a pr&eacute;sent&eacute; mardi un plan d&rsquo;&eacute;conomies de 12 milliards d&#8217;euros. \
             Le texte sera examin&eacute; par l&#x2019;Assembl&eacute;e nationale <b>d&egrave;s la semaine prochaine</b>.",
            "&laquo;&nbsp;Nous n&rsquo;avons pas le choix&nbsp;&raquo;, a d&eacute;clar&eacute; M. Lef&egrave;vre devant la presse.<br>\
             Mme Sophie Marchand, pr&eacute;sidente de la commission des finances, a salu&eacute; un effort n&eacute;cessaire.",
            "Les syndicats ont appel&eacute; &agrave; une journ&eacute;e de mobilisation le 14 mars. \
             L&rsquo;opposition d&eacute;nonce un budget <a href=/budget>injuste</a>.",
        ],
        [
            "Recettes : 300 milliards d'euros.",
            "Dépenses : 450 milliards d'euros.",
        ],
    )
}

fn english_page() -> String {
    page(
        "en",
        "The government unveils a savings plan",
        &[
            "The government unveiled a 12 billion euro savings plan on Tuesday. \
             The bill will be examined by the National Assembly <b>as early as next week</b>.",
            "&ldquo;We have no choice,&rdquo; Mr. Lef&egrave;vre told reporters.<br>\
             Ms. Sophie Marchand, chair of the finance committee, welcomed a necessary effort.",
            "Unions have called for a day of protest on March 14. \
             The opposition denounces an <a href=/budget>unfair</a> budget.",
        ],
        [
            "Revenue: 300 billion euros.",
            "Spending: 450 billion euros.",
        ],
    )
}

/// Checks the beads of the test pages: no markup, entity, script or furniture text, every
/// sentence of the article there, and the sentences paired.
#[track_caller]
fn check_beads(beads: &[JsonBead]) {
    let (fr, en) = (
        joined(beads.iter().map(|b| b.fr.as_str())),
        joined(beads.iter().map(|b| b.en.as_str())),
    );
    for text in [&fr, &en] {
        for bad in [
            "<",
            ">",
            "&",
            "track(",
            "color",
            "Monde",
            "Twitter",
            "Le Journal",
        ] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        for furniture in FURNITURE {
            assert!(!text.contains(furniture), "{furniture:?} in {text}");
        }
    }
    for sentence in [
        "Le gouvernement présente un plan d\u{2019}économies",
        "Le texte sera examiné par l\u{2019}Assemblée nationale dès la semaine prochaine.",
        "M. Lefèvre devant la presse.",
        "L\u{2019}opposition dénonce un budget injuste.",
        "Dépenses : 450 milliards d'euros.",
    ] {
        assert!(fr.contains(sentence), "{sentence:?} not in {fr}");
    }
    let pairs = [
        (
            "Le gouvernement a présenté mardi",
            "The government unveiled",
        ),
        ("Le texte sera examiné", "The bill will be examined"),
        ("Mme Sophie Marchand", "Ms. Sophie Marchand"),
        ("Les syndicats", "Unions have called"),
        ("Recettes", "Revenue"),
    ];
    for (fr, en) in pairs {
        let bead = beads
            .iter()
            .find(|b| b.fr.contains(fr))
            .unwrap_or_else(|| panic!("no bead with {fr:?}: {beads:#?}"));
        assert!(bead.en.contains(en), "{fr:?} paired with {:?}", bead.en);
    }
}

#[test]
fn html_pages_align_without_markup_entities_scripts_or_menus() {
    let h = Harness::new();
    h.fr("a.fr.html", french_page());
    h.en("a.en.html", english_page());
    let run = h.run(&[
        "align",
        "fr/a.fr.html",
        "en/a.en.html",
        "-o",
        "out.jsonl",
        "--quiet",
    ]);
    run.expect_code(0);
    assert_eq!(run.stderr, "", "no warning expected");
    check_beads(&parse_jsonl(&h.read("out.jsonl")));
}

#[test]
fn html_pages_saved_as_txt_are_known_by_their_content() {
    let h = Harness::new();
    h.pair("a", french_page(), english_page());
    let beads = h.align_jsonl(0, &[]);
    assert_eq!(doc_order(&beads), ["a"]);
    check_beads(&beads);
}

#[test]
fn pack_reads_web_pages_as_align_does() {
    let h = Harness::new();
    h.pair("a", french_page(), english_page());
    let packed = h.run(&["pack", "fr", "en"]);
    packed.expect_code(0);
    let aligned = h.run_with_stdin(&["align", "--stdin"], packed.stdout.as_bytes());
    aligned.expect_code(0);
    check_beads(&parse_jsonl(&aligned.stdout));
    assert!(!packed.stdout.contains("<p>"), "{}", packed.stdout);
}

#[test]
fn split_reads_web_pages_and_input_format_text_reads_the_markup() {
    let h = Harness::new();
    h.write("a.fr.html", french_page());
    let run = h.run(&["split", "--lang", "fr", "a.fr.html"]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with(
            "Le gouvernement présente un plan d\u{2019}économies\n\n\
             Le gouvernement a présenté mardi un plan d\u{2019}économies de 12 milliards d\u{2019}euros.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('<'), "{}", run.stdout);

    let run = h.run(&[
        "split",
        "--lang",
        "fr",
        "--input-format",
        "text",
        "a.fr.html",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("<nav class=main-menu>"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_page_of_scripts_only_is_named_and_skipped() {
    let h = Harness::new();
    h.fr("a.html", french_page());
    h.en("a.html", english_page());
    h.fr(
        "b.html",
        "<html><head><script>app()</script></head><body><script>x()</script></body></html>",
    );
    h.en("b.html", english_page());
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("fr/b.html: web page: no text to read (only scripts, styles or menus)"),
        "{}",
        run.stderr
    );
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["a"]);
}

#[test]
fn a_page_declaring_utf8_in_windows_1252_is_read_with_a_warning() {
    let h = Harness::new();
    let page = french_page().replace("&eacute;", "é");
    let (fr, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    h.fr("a.html", &*fr);
    h.en("a.html", english_page());
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("fr/a.html: not UTF-8, guessed windows-1252"),
        "{}",
        run.stderr
    );
    let beads = parse_jsonl(&h.read("out.jsonl"));
    assert!(!joined(beads.iter().map(|b| b.fr.as_str())).contains('\u{fffd}'));
    check_beads(&beads);
}

#[test]
fn deeply_nested_and_truncated_pages_are_read() {
    let h = Harness::new();
    let n = 100_000;
    let deep = format!("{}<p>Le chat dort sur le tapis.</p>", "<div>".repeat(n));
    h.write("deep.html", deep);
    let run = h.run(&["split", "--lang", "fr", "deep.html"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "Le chat dort sur le tapis.\n");

    let page = french_page();
    h.write(
        "cut.html",
        &page[..page.find("Les syndicats").unwrap() + 20],
    );
    let run = h.run(&["split", "--lang", "fr", "cut.html"]);
    run.expect_code(0);
    assert!(
        run.stdout.ends_with("Les syndicats ont ap\n"),
        "{}",
        run.stdout
    );
}
