//! The list of versions (the working tree and every snapshot) and of the
//! periods between them: where a reader enters the roadmap's history.

use super::history::diff_summary;
use super::PageSpec;
use crate::render::context::{merge, pct, Ctx};
use crate::render::value::Value;
use crate::render::{root_of, GoneVersion};
use crate::tv;
use crate::words::count;

pub(super) fn versions_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let rows: Vec<Value> = cx
        .version
        .all
        .iter()
        .map(|v| tv!({ "name": v.name, "today": v.today, "url": format!("{}index.html", v.prefix), "brief": format!("{}brief.html", v.prefix), "pages": v.pages.count() }))
        .collect();
    let description = format!(
        "{} of {}: the working tree and every archived snapshot",
        count(rows.len(), "version", "versions"),
        cx.config.book.title
    );
    let diffs: Vec<Value> = cx
        .history
        .map(|h| h.diffs.iter().rev().map(|d| diff_summary(d, "")).collect())
        .unwrap_or_default();
    let promise = cx.history.and_then(|h| h.promise_keeping_rate()).map(pct);
    // A quarter rewritten since it was published reads here as rewritten:
    // the reader of its pages sees the rewrite, not the quarter sent.
    let rewritten: Vec<&str> = cx
        .info
        .findings
        .iter()
        .filter(|d| d.code == crate::lints::SNAPSHOT_REWRITTEN.code)
        .map(|d| d.message.as_str())
        .collect();
    merge(
        cx.base(page.path, "Versions", &description, page.section),
        tv!({ "rows": rows, "diffs": diffs, "promise": promise, "rewritten": rewritten, "approved_rewrites": cx.info.approved_rewrites }),
    )
}

/// The page at a gone quarter's address (`page` of `v/<name>/`): what it
/// was, why it is gone, and where to read on.
pub(super) fn gone_page(cx: &Ctx, gone: &GoneVersion, path: &str, page: &str) -> tera::Context {
    let root = root_of(path);
    let title = format!("Snapshot {} is no longer in this site", gone.name);
    let description = format!(
        "The address of snapshot {} of {}, which this site published and has since taken out",
        gone.name, cx.config.book.title
    );
    let approved_by = gone.approved_by.as_deref().map(|id| cx.link(id, &root));
    let now_as = gone.now_as.as_deref().map(|name| {
        let target = cx
            .version
            .all
            .iter()
            .find(|v| v.name == name)
            .filter(|v| v.pages.contains(page))
            .map_or("index.html", |_| page);
        tv!({ "name": name, "url": format!("{root}v/{name}/{target}") })
    });
    merge(
        cx.base(path, &title, &description, super::VERSIONS.section),
        tv!({ "gone": { "name": gone.name, "said": gone.said, "approved_by": approved_by, "now_as": now_as } }),
    )
}
