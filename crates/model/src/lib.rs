//! Types shared by the browser bundle, the pre-renderer and the server. No Leptos, no I/O.

pub mod api;
pub mod booking;
pub mod calendar;
pub mod checklist;
pub mod clock;
pub mod deferral;
pub mod event;
pub mod form;
pub mod guide;
mod id_enum;
pub mod lang;
pub mod page;
pub mod route;
pub mod search;
pub mod staff;
pub mod work;

pub use deferral::{Deferral, Later, Missing};
pub use guide::*;
pub use id_enum::InvalidValue;
pub use lang::{Lang, Said};
pub use page::*;
pub use route::{tel_href, Route};
