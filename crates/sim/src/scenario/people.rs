//! The people and pictures of the simulated world: staff reporters,
//! photographers and the captions photos carry. Part of the scenario (a
//! story's byline and photo credit are drawn with its truth), which the
//! layout renders.

/// Staff reporters of the invented sites.
pub const REPORTERS: &[&str] = &[
    "Jane Holloway",
    "Marcus Webb",
    "Elena Ruiz",
    "Tom Brannigan",
    "Priya Natarajan",
    "Sam Okafor",
    "Lydia Chen",
    "Graham Pryce",
    "Nora Lindqvist",
    "Darius Moore",
];

/// Photographers, whose names photo credits carry.
pub const PHOTOGRAPHERS: &[&str] = &[
    "Evan Marsh",
    "Carolyn Kaster",
    "Luca Bruno",
    "Rafiq Maqbool",
    "Jonathan Ernst",
    "Mandel Ngan",
    "Themba Hadebe",
    "Sean Kilpatrick",
];

/// Photo descriptions for captions.
pub const PHOTO_DESCRIPTIONS: &[&str] = &[
    "Supporters gather outside the venue on Tuesday.",
    "Officials speak to reporters after the meeting.",
    "A voter casts a ballot at a polling station.",
    "Demonstrators hold signs near the state capitol.",
    "The candidate waves to the crowd during a rally.",
    "Lawmakers leave the chamber after the vote.",
];
