//! Golden-rule tests for the sentence splitter.
//!
//! Three groups, all with examples written for this crate (none copied from a test suite):
//! - `golden_NN_*`: the 48 English "Golden Rules" of pragmatic_segmenter / pySBD, one
//!   phenomenon each (rule 48, the ellipsis rules, has one test per kind of ellipsis);
//! - `fr_*`: French typography and abbreviations (no-break spaces, guillemets, speech tags,
//!   dialogue dashes, titles, dates, times, decimals, headlines and bylines);
//! - `error_class_*`: one test per class of error seen in real splitter output.
//!
//! Each test asserts the exact list of sentences.

use super::*;

fn en(text: &str) -> Vec<String> {
    split("en", text)
}

fn fr(text: &str) -> Vec<String> {
    split("fr", text)
}

// ---------------------------------------------------------------------------------------------
// A. English golden rules
// ---------------------------------------------------------------------------------------------

#[test]
fn golden_01_simple_period_ending() {
    assert_eq!(
        en("The train left on time. We arrived before dinner."),
        ["The train left on time.", "We arrived before dinner."]
    );
}

#[test]
fn golden_02_question_mark_ending() {
    assert_eq!(
        en("Where did you leave the keys? They are not on the table."),
        [
            "Where did you leave the keys?",
            "They are not on the table."
        ]
    );
}

#[test]
fn golden_03_exclamation_ending() {
    assert_eq!(
        en("Stop the car! There is a deer on the road."),
        ["Stop the car!", "There is a deer on the road."]
    );
}

#[test]
fn golden_04_one_letter_upper_case_initial() {
    assert_eq!(
        en("The prize went to Maria T. Alvarez this year."),
        ["The prize went to Maria T. Alvarez this year."]
    );
}

#[test]
fn golden_05_one_letter_lower_case_abbreviation_before_number() {
    assert_eq!(
        en("The table on p. 212 lists every county."),
        ["The table on p. 212 lists every county."]
    );
}

#[test]
fn golden_06_two_letter_lower_case_abbreviation_mid_sentence() {
    assert_eq!(
        en("Is Marco and co. coming to dinner tonight?"),
        ["Is Marco and co. coming to dinner tonight?"]
    );
}

#[test]
fn golden_07_two_letter_upper_case_abbreviation_mid_sentence() {
    assert_eq!(
        en("They signed the lease with Hale, Morton & Co. at noon."),
        ["They signed the lease with Hale, Morton & Co. at noon."]
    );
}

#[test]
fn golden_08_two_letter_lower_case_abbreviation_ending_sentence() {
    assert_eq!(
        en("Ask Priya and co. They will know the way."),
        ["Ask Priya and co.", "They will know the way."]
    );
}

#[test]
fn golden_09_two_letter_upper_case_abbreviation_ending_sentence() {
    assert_eq!(
        en("The bakery was bought by Kessler & Co. It reopened in May."),
        [
            "The bakery was bought by Kessler & Co.",
            "It reopened in May."
        ]
    );
}

#[test]
fn golden_10_prepositive_abbreviation_mid_sentence() {
    assert_eq!(
        en("We hiked up Mt. Washington before breakfast."),
        ["We hiked up Mt. Washington before breakfast."]
    );
}

#[test]
fn golden_11_prepositive_and_postpositive_abbreviations_with_digits() {
    assert_eq!(
        en(
            "From the pier you can see Mt. Baker. St. Anne's Chapel is on 2nd st. next to the bakery."
        ),
        [
            "From the pier you can see Mt. Baker.",
            "St. Anne's Chapel is on 2nd st. next to the bakery."
        ]
    );
}

#[test]
fn golden_12_possessive_abbreviation() {
    assert_eq!(
        en("We borrowed Hank Jr.'s truck for the move."),
        ["We borrowed Hank Jr.'s truck for the move."]
    );
}

#[test]
fn golden_13_multi_period_abbreviation_mid_sentence() {
    assert_eq!(
        en("They toured the U.S.A. by train last summer."),
        ["They toured the U.S.A. by train last summer."]
    );
}

#[test]
fn golden_14_multi_period_abbreviation_ending_sentence_before_question() {
    assert_eq!(
        en("My parents retired to the U.K. Where did yours go?"),
        ["My parents retired to the U.K.", "Where did yours go?"]
    );
}

#[test]
fn golden_15_us_ending_sentence_before_question() {
    assert_eq!(
        en("Our main office moved to the U.S. Did yours move too?"),
        ["Our main office moved to the U.S.", "Did yours move too?"]
    );
}

#[test]
fn golden_16_us_before_capitalised_noun() {
    assert_eq!(
        en("He got a grant from the U.S. Department of Agriculture."),
        ["He got a grant from the U.S. Department of Agriculture."]
    );
}

#[test]
fn golden_17_us_before_preposition() {
    assert_eq!(
        en("Her grandparents have lived in the U.S. since the war."),
        ["Her grandparents have lived in the U.S. since the war."]
    );
}

#[test]
fn golden_18_am_pm_mid_sentence_before_title() {
    assert_eq!(
        en("By 6 a.m. Dr. Patel had finished her rounds. She went home at 2 p.m. on the dot."),
        [
            "By 6 a.m. Dr. Patel had finished her rounds.",
            "She went home at 2 p.m. on the dot."
        ]
    );
}

#[test]
fn golden_19_pm_ending_sentence_before_title() {
    assert_eq!(
        en("The hearing ended at 4 P.M. Mr. Grant drove straight home."),
        [
            "The hearing ended at 4 P.M.",
            "Mr. Grant drove straight home."
        ]
    );
}

#[test]
fn golden_20_decimal_number_mid_sentence() {
    assert_eq!(
        en("He paid $250.00 for the old guitar."),
        ["He paid $250.00 for the old guitar."]
    );
}

#[test]
fn golden_21_decimal_number_ending_sentence() {
    assert_eq!(
        en("The ticket cost $42.50. It was worth every cent."),
        ["The ticket cost $42.50.", "It was worth every cent."]
    );
}

#[test]
fn golden_22_parenthetical_sentence_inside_sentence() {
    assert_eq!(
        en("She teaches chemistry (She worked as a nurse for ten years.) at the city college."),
        ["She teaches chemistry (She worked as a nurse for ten years.) at the city college."]
    );
}

#[test]
fn golden_23_email_address() {
    assert_eq!(
        en("Send the invoice to Lena.Ortiz@finance-team.com. She will forward it."),
        [
            "Send the invoice to Lena.Ortiz@finance-team.com.",
            "She will forward it."
        ]
    );
}

#[test]
fn golden_24_web_address_ending_sentence() {
    assert_eq!(
        en(
            "Find the timetable here: https://www.transit-example.org/lines/route_12.html. Print it before you travel."
        ),
        [
            "Find the timetable here: https://www.transit-example.org/lines/route_12.html.",
            "Print it before you travel."
        ]
    );
}

#[test]
fn golden_25_single_quotation_inside_sentence() {
    assert_eq!(
        en("He stared at the painting, 'This is wonderful.' he whispered."),
        ["He stared at the painting, 'This is wonderful.' he whispered."]
    );
}

#[test]
fn golden_26_double_quotation_inside_sentence() {
    assert_eq!(
        en(r#"He stared at the painting, "This is wonderful." he whispered."#),
        [r#"He stared at the painting, "This is wonderful." he whispered."#]
    );
}

#[test]
fn golden_27_double_quotation_ending_sentence() {
    assert_eq!(
        en(r#"He stared at the painting, "This is wonderful." Then he bought it."#),
        [
            r#"He stared at the painting, "This is wonderful.""#,
            "Then he bought it."
        ]
    );
}

#[test]
fn golden_28_double_exclamation() {
    assert_eq!(
        en("Happy birthday!! We missed you."),
        ["Happy birthday!!", "We missed you."]
    );
}

#[test]
fn golden_29_double_question() {
    assert_eq!(
        en("Anyone upstairs?? The lights are still on."),
        ["Anyone upstairs??", "The lights are still on."]
    );
}

#[test]
fn golden_30_exclamation_question() {
    assert_eq!(
        en("You sold the house!? Where will you live?"),
        ["You sold the house!?", "Where will you live?"]
    );
}

#[test]
fn golden_31_question_exclamation() {
    assert_eq!(
        en("You quit your job?! That is brave."),
        ["You quit your job?!", "That is brave."]
    );
}

#[test]
fn golden_32_list_dot_paren_without_final_periods() {
    assert_eq!(
        en("1.) Pack the tent 2.) Fill the water bottles"),
        ["1.) Pack the tent", "2.) Fill the water bottles"]
    );
}

#[test]
fn golden_33_list_dot_paren_with_final_periods() {
    assert_eq!(
        en("1.) Pack the tent. 2.) Fill the water bottles."),
        ["1.) Pack the tent.", "2.) Fill the water bottles."]
    );
}

#[test]
fn golden_34_list_paren_without_final_periods() {
    assert_eq!(
        en("1) Preheat the oven 2) Grease the tin"),
        ["1) Preheat the oven", "2) Grease the tin"]
    );
}

#[test]
fn golden_35_list_paren_with_final_periods() {
    assert_eq!(
        en("1) Preheat the oven. 2) Grease the tin."),
        ["1) Preheat the oven.", "2) Grease the tin."]
    );
}

#[test]
fn golden_36_list_dot_without_final_periods() {
    assert_eq!(
        en("1. Read the contract 2. Sign every page"),
        ["1. Read the contract", "2. Sign every page"]
    );
}

#[test]
fn golden_37_list_dot_with_final_periods() {
    assert_eq!(
        en("1. Read the contract. 2. Sign every page."),
        ["1. Read the contract.", "2. Sign every page."]
    );
}

#[test]
fn golden_38_list_dot_paren_three_items_mixed_punctuation() {
    assert_eq!(
        en("1.) Who is driving? 2.) Bring snacks! 3.) Leave at dawn."),
        [
            "1.) Who is driving?",
            "2.) Bring snacks!",
            "3.) Leave at dawn."
        ]
    );
}

#[test]
fn golden_39_list_paren_crossing_into_two_digits() {
    assert_eq!(
        en("8) Close the valve 9) Drain the pipe 10) Call the plumber"),
        [
            "8) Close the valve",
            "9) Drain the pipe",
            "10) Call the plumber"
        ]
    );
}

#[test]
fn golden_40_bulleted_numbered_items() {
    assert_eq!(
        en("• 9. Check the oil • 10. Check the tyres"),
        ["• 9. Check the oil", "• 10. Check the tyres"]
    );
}

#[test]
fn golden_41_hyphen_bullet_numbered_items() {
    assert_eq!(
        en("⁃9. Check the oil ⁃10. Check the tyres"),
        ["⁃9. Check the oil", "⁃10. Check the tyres"]
    );
}

#[test]
fn golden_42_alphabetical_items() {
    assert_eq!(
        en("a. Check the oil b. Check the tyres c. Check the lights"),
        [
            "a. Check the oil",
            "b. Check the tyres",
            "c. Check the lights"
        ]
    );
}

#[test]
fn golden_43_numero_sign_before_number() {
    assert_eq!(
        en("Send the form to N°. 2231.470.18. That is the archive desk."),
        [
            "Send the form to N°. 2231.470.18.",
            "That is the archive desk."
        ]
    );
}

#[test]
fn golden_44_brand_with_exclamation_mid_sentence() {
    assert_eq!(
        en("He spent ten years at Yahoo! before starting his own firm."),
        ["He spent ten years at Yahoo! before starting his own firm."]
    );
}

#[test]
fn golden_45_pronoun_i_ending_sentence_vs_initial() {
    assert_eq!(
        en("Nobody else came, just Anna and I. Have you met Henry I. Walsh before?"),
        [
            "Nobody else came, just Anna and I.",
            "Have you met Henry I. Walsh before?"
        ]
    );
}

#[test]
fn golden_46_spaced_ellipsis_ending_a_quotation() {
    assert_eq!(
        en("Emerson suggests that in solitude “a person may at last hear his own thoughts. . . .”"),
        ["Emerson suggests that in solitude “a person may at last hear his own thoughts. . . .”"]
    );
}

#[test]
fn golden_46_spaced_ellipsis_ending_a_quotation_before_next_sentence() {
    assert_eq!(
        en(
            "Emerson wrote that “a person may at last hear his own thoughts. . . .” He closed the book."
        ),
        [
            "Emerson wrote that “a person may at last hear his own thoughts. . . .”",
            "He closed the book."
        ]
    );
}

#[test]
fn golden_47_bracketed_ellipsis_inside_quotation() {
    assert_eq!(
        en("“Darwin [...] compared the finches of each island [...]” (Jones 112)."),
        ["“Darwin [...] compared the finches of each island [...]” (Jones 112)."]
    );
}

#[test]
fn golden_48_four_glued_dots_before_capital() {
    assert_eq!(
        en("She swore she had locked it.... Nobody believed her."),
        ["She swore she had locked it....", "Nobody believed her."]
    );
}

#[test]
fn golden_48_three_dots_and_spaced_dots_mid_sentence() {
    assert_eq!(
        en(
            "He was not exactly ... well, let me think...honestly . . . what I would call a friend, but . . . I liked him anyway."
        ),
        [
            "He was not exactly ... well, let me think...honestly . . . what I would call a friend, but . . . I liked him anyway."
        ]
    );
}

#[test]
fn golden_48_spaced_four_dots_ending_sentence() {
    assert_eq!(
        en(
            "To cut the end of a quoted line, write three spaced dots and then the period . . . . Another sentence follows here."
        ),
        [
            "To cut the end of a quoted line, write three spaced dots and then the period . . . .",
            "Another sentence follows here."
        ]
    );
}

#[test]
fn golden_48_sentence_starting_with_spaced_ellipsis() {
    assert_eq!(
        en(
            "Some old customs faded slowly . . . such as sharing bread with travellers. . . . The custom survived in a few villages. . . ."
        ),
        [
            "Some old customs faded slowly . . . such as sharing bread with travellers.",
            ". . . The custom survived in a few villages. . . ."
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// B. French golden rules
// ---------------------------------------------------------------------------------------------

#[test]
fn fr_no_break_space_before_high_punctuation() {
    assert_eq!(
        fr(
            "Il a répondu\u{a0}: non. Quelle idée\u{a0}! Tu es sûr\u{a0}? Il pleut\u{a0}; nous restons."
        ),
        [
            "Il a répondu\u{a0}: non.",
            "Quelle idée\u{a0}!",
            "Tu es sûr\u{a0}?",
            "Il pleut\u{a0}; nous restons."
        ]
    );
}

#[test]
fn fr_narrow_no_break_space_before_high_punctuation() {
    assert_eq!(
        fr(
            "Voici la règle\u{202f}: on se tait. Quel silence\u{202f}! Tu entends\u{202f}? Rien\u{202f}; absolument rien."
        ),
        [
            "Voici la règle\u{202f}: on se tait.",
            "Quel silence\u{202f}!",
            "Tu entends\u{202f}?",
            "Rien\u{202f}; absolument rien."
        ]
    );
}

#[test]
fn fr_no_break_spaces_inside_guillemets() {
    assert_eq!(
        fr(
            "«\u{202f}Je reviens demain.\u{202f}» Elle ferma la porte. «\u{a0}Au secours\u{a0}!\u{a0}» Personne ne bougea."
        ),
        [
            "«\u{202f}Je reviens demain.\u{202f}»",
            "Elle ferma la porte.",
            "«\u{a0}Au secours\u{a0}!\u{a0}»",
            "Personne ne bougea."
        ]
    );
}

#[test]
fn fr_question_in_guillemets_then_lower_case_speech_tag() {
    assert_eq!(
        fr("«\u{a0}Qui est là\u{a0}?\u{a0}» s’écria la vieille dame. Personne ne répondit."),
        [
            "«\u{a0}Qui est là\u{a0}?\u{a0}» s’écria la vieille dame.",
            "Personne ne répondit."
        ]
    );
    assert_eq!(
        fr("« Où vas-tu ? » demanda-t-elle. « Tu rentres ? » lui dit sa mère."),
        [
            "« Où vas-tu ? » demanda-t-elle.",
            "« Tu rentres ? » lui dit sa mère."
        ]
    );
}

#[test]
fn fr_exclamation_in_guillemets_then_lower_case_speech_tag() {
    assert_eq!(
        fr("«\u{a0}Attention\u{a0}!\u{a0}» cria-t-il. Le vase tomba."),
        [
            "«\u{a0}Attention\u{a0}!\u{a0}» cria-t-il.",
            "Le vase tomba."
        ]
    );
}

#[test]
fn fr_unicode_ellipsis() {
    assert_eq!(
        fr("Il attendit… Personne ne vint. Et puis… rien."),
        ["Il attendit…", "Personne ne vint.", "Et puis… rien."]
    );
}

#[test]
fn fr_three_dot_ellipsis() {
    assert_eq!(
        fr("Elle hésita... puis elle signa. Il attendit... Rien ne se passa."),
        [
            "Elle hésita... puis elle signa.",
            "Il attendit...",
            "Rien ne se passa."
        ]
    );
}

#[test]
fn fr_dialogue_dashes() {
    assert_eq!(
        fr("— Tu viens ce soir\u{202f}? — Oui, bien sûr. — Alors à tout à l’heure\u{a0}!"),
        [
            "— Tu viens ce soir\u{202f}?",
            "— Oui, bien sûr.",
            "— Alors à tout à l’heure\u{a0}!"
        ]
    );
}

#[test]
fn fr_dialogue_question_then_speech_tag_with_noun_subject() {
    assert_eq!(
        fr("— Qui est là ? demanda le gardien. — C’est moi, répondit Paul."),
        [
            "— Qui est là ? demanda le gardien.",
            "— C’est moi, répondit Paul."
        ]
    );
}

#[test]
fn fr_titles() {
    assert_eq!(
        fr(
            "M. Lefèvre et Mme Roussel ont reçu MM. Garnier et Dubois. Le Dr. Morel était absent, mais Me Caron a plaidé."
        ),
        [
            "M. Lefèvre et Mme Roussel ont reçu MM. Garnier et Dubois.",
            "Le Dr. Morel était absent, mais Me Caron a plaidé."
        ]
    );
}

#[test]
fn fr_general_abbreviations() {
    assert_eq!(
        fr(
            "Les agrumes, p. ex. les oranges, craignent le gel. Sur ce point, cf. Martin (2019), p. 45. La méthode diffère."
        ),
        [
            "Les agrumes, p. ex. les oranges, craignent le gel.",
            "Sur ce point, cf. Martin (2019), p. 45.",
            "La méthode diffère."
        ]
    );
}

#[test]
fn fr_etc_mid_sentence_and_ending_sentence() {
    assert_eq!(
        fr(
            "On y vend des livres, des disques, etc. dans une ambiance calme. On y trouve des cartes, des affiches, etc. Les prix sont bas."
        ),
        [
            "On y vend des livres, des disques, etc. dans une ambiance calme.",
            "On y trouve des cartes, des affiches, etc.",
            "Les prix sont bas."
        ]
    );
}

#[test]
fn fr_number_abbreviations() {
    assert_eq!(
        fr(
            "Le formulaire n° 5 renvoie à l’annexe, art. 3 de la loi, vol. 2 du recueil. Il est clair."
        ),
        [
            "Le formulaire n° 5 renvoie à l’annexe, art. 3 de la loi, vol. 2 du recueil.",
            "Il est clair."
        ]
    );
}

#[test]
fn fr_elided_abbreviation_before_number() {
    assert_eq!(
        fr("Selon l’art. 3 du règlement, le délai est d’un mois."),
        ["Selon l’art. 3 du règlement, le délai est d’un mois."]
    );
}

#[test]
fn fr_hyphenated_initials() {
    assert_eq!(
        fr("Selon J.-P. Sartre, l’existence précède l’essence. J.-M. Roux n’est pas d’accord."),
        [
            "Selon J.-P. Sartre, l’existence précède l’essence.",
            "J.-M. Roux n’est pas d’accord."
        ]
    );
}

#[test]
fn fr_dotted_dates() {
    assert_eq!(
        fr("Publié le 2.11.2023. Mis à jour le 3.11.2023. La réunion a eu lieu le 4.10.2022."),
        [
            "Publié le 2.11.2023.",
            "Mis à jour le 3.11.2023.",
            "La réunion a eu lieu le 4.10.2022."
        ]
    );
}

#[test]
fn fr_times_with_h() {
    assert_eq!(
        fr("Le conseil se réunira à 10 h 30. Il votera le budget vers 12\u{a0}h\u{a0}15."),
        [
            "Le conseil se réunira à 10 h 30.",
            "Il votera le budget vers 12\u{a0}h\u{a0}15."
        ]
    );
}

#[test]
fn fr_decimals_with_comma_and_period() {
    assert_eq!(
        fr("Le chômage a baissé de 3,5\u{a0}% en un an. L’inflation atteint 2.7 %. C’est peu."),
        [
            "Le chômage a baissé de 3,5\u{a0}% en un an.",
            "L’inflation atteint 2.7 %.",
            "C’est peu."
        ]
    );
}

#[test]
fn fr_closing_guillemet_period_then_lower_case_continues() {
    assert_eq!(
        fr("Il parle d’une « rupture nette ». de la part du gouvernement, c’est nouveau."),
        ["Il parle d’une « rupture nette ». de la part du gouvernement, c’est nouveau."]
    );
}

#[test]
fn fr_headline_line_then_text() {
    assert_eq!(
        fr(
            "Grève des contrôleurs aériens en Provence\nLes vols sont annulés jusqu’à lundi. La direction négocie."
        ),
        [
            "Grève des contrôleurs aériens en Provence",
            "Les vols sont annulés jusqu’à lundi.",
            "La direction négocie."
        ]
    );
}

#[test]
fn fr_byline_lines() {
    assert_eq!(
        fr(
            "Par Camille Fournier\nPublié le 4 mars 2024 à 10 h 15\nLe conseil municipal a voté le budget. Il augmente."
        ),
        [
            "Par Camille Fournier",
            "Publié le 4 mars 2024 à 10 h 15",
            "Le conseil municipal a voté le budget.",
            "Il augmente."
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// C. Error classes
// ---------------------------------------------------------------------------------------------

#[test]
fn error_class_months_before_numbers() {
    assert_eq!(
        en("The contract was signed on Jan. 5 and renewed in Sept. 2021 without changes."),
        ["The contract was signed on Jan. 5 and renewed in Sept. 2021 without changes."]
    );
    assert_eq!(
        fr("Le décret du 4 janv. 2020 a été abrogé en févr. 2022 sans débat."),
        ["Le décret du 4 janv. 2020 a été abrogé en févr. 2022 sans débat."]
    );
}

#[test]
fn error_class_version_numbers() {
    assert_eq!(
        en(
            "Install v1.2.3 before you start. The project requires Python 3.11. Older versions fail."
        ),
        [
            "Install v1.2.3 before you start.",
            "The project requires Python 3.11.",
            "Older versions fail."
        ]
    );
}

#[test]
fn error_class_file_names() {
    assert_eq!(
        en(
            "Please open report.pdf. The figures are on page two. Then edit settings.yaml and save it."
        ),
        [
            "Please open report.pdf.",
            "The figures are on page two.",
            "Then edit settings.yaml and save it."
        ]
    );
}

#[test]
fn error_class_file_names_with_short_stem() {
    assert_eq!(
        en("Before the release, edit the script run.sh. Nothing else needs to change."),
        [
            "Before the release, edit the script run.sh.",
            "Nothing else needs to change."
        ]
    );
}

#[test]
fn error_class_urls_mid_sentence() {
    assert_eq!(
        en(
            "Go to https://example.org/docs?id=7 and read the guide. You can download data.csv from www.example.org/files too."
        ),
        [
            "Go to https://example.org/docs?id=7 and read the guide.",
            "You can download data.csv from www.example.org/files too."
        ]
    );
}

#[test]
fn error_class_numbered_items_at_line_start() {
    assert_eq!(
        en("Steps:\n1. Open the box.\n2. Remove the foam.\n3. Lift the printer out."),
        [
            "Steps:",
            "1. Open the box.",
            "2. Remove the foam.",
            "3. Lift the printer out."
        ]
    );
    assert_eq!(
        en("Packing list\n1. Tent\n2. Stove\n3. Matches"),
        ["Packing list", "1. Tent", "2. Stove", "3. Matches"]
    );
}

#[test]
fn error_class_letter_paren_items() {
    assert_eq!(
        en("Choose one option:\na) pay now\nb) pay later\nc) cancel the order"),
        [
            "Choose one option:",
            "a) pay now",
            "b) pay later",
            "c) cancel the order"
        ]
    );
    assert_eq!(
        en("You can either a) pay now or b) pay later."),
        ["You can either a) pay now or b) pay later."]
    );
}

#[test]
fn error_class_times_with_dotted_hours_and_am_pm() {
    assert_eq!(
        en(
            "The ferry leaves at 10.30 a.m. on weekdays. On Sundays it leaves at 11.15 a.m. The return trip is at 6 p.m."
        ),
        [
            "The ferry leaves at 10.30 a.m. on weekdays.",
            "On Sundays it leaves at 11.15 a.m.",
            "The return trip is at 6 p.m."
        ]
    );
}

#[test]
fn error_class_ellipsis_in_brackets() {
    assert_eq!(
        fr("Il écrit\u{a0}: «\u{a0}La mer […] Elle revient toujours.\u{a0}» Puis il se tait."),
        [
            "Il écrit\u{a0}: «\u{a0}La mer […] Elle revient toujours.\u{a0}»",
            "Puis il se tait."
        ]
    );
    assert_eq!(
        fr("Le texte dit (…) Ensuite vient la liste. Fin."),
        ["Le texte dit (…) Ensuite vient la liste.", "Fin."]
    );
}

#[test]
fn error_class_emoticons_before_a_capital() {
    assert_eq!(
        en("The food was great :) We will come back. Service was slow :( Still worth it."),
        [
            "The food was great :)",
            "We will come back.",
            "Service was slow :(",
            "Still worth it."
        ]
    );
}

#[test]
fn error_class_repeated_exclamation_before_lower_case() {
    assert_eq!(
        en("That concert was AMAZING!!! we should go again."),
        ["That concert was AMAZING!!!", "we should go again."]
    );
}

#[test]
fn error_class_missing_space_after_period() {
    assert_eq!(
        en("I was almost done.Then the power went out."),
        ["I was almost done.", "Then the power went out."]
    );
}

#[test]
fn error_class_quoted_speech() {
    assert_eq!(
        en("“Are you coming?” asked Maria. “Yes,” said Tom. “Wait for me!” He ran to the door."),
        [
            "“Are you coming?” asked Maria.",
            "“Yes,” said Tom.",
            "“Wait for me!”",
            "He ran to the door."
        ]
    );
}

#[test]
fn error_class_web_text_without_capitals() {
    assert_eq!(
        en("just got home. so tired lol. what a day"),
        ["just got home.", "so tired lol.", "what a day"]
    );
}

#[test]
fn error_class_ambiguous_abbreviation_ending_sentence() {
    assert_eq!(
        en(
            "The firm was founded by Harris and Co. The next owner sold it. He sold his shares of Veltro Inc. Its rival bought them."
        ),
        [
            "The firm was founded by Harris and Co.",
            "The next owner sold it.",
            "He sold his shares of Veltro Inc.",
            "Its rival bought them."
        ]
    );
}

#[test]
fn error_class_ambiguous_abbreviation_ending_a_short_sentence() {
    assert_eq!(
        en("Is it finished? No. The work continues."),
        ["Is it finished?", "No.", "The work continues."]
    );
    assert_eq!(
        en("Call Acme Co. They deliver fast."),
        ["Call Acme Co.", "They deliver fast."]
    );
}

#[test]
fn error_class_ambiguous_abbreviation_before_an_unlisted_opener() {
    assert_eq!(
        en("The meeting ended at 3 p.m. Everyone went home."),
        ["The meeting ended at 3 p.m.", "Everyone went home."]
    );
    assert_eq!(
        en("He worked for Baxter & Co. Nobody remembers him."),
        ["He worked for Baxter & Co.", "Nobody remembers him."]
    );
}

#[test]
fn error_class_french_era_abbreviation_ending_sentence() {
    assert_eq!(
        fr("Rome aurait été fondée en 753 av. J.-C. La légende est bien connue."),
        [
            "Rome aurait été fondée en 753 av. J.-C.",
            "La légende est bien connue."
        ]
    );
}
