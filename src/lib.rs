//! A static site generator for press-conference transcripts.
//!
//! Data flows one way: raw text -> [`transcript`] model -> [`content`] files -> site.

pub mod build;
pub mod config;
pub mod content;
pub mod error;
pub mod fault;
pub mod import;
mod leftovers;

pub mod output;
pub mod panics;
pub mod render;
mod scan;
pub mod serve;
pub mod site;
pub mod topics;
pub mod transcript;
