//! The words of site chrome: navigation, consent banners, tickers, most-read
//! lists, related stories, newsletter and subscription boxes, share bars,
//! author bios, comments, sponsored links and site footers. None of it is
//! the article, and none of it is credit — even where it names an outlet.

use crate::rng::Rng;
use crate::scenario::Site;

/// Navigation sections.
pub const SECTIONS: &[&str] = &[
    "Home",
    "News",
    "Local",
    "Politics",
    "Business",
    "Sports",
    "Opinion",
    "Weather",
    "Obituaries",
    "Entertainment",
    "Health",
    "Contact Us",
];

/// Cookie and consent banners.
pub const CONSENT: &[&str] = &[
    "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
    "This website uses cookies and similar technologies to personalise content and ads. Manage your preferences at any time.",
    "We and our partners store and access information on your device. Click Accept to consent or Manage settings to choose.",
];

/// Share bar labels.
pub const SHARE: &[&str] = &[
    "Facebook", "Twitter", "Email", "Print", "WhatsApp", "LinkedIn",
];

/// Sponsored headlines of a content-recommendation widget.
pub const SPONSORED: &[&str] = &[
    "Doctors Stunned By This One Simple Morning Habit",
    "Homeowners Are Trading In Their Doorbell Cams For This",
    "The Most Beautiful Beaches You Have Never Heard Of",
    "Seniors Born Before 1960 Could Claim This Benefit",
    "This Tiny Gadget Cuts Your Power Bill In Half",
    "Fans Can't Believe What This Child Star Looks Like Now",
];

/// Widget names of recommendation vendors.
pub const RECOMMENDERS: &[&str] = &[
    "Sponsored Links by Taboola",
    "Recommended by Outbrain",
    "Promoted Stories",
    "You May Like",
];

/// Reader comments.
pub const COMMENTS: &[(&str, &str)] = &[
    (
        "rivertown_joe",
        "Same old story every year. Nothing ever changes around here.",
    ),
    (
        "M. Alvarez",
        "Thanks for covering this, I had no idea it was happening.",
    ),
    (
        "concerned_voter",
        "Who is paying for all of this? Follow the money.",
    ),
    ("Deb K.", "Great reporting as always."),
];

/// A site's newsletter call: furniture on every page it publishes (the
/// legacy world's words; a name's own "The" is not doubled).
pub fn newsletter(site: Site) -> String {
    let name = site.name.strip_prefix("The ").unwrap_or(site.name);
    format!("Sign up for the {name} newsletter to get the latest news every morning.")
}

/// A site's subscription pitch.
pub fn subscribe(site: Site) -> String {
    format!(
        "Subscribe to {} for unlimited digital access. Already a subscriber? Log in.",
        site.name
    )
}

/// The site footer's lines: links, the site's own copyright (chrome: it
/// names the site the page is on, not a source), an address.
pub fn footer_lines(rng: &mut Rng, site: Site, year: i64) -> Vec<String> {
    let links = "About Us | Contact | Advertise | Privacy Policy | Terms of Use".to_string();
    let copyright = match rng.below(3) {
        0 => format!("© {year} {}. All rights reserved.", site.name),
        1 => format!("Copyright © {year} {} | Powered by Newspack", site.name),
        _ => format!("© {} {year}", site.host),
    };
    let address = format!(
        "{} · {} Main Street · Contact the newsroom: news@{}",
        site.name,
        100 + rng.below(800),
        site.host
    );
    vec![links, copyright, address]
}

/// An author bio for a staff reporter.
pub fn bio(name: &str, site: Site) -> String {
    format!(
        "{name} is a reporter at {} covering government and politics. Reach {name} at newsdesk@{}.",
        site.name, site.host
    )
}

/// A teaser: the first words of a lede.
pub fn teaser(lede: &str, words: usize) -> String {
    let mut w: Vec<&str> = lede.split_whitespace().take(words).collect();
    if let Some(last) = w.last_mut() {
        *last = last.trim_end_matches([',', '.', ';', ':']);
    }
    format!("{}…", w.join(" "))
}
