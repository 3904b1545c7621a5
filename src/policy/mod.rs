//! Policy files to one resolved policy set.

pub mod model;
mod resolve;

pub use model::{Declaration, Document, PolicySet, Statement};
pub use resolve::{load_policy_set, resolve};
