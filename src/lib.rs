//! A static site generator for press-conference transcripts.
//!
//! Data flows one way: raw text -> [`transcript`] model -> [`content`] files -> site.

pub mod config;
pub mod content;
mod fasthash;
pub mod import;
mod scan;
pub mod topics;
pub mod transcript;
