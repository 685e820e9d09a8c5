//! The body's language and script. whatlang (trigram profiles for 69
//! languages plus Unicode-range script detection) reads the first few
//! kilobytes of the body; the page's declared language wins unless the text
//! clearly reads as another language.

use crate::Article;
use whatlang::{Lang, Script};

/// Enough text for a stable trigram profile (tfe-dev's languages score the
/// same as with 4 KB, `tests/language_tfe.rs`); reading more costs time.
const SAMPLE_BYTES: usize = 1000;
/// Below this many letters detection is guesswork.
const MIN_LETTERS: usize = 40;

/// A detection: ISO 639-1 code (639-3 where none), script, reliability.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub language: Option<String>,
    pub script: String,
    pub reliable: bool,
}

/// Detects the language and script of `text`.
pub fn detect(text: &str) -> Option<Detected> {
    let mut cut = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    // `detect` finds the script on its way to the language; the separate
    // script pass is only needed when it gives no answer.
    let info = whatlang::detect(sample);
    let script = match &info {
        Some(i) => i.script(),
        None => whatlang::detect_script(sample)?,
    };
    let language = match script {
        // One script, one language: no trigram guess needed.
        Script::Hangul => Some(Lang::Kor),
        Script::Hiragana | Script::Katakana => Some(Lang::Jpn),
        Script::Greek => Some(Lang::Ell),
        Script::Thai => Some(Lang::Tha),
        Script::Hebrew => Some(Lang::Heb),
        _ => info.as_ref().map(|i| i.lang()),
    };
    let single = matches!(
        script,
        Script::Hangul | Script::Hiragana | Script::Katakana | Script::Greek | Script::Thai
    );
    Some(Detected {
        language: language.map(iso_639_1),
        script: script.name().to_string(),
        reliable: single || info.is_some_and(|i| i.is_reliable()),
    })
}

/// Fills `detected_language`, `script`, `declared_language`, and `language`:
/// the declared one, unless a reliable detection names another language
/// (templates often declare "en" on German or Chinese pages).
pub fn assign(article: &mut Article) {
    article.declared_language = article.language.clone();
    let text = sample_text(article);
    let Some(found) = detect(&text) else { return };
    article.script = Some(found.script);
    article.detected_language = found.language.clone();
    let declared = article.language.as_deref().map(primary_subtag);
    let disagrees = match (&declared, &found.language) {
        (Some(d), Some(f)) => !same_language(d, f),
        _ => true,
    };
    if declared.is_none() || (found.reliable && disagrees) {
        if let Some(l) = found.language {
            article.language = Some(l);
        }
    }
}

/// The body's first paragraphs, up to the sample size, title first.
fn sample_text(article: &Article) -> String {
    let mut s = String::new();
    for p in article
        .title_text()
        .into_iter()
        .chain(article.paragraphs.iter().map(String::as_str))
    {
        if s.len() >= SAMPLE_BYTES {
            break;
        }
        s.push_str(p);
        s.push('\n');
    }
    s
}

/// "en-US" → "en", "de_DE" → "de".
fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Mandarin is "zh" on pages; Norwegian Bokmål pages say "no" or "nb".
fn same_language(declared: &str, detected: &str) -> bool {
    declared == detected
        || matches!(
            (declared, detected),
            ("no", "nb") | ("nb", "no") | ("zh", "cmn")
        )
}

/// ISO 639-1 for the languages that have one, else whatlang's 639-3 code.
fn iso_639_1(lang: Lang) -> String {
    let code = match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Bul => "bg",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Ell => "el",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Ben => "bn",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Cat => "ca",
        Lang::Epo => "eo",
        Lang::Afr => "af",
        Lang::Tgl => "tl",
        _ => return lang.code().to_string(),
    };
    code.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Option<String> {
        detect(s).and_then(|d| d.language)
    }

    #[test]
    fn scripts_and_languages() {
        assert_eq!(lang("Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln ab dem kommenden Jahr gelten sollen.").as_deref(), Some("de"));
        assert_eq!(lang("The president said on Tuesday that the new rules would apply from next year, officials confirmed.").as_deref(), Some("en"));
        assert_eq!(lang("Правительство в среду решило, что новые правила вступят в силу со следующего года.").as_deref(), Some("ru"));
        assert_eq!(lang("政府周三决定，新规定将从明年开始实施，官员们在新闻发布会上表示这是必要的改革措施之一。").as_deref(), Some("zh"));
        assert_eq!(lang("政府は水曜日に、新しい規則を来年から適用することを決定したと発表しました。関係者によると、改革の一環です。").as_deref(), Some("ja"));
        assert_eq!(lang("short"), None);
    }

    #[test]
    fn declared_language_wins_unless_text_disagrees() {
        let body = "Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln ab dem kommenden Jahr gelten sollen.".to_string();
        let mut a = Article {
            language: Some("de-DE".into()),
            paragraphs: vec![body.clone()],
            ..Default::default()
        };
        assert_eq!(a.language.as_deref(), Some("de-DE"));
        assign(&mut a);
        assert_eq!(a.language.as_deref(), Some("de-DE"));
        let mut a = Article {
            language: Some("en".into()),
            paragraphs: vec![body],
            ..Default::default()
        };
        assign(&mut a);
        assert_eq!(
            (a.language.as_deref(), a.declared_language.as_deref()),
            (Some("de"), Some("en"))
        );
    }
}
