//! How big a node's disc must be for its name to be read, and which colours it wears.
//!
//! The app draws each node's name centred in its disc, on at most two lines,
//! in a sans-serif font at [`font_size`] map units (so the text scales with
//! the map when zooming). A top-level node also gets one smaller line under
//! its name for its referents ([`SUBLINE_SCALE`] of the font size). The
//! layout does not measure text — the core knows no fonts — so widths are
//! estimated from the number of characters:
//!
//! - a character is [`CHAR_WIDTH_EM`] ems wide on average (measured on bold
//!   capitals of common sans-serif fonts, the widest case: pôle names are often
//!   in capitals); a lower-case name gets a little more room than it needs;
//! - a line is [`LINE_HEIGHT_EM`] ems tall.
//!
//! The disc's radius is the half-diagonal of the text block plus
//! [`PADDING_EM`], so the whole block fits inside the circle, and never less
//! than [`min_radius`] of the kind. The app should draw with these same
//! constants: [`label_lines`] for the lines, [`font_size`] for the size, and
//! [`subline_chars`] for how much of the referents line fits.

use super::NodeKind;

/// Average advance of one character, in ems (bold capitals, sans-serif).
pub const CHAR_WIDTH_EM: f64 = 0.66;
/// Height of one line of text, in ems.
pub const LINE_HEIGHT_EM: f64 = 1.2;
/// Room between the text block and the edge of the disc, in ems.
pub const PADDING_EM: f64 = 0.6;
/// Size of the referents line under a top-level node's name, relative to its font size.
pub const SUBLINE_SCALE: f64 = 0.7;
/// A name up to this many characters stays on one line.
pub const ONE_LINE_CHARS: usize = 12;
/// The referents line is at least this many characters wide (it is cut with "…" beyond).
pub const SUBLINE_MIN_CHARS: usize = 14;

/// The font size of a node's name, in map units.
#[must_use]
pub const fn font_size(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Centre => 20.0,
        NodeKind::Pole => 15.0,
        NodeKind::Partner => 13.0,
        NodeKind::Function => 10.0,
    }
}

/// The smallest radius of a node's disc, in map units.
#[must_use]
pub const fn min_radius(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Centre => 56.0,
        NodeKind::Pole => 36.0,
        NodeKind::Partner => 30.0,
        NodeKind::Function => 18.0,
    }
}

/// Whether the node gets a referents line under its name (functions do not:
/// their people are the pôle's).
#[must_use]
pub const fn has_subline(kind: NodeKind) -> bool {
    !matches!(kind, NodeKind::Function)
}

/// The name on one or two lines: one line up to [`ONE_LINE_CHARS`]
/// characters or when it has no space; otherwise split at the space that
/// makes the longer line shortest (ties: the earlier space).
#[must_use]
pub fn label_lines(name: &str) -> Vec<String> {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= ONE_LINE_CHARS {
        return vec![name.to_owned()];
    }
    let best = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == ' ')
        .map(|(at, _)| (at.max(chars.len() - at - 1), at))
        .min();
    match best {
        Some((_, at)) => vec![
            chars[..at].iter().collect::<String>().trim_end().to_owned(),
            chars[at + 1..]
                .iter()
                .collect::<String>()
                .trim_start()
                .to_owned(),
        ],
        None => vec![name.to_owned()],
    }
}

/// The radius of the disc that holds `name` for a node of `kind` (see the module docs).
#[must_use]
pub fn label_radius(kind: NodeKind, name: &str) -> f64 {
    let font = font_size(kind);
    let (lines, longest) = line_shape(name);
    let mut width = longest as f64 * CHAR_WIDTH_EM * font;
    let mut height = lines as f64 * LINE_HEIGHT_EM * font;
    if has_subline(kind) {
        let sub = font * SUBLINE_SCALE;
        width = width.max(SUBLINE_MIN_CHARS as f64 * CHAR_WIDTH_EM * sub);
        height += LINE_HEIGHT_EM * sub;
    }
    let radius = (width * width + height * height).sqrt() / 2.0 + PADDING_EM * font;
    radius.max(min_radius(kind))
}

/// How many lines [`label_lines`] makes of `name`, and the length of the
/// longest in characters, without building them.
fn line_shape(name: &str) -> (usize, usize) {
    let name = name.trim();
    let count = name.chars().count();
    if count <= ONE_LINE_CHARS {
        return (1, count);
    }
    let split = name
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == ' ')
        .map(|(at, _)| at.max(count - at - 1))
        .min();
    match split {
        // Both halves are trimmed of further spaces by `label_lines`, which
        // can only shorten the longer line: this is an upper bound.
        Some(longest) => (2, longest),
        None => (1, count),
    }
}

/// How many characters of the referents line fit under the name in a disc of
/// radius `r` (the app cuts the line there with "…").
#[must_use]
pub fn subline_chars(kind: NodeKind, name: &str) -> usize {
    let font = font_size(kind);
    let (_, longest) = line_shape(name);
    let name_width = longest as f64 * CHAR_WIDTH_EM * font;
    let per_char = CHAR_WIDTH_EM * font * SUBLINE_SCALE;
    ((name_width / per_char).floor() as usize).max(SUBLINE_MIN_CHARS)
}

/// Which text colour reads best on a node's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Near-black text, [`Ink::DARK`].
    Dark,
    /// White text, [`Ink::LIGHT`].
    Light,
}

impl Ink {
    /// The dark text colour.
    pub const DARK: &'static str = "#1b1b1b";
    /// The light text colour.
    pub const LIGHT: &'static str = "#ffffff";

    /// The CSS colour of this ink.
    #[must_use]
    pub const fn css(self) -> &'static str {
        match self {
            Ink::Dark => Ink::DARK,
            Ink::Light => Ink::LIGHT,
        }
    }

    /// The ink with the higher WCAG contrast ratio on `background` (`#rrggbb`).
    #[must_use]
    pub fn on(background: &str) -> Ink {
        let Some(bg) = rgb(background) else {
            return Ink::Dark;
        };
        let l = luminance(bg);
        let dark = luminance(rgb(Ink::DARK).unwrap_or([0, 0, 0]));
        // Contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker.
        let with_dark = (l + 0.05) / (dark + 0.05);
        let with_light = 1.05 / (l + 0.05);
        if with_dark >= with_light {
            Ink::Dark
        } else {
            Ink::Light
        }
    }
}

/// The WCAG contrast ratio between two `#rrggbb` colours (1 to 21).
#[must_use]
pub fn contrast(a: &str, b: &str) -> f64 {
    let (Some(a), Some(b)) = (rgb(a), rgb(b)) else {
        return 1.0;
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Colours given to top-level nodes that have none, picked by id: mid-tones
/// distinct from one another, each readable with one of the two inks.
pub const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#7b5a46", "#bab0ac", "#8cd17d", "#86bcb6",
];

/// `#rrggbb` as bytes.
pub(crate) fn rgb(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Bytes as `#rrggbb`.
pub(crate) fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `colour` mixed with white (`amount` from 0, unchanged, to 1, white).
pub(crate) fn lighten(colour: &str, amount: f64) -> Option<String> {
    let channels = rgb(colour)?;
    Some(hex(channels.map(|c| {
        let c = f64::from(c);
        (c + (255.0 - c) * amount).round().clamp(0.0, 255.0) as u8
    })))
}

/// WCAG relative luminance.
fn luminance(channels: [u8; 3]) -> f64 {
    let [r, g, b] = channels.map(|c| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_stay_on_one_line_and_long_ones_split_evenly() {
        assert_eq!(label_lines("LUMIÈRE"), ["LUMIÈRE"]);
        assert_eq!(label_lines("Site web"), ["Site web"]);
        assert_eq!(
            label_lines("COLLECTIF SANTÉ PÉDIATRIQUE"),
            ["COLLECTIF SANTÉ", "PÉDIATRIQUE"]
        );
        assert_eq!(
            label_lines("REINFOLIBERTEEXTRALONG"),
            ["REINFOLIBERTEEXTRALONG"]
        );
        for name in ["Réseautage & communication", "a b c d e f g h i j k l m n"] {
            let lines = label_lines(name);
            assert_eq!(lines.len(), 2, "{name}");
            assert_eq!(lines.join(" "), name);
        }
    }

    #[test]
    fn the_name_block_fits_inside_the_disc() {
        for kind in [
            NodeKind::Centre,
            NodeKind::Pole,
            NodeKind::Partner,
            NodeKind::Function,
        ] {
            for name in [
                "NL",
                "COHÉSION",
                "COLLECTIF SANTÉ PÉDIATRIQUE",
                &"É".repeat(80),
            ] {
                let r = label_radius(kind, name);
                let font = font_size(kind);
                let lines = label_lines(name);
                let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64
                    * CHAR_WIDTH_EM
                    * font;
                let height = lines.len() as f64 * LINE_HEIGHT_EM * font;
                // Every corner of the text block lies inside the circle.
                assert!((width / 2.0).hypot(height / 2.0) < r, "{name} in {kind:?}");
                assert!(r >= min_radius(kind));
            }
        }
        assert!(
            label_radius(NodeKind::Pole, "COLLECTIF SANTÉ PÉDIATRIQUE")
                > label_radius(NodeKind::Pole, "ARTISTES")
        );
    }

    #[test]
    fn ink_picks_the_more_readable_text_colour() {
        assert_eq!(Ink::on("#ffffff"), Ink::Dark);
        assert_eq!(Ink::on("#1f4e5f"), Ink::Light);
        assert_eq!(Ink::on("#f9a825"), Ink::Dark);
        for colour in PALETTE {
            let ink = Ink::on(colour);
            assert!(contrast(colour, ink.css()) >= 4.5, "{colour} with {ink:?}");
        }
    }

    #[test]
    fn lightening_moves_towards_white() {
        assert_eq!(lighten("#000000", 0.5).as_deref(), Some("#808080"));
        assert_eq!(lighten("#1f4e5f", 0.0).as_deref(), Some("#1f4e5f"));
        assert_eq!(lighten("nope", 0.5), None);
    }
}
