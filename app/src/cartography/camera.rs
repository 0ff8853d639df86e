//! Where the map is looked at from: the map point at the centre of the
//! screen and the zoom, and the arithmetic of panning, zooming and fitting.
//!
//! Screen coordinates are CSS pixels from the map area's top-left corner; map
//! coordinates are the layout's units (`archipel_core::map`).

use archipel_core::map::Bounds;

use crate::ui::fixed;

/// Zoom limits: far enough to see 1 000 pôles, close enough to read a function.
pub const MIN_SCALE: f64 = 0.02;
/// See [`MIN_SCALE`].
pub const MAX_SCALE: f64 = 6.0;
/// Empty space kept around the map when fitting, in screen pixels.
const FIT_MARGIN: f64 = 24.0;

/// A point of view on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Map point shown at the centre of the screen.
    pub x: f64,
    /// See `x`.
    pub y: f64,
    /// Screen pixels per map unit.
    pub scale: f64,
}

impl Default for Camera {
    fn default() -> Camera {
        Camera {
            x: 0.0,
            y: 0.0,
            scale: 1.0,
        }
    }
}

impl Camera {
    /// The camera that shows all of `bounds` in a `width` × `height` screen.
    #[must_use]
    pub fn fit(bounds: &Bounds, width: f64, height: f64) -> Camera {
        let span_x = (bounds.max_x - bounds.min_x).max(1.0);
        let span_y = (bounds.max_y - bounds.min_y).max(1.0);
        let room_x = (width - 2.0 * FIT_MARGIN).max(1.0);
        let room_y = (height - 2.0 * FIT_MARGIN).max(1.0);
        Camera {
            x: (bounds.min_x + bounds.max_x) / 2.0,
            y: (bounds.min_y + bounds.max_y) / 2.0,
            scale: (room_x / span_x)
                .min(room_y / span_y)
                .clamp(MIN_SCALE, MAX_SCALE),
        }
    }

    /// The map point under screen point (`sx`, `sy`).
    #[must_use]
    pub fn map_point(self, sx: f64, sy: f64, width: f64, height: f64) -> (f64, f64) {
        (
            self.x + (sx - width / 2.0) / self.scale,
            self.y + (sy - height / 2.0) / self.scale,
        )
    }

    /// Zooms by `factor`, keeping the map point under (`sx`, `sy`) in place.
    #[must_use]
    pub fn zoomed_at(self, factor: f64, sx: f64, sy: f64, width: f64, height: f64) -> Camera {
        let (mx, my) = self.map_point(sx, sy, width, height);
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        Camera {
            x: mx - (sx - width / 2.0) / scale,
            y: my - (sy - height / 2.0) / scale,
            scale,
        }
    }

    /// Moves the view by a drag of (`dx`, `dy`) screen pixels.
    #[must_use]
    pub fn panned(self, dx: f64, dy: f64) -> Camera {
        Camera {
            x: self.x - dx / self.scale,
            y: self.y - dy / self.scale,
            scale: self.scale,
        }
    }

    /// Centres on a disc of radius `r`, zoomed so that it fills about
    /// `share` of the smaller screen side.
    #[must_use]
    pub fn focused_on(x: f64, y: f64, r: f64, share: f64, width: f64, height: f64) -> Camera {
        let side = width.min(height).max(1.0);
        Camera {
            x,
            y,
            scale: (side * share / (2.0 * r.max(1.0))).clamp(MIN_SCALE, MAX_SCALE),
        }
    }

    /// Whether map point (`x`, `y`) is on screen.
    #[must_use]
    pub fn shows(self, x: f64, y: f64, width: f64, height: f64) -> bool {
        let sx = (x - self.x) * self.scale + width / 2.0;
        let sy = (y - self.y) * self.scale + height / 2.0;
        (0.0..=width).contains(&sx) && (0.0..=height).contains(&sy)
    }

    /// The CSS transform of the map layer.
    #[must_use]
    pub fn css(self, width: f64, height: f64) -> String {
        format!(
            "translate({}px,{}px) scale({})",
            fixed(width / 2.0 - self.x * self.scale, 2),
            fixed(height / 2.0 - self.y * self.scale, 2),
            fixed(self.scale, 5)
        )
    }
}
