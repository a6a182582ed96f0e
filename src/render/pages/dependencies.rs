//! Dependencies between pieces of work: where one team's slip becomes
//! another's (conflicts, blocked links, cycles, the critical path).

use super::PageSpec;
use crate::render::charts;
use crate::render::context::{merge, Ctx};
use crate::render::value::{self, Value};
use crate::tv;
use crate::words::count;

pub(super) fn dependencies_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let r = cx.r;
    let root = "";
    let f = cx.facts;
    let layer_of = |id: &str| {
        r.initiative(id)
            .or_else(|| {
                r.milestone(id)
                    .and_then(|m| r.initiative(m.initiative.as_str()))
            })
            .and_then(|i| i.layer)
            .unwrap_or_default()
    };
    let links: Vec<Value> = f
        .dependencies
        .links
        .iter()
        .map(|l| {
            tv!({
                "from": cx.link(&l.from, root),
                "from_layer": layer_of(&l.from),
                "to": cx.link(&l.to, root),
                "to_layer": layer_of(&l.to),
                "needed_by": l.needed_by.map(crate::base::date::iso),
                "ready_by": l.ready_by.map(crate::base::date::iso),
                "conflict_days": l.conflict_days,
                "blocked": l.blocked,
            })
        })
        .collect();
    let cycles: Vec<Value> = f
        .cycles
        .iter()
        .map(|c| tv!(c.iter().map(|id| cx.link(id, root)).collect::<Vec<_>>()))
        .collect();
    let critical: Vec<Value> = f
        .dependencies
        .critical_path
        .iter()
        .filter_map(|id| {
            let d = f.dates.get(id)?;
            let l = cx.link(id, root);
            let l = value::with(l, "start", tv!(d.start.map(crate::base::date::iso)));
            Some(value::with(
                l,
                "end",
                tv!(d.end.map(crate::base::date::iso)),
            ))
        })
        .collect();
    let conflicts = f
        .dependencies
        .links
        .iter()
        .filter(|l| l.conflict_days.is_some())
        .count();
    let blocked = f
        .dependencies
        .links
        .iter()
        .filter(|l| l.blocked.is_some())
        .count();
    let description = format!(
        "{}: {}, {blocked} blocked, {}",
        count(f.dependencies.links.len(), "dependency", "dependencies"),
        count(conflicts, "conflict", "conflicts"),
        count(f.cycles.len(), "cycle", "cycles")
    );
    merge(
        cx.base(page.path, "Dependencies", &description, page.section),
        tv!({
            "links": links,
            "cycles": cycles,
            "critical": critical,
            "conflicts": conflicts,
            "blocked": blocked,
            "chart": (!f.dependencies.links.is_empty()).then(|| charts::dependency_graph(r, f, root)),
        }),
    )
}
