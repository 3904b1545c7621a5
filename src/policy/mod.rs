//! Policy files to one resolved policy set.

mod load;
pub mod model;
mod resolve;

pub use load::{load_policy_set, load_policy_texts, unreadable};
pub use model::{Declaration, Document, PolicySet, Statement};
pub use resolve::resolve;
