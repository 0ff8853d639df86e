//! The views of the app and the client-side paths that reach them.
//!
//! The app's router and navigation are built from this list, and the server's
//! tests use it to check that every view path falls back to the app shell.

use serde::{Deserialize, Serialize};

/// One top-level screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum View {
    /// The interactive map of pôles, people and partner collectives.
    Cartography,
    /// Roles, recruitment, tasks, meetings and decisions.
    Governance,
    /// The library of versioned how-to kits.
    Kits,
    /// Places mapped in the field.
    Territory,
    /// The collective's settings, language and local storage.
    Settings,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 5] = [
        View::Cartography,
        View::Governance,
        View::Kits,
        View::Territory,
        View::Settings,
    ];

    /// The client-side path of the view (French slugs: the collectives are French).
    #[must_use]
    pub const fn path(self) -> &'static str {
        match self {
            View::Cartography => "/cartographie",
            View::Governance => "/gouvernance",
            View::Kits => "/kits",
            View::Territory => "/territoire",
            View::Settings => "/reglages",
        }
    }

    /// The view a path leads to, if any (a trailing slash is tolerated).
    #[must_use]
    pub fn from_path(path: &str) -> Option<View> {
        let trimmed = match path.strip_suffix('/') {
            Some(rest) if !rest.is_empty() => rest,
            _ => path,
        };
        View::ALL.into_iter().find(|view| view.path() == trimmed)
    }

    /// A stable, language-independent key (used for translation keys and test ids).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            View::Cartography => "cartography",
            View::Governance => "governance",
            View::Kits => "kits",
            View::Territory => "territory",
            View::Settings => "settings",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_is_found_again_from_its_path() {
        for view in View::ALL {
            assert_eq!(View::from_path(view.path()), Some(view));
            assert_eq!(View::from_path(&format!("{}/", view.path())), Some(view));
        }
    }

    #[test]
    fn paths_and_keys_are_unique() {
        let mut paths: Vec<_> = View::ALL.iter().map(|view| view.path()).collect();
        let mut keys: Vec<_> = View::ALL.iter().map(|view| view.key()).collect();
        paths.sort_unstable();
        paths.dedup();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(paths.len(), View::ALL.len());
        assert_eq!(keys.len(), View::ALL.len());
    }

    #[test]
    fn unknown_paths_lead_nowhere() {
        assert_eq!(View::from_path("/"), None);
        assert_eq!(View::from_path("/territoire/extra"), None);
        assert_eq!(View::from_path("/Territoire"), None);
    }
}
