//! The executive brief: the dashboard as one file to print or send. It is
//! read away from the site, so its links are rewritten here.

use super::dashboard::dashboard_data;
use super::{PageSpec, DASHBOARD};
use crate::render::context::{merge, Ctx};
use crate::render::value::Value;
use crate::tv;

/// The brief is one file: every link inside it is an `#anchor`, or, when
/// `base-url` is set, an absolute link back to the site.
pub(super) fn brief(cx: &Ctx, page: &PageSpec) -> tera::Context {
    /// The brief is read away from the site: its links go to the published
    /// site, or nowhere when there is no base URL.
    fn rewrite(v: &Value, base: &str) -> Value {
        if let Some(map) = v.as_map() {
            let mut out = tera::Map::with_capacity(map.len());
            for (k, val) in map {
                let new = if k.as_str() == Some("url") {
                    match val.as_str() {
                        Some(u) if !base.is_empty() && !u.is_empty() => tv!(format!("{base}/{u}")),
                        _ => Value::none(),
                    }
                } else {
                    rewrite(val, base)
                };
                out.insert(k.clone(), new);
            }
            Value::from(out)
        } else if let Some(items) = v.as_array() {
            Value::from(items.iter().map(|i| rewrite(i, base)).collect::<Vec<_>>())
        } else {
            v.clone()
        }
    }
    let base = cx.config.build.base_url.trim_end_matches('/');
    let (description, dash) = dashboard_data(cx);
    // The brief stands for the dashboard: the parts every page shares
    // (title, path, version switcher) are the dashboard's.
    let mut ctx = merge(
        cx.base(
            DASHBOARD.path,
            &cx.config.book.title,
            &description,
            page.section,
        ),
        tv!({ "dash": rewrite(&dash, base) }),
    );
    let canonical = if base.is_empty() {
        Value::none()
    } else {
        tv!(format!("{base}/index.html"))
    };
    ctx.insert_value("canonical", canonical);
    ctx
}
