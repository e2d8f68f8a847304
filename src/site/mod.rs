//! The site: its routes (the URL scheme), the model read from content/, the `@/`
//! link index, and which routes a change affects.

mod affected;
mod links;
mod model;
mod route;

pub use affected::{affected, all_routes, Affected};
pub use links::{Index, Target};
pub use model::{assemble, line_of_item, line_of_key, replace, Briefing, Exchange, Replaced};
pub use route::{Route, Urls};
