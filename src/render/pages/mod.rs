//! The pages of the site, one module per page family. Each module turns the
//! render context into the Tera context of its pages and knows nothing of
//! templates, files or versions: that is `render`'s job, so a page can be
//! read, changed and tested on its own.

pub(super) mod brief;
pub(super) mod capacity;
pub(super) mod dashboard;
pub(super) mod dependencies;
pub(super) mod findings;
pub(super) mod governance;
pub(super) mod history;
pub(super) mod items;
pub(super) mod lists;
pub(super) mod metrics;
pub(super) mod timeline;
pub(super) mod traceability;
pub(super) mod versions;
