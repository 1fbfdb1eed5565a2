//! The bureau's side: staff accounts and sessions, the console's pages and actions, and the
//! audit trail every action is written to.

pub mod accounts;
pub mod audit;
mod console;
pub mod session;

pub use console::routes;
