//! The RAID log's views: its list with the heat map above it, the badge an
//! item's exposure is shown with, and the section initiative and outcome
//! pages list their open items in.

use crate::analysis::risks::Exposure;
use crate::charts::heatmap::{self, HeatCell};
use crate::model::Risk;
use crate::render::context::Ctx;
use crate::render::value::Value;
use crate::tv;

/// "20 high", tinted like health; "—" when it has no exposure.
pub(super) fn exposure_text(cx: &Ctx, x: &Risk) -> (String, Option<String>) {
    exposure_words(cx, x.exposure(), !x.is_open())
}

/// A closed item's exposure is what it was scored at, in a plain badge:
/// red, a risk closed last quarter read as one of the threats on the log.
fn exposure_words(cx: &Ctx, exposure: Option<u8>, closed: bool) -> (String, Option<String>) {
    match exposure {
        Some(e) => {
            let level = Exposure::of(e, cx.config.governance.risk_high_exposure);
            let class = match closed {
                true => "exposure-closed".to_string(),
                false => format!("health-{}", level.colour()),
            };
            (format!("{e} {}", level.as_str()), Some(class))
        }
        None => ("—".into(), None),
    }
}

pub(super) fn cell_anchor(probability: u8, impact: u8) -> String {
    format!("cell-{probability}-{impact}")
}

/// The heat map's SVG and, cell by cell, the items it links to: the same
/// numbers as a table, which is where each cell's link lands.
pub(super) fn heat(cx: &Ctx, root: &str) -> (String, Vec<Value>) {
    let high = cx.config.governance.risk_high_exposure;
    let cells = &cx.facts.risks.cells;
    let marks: Vec<HeatCell> = cells
        .iter()
        .map(|c| HeatCell {
            probability: c.probability,
            impact: c.impact,
            level: c.exposure.as_str(),
            titles: c
                .ids
                .iter()
                .map(|id| cx.r.get(id).map_or(id.clone(), |m| m.title.clone()))
                .collect(),
            url: format!("#{}", cell_anchor(c.probability, c.impact)),
        })
        .collect();
    let svg = heatmap::heatmap(&marks, |p, i| Exposure::of(p * i, high).as_str());
    // The worst first: by exposure, then by impact (a 4 × 5 above a 5 × 4).
    let mut by_exposure: Vec<_> = cells.iter().collect();
    by_exposure.sort_by_key(|c| {
        std::cmp::Reverse((u16::from(c.probability) * u16::from(c.impact), c.impact))
    });
    let rows = by_exposure
        .into_iter()
        .map(|c| {
            tv!({
                "anchor": cell_anchor(c.probability, c.impact),
                "probability": c.probability,
                "impact": c.impact,
                "exposure": c.probability * c.impact,
                "level": c.exposure.as_str(),
                "class": format!("health-{}", c.exposure.colour()),
                "items": cx.links(&c.ids, root),
            })
        })
        .collect();
    (svg, rows)
}

/// The open RAID items that threaten an initiative or outcome, highest
/// exposure first, for its page.
pub(super) fn threatening(cx: &Ctx, id: &str, root: &str) -> Vec<Value> {
    let Some(ids) = cx.facts.risks.by_item.get(id) else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|rid| match cx.r.item_ref(rid) {
            Some(at) if at.kind == crate::model::Kind::Risk => Some(&cx.r.risks[at.index]),
            _ => None,
        })
        .map(|x| row(cx, x, root))
        .collect()
}

/// An open item as the pages list it: linked, with its exposure and what
/// is done about it.
fn row(cx: &Ctx, x: &Risk, root: &str) -> Value {
    let (exposure, class) = exposure_text(cx, x);
    // An issue now, counted with the issues above the table: said so
    // beside its type ("3 issues, 1 risk that occurred" over a row
    // reading only "risk").
    let kind = match (x.kind.as_str(), x.status.as_str()) {
        ("risk", "occurred") => "risk (occurred)",
        (kind, _) => kind,
    };
    tv!({
        "text": x.meta.title,
        "url": format!("{root}{}", x.meta.url),
        "type": kind,
        "status": x.status,
        "exposure": exposure,
        "class": class,
        "mitigation": x.mitigation,
        "owner": x.owner,
    })
}

/// The RAID log on the dashboard and in the brief: open items by type, and
/// the highest exposures with what is done about them.
pub(super) fn dashboard(cx: &Ctx, root: &str, rows: usize) -> Value {
    let f = &cx.facts.risks;
    let scored: Vec<_> =
        cx.r.risks_in_order()
            .into_iter()
            .filter(|x| x.is_open() && x.exposure().is_some())
            .collect();
    let top: Vec<Value> = scored.iter().take(rows).map(|x| row(cx, x, root)).collect();
    // A risk that occurred counts as an issue: said, beside a row of the
    // table that reads "risk" ("0 risks, 1 issue" above one).
    let occurred =
        cx.r.risks
            .iter()
            .filter(|x| x.is_open() && x.kind == "risk" && x.status == "occurred")
            .count();
    // A dependency only where the log has one: the four letters most
    // logs read are always counted.
    let by_type: Vec<Value> = [
        ("risk", "risks"),
        ("assumption", "assumptions"),
        ("issue", "issues"),
        ("decision", "decisions"),
        ("dependency", "dependencies"),
    ]
    .iter()
    .map(|&(t, plural)| (t, plural, f.open_by_type.get(t).copied().unwrap_or(0)))
    .filter(|&(t, _, count)| t != "dependency" || count > 0)
    .map(|(t, plural, count)| tv!({ "type": t, "types": plural, "count": count }))
    .collect();
    tv!({
        "total": cx.r.risks.len(),
        "open": f.open_by_type.values().sum::<usize>(),
        "high": f.high.len(),
        "stale": f.stale.len(),
        "by_type": by_type,
        "occurred": occurred,
        "top": top,
        // How many the table leaves out, so "6 of high exposure" above a
        // table of 5 does not read as one missing.
        "more": scored.len().saturating_sub(rows),
        "url": format!("{root}risks/index.html"),
    })
}

/// A RAID item's row at every point of the history from the first that
/// logged it, each linked to its page in that snapshot's site and saying
/// what moved since the point before: empty when only the working tree
/// has it.
pub(super) fn trail(cx: &Ctx, x: &Risk) -> Vec<Value> {
    let Some(log) = cx.raid() else {
        return Vec::new();
    };
    let Some(trail) = log.trail(&x.meta.id) else {
        return Vec::new();
    };
    let Some(first) = trail
        .iter()
        .position(|p| *p != crate::history::RaidPoint::Absent)
    else {
        return Vec::new();
    };
    // A snapshot taken on the day read, as the item stands: one row.
    let end = match trail {
        [.., then, now] if log.taken_today() && then == now => trail.len() - 1,
        _ => trail.len(),
    };
    if first + 1 >= end {
        return Vec::new();
    }
    let site_root = cx.site_root(&x.meta.url);
    (first..end)
        .map(|k| {
            let (name, day) = &log.points[k];
            let last = k + 1 == trail.len();
            // The version read is this page; a snapshot that logged the
            // item has its page in its own site.
            let url = (!last && trail[k].state().is_some())
                .then(|| format!("{site_root}v/{name}/{}", x.meta.url));
            let point = tv!({
                "name": name,
                "day": crate::base::date::iso(*day),
                "url": url,
                "current": last,
            });
            let Some(state) = trail[k].state() else {
                let note = match trail[k] {
                    crate::history::RaidPoint::Unread => "its file could not be read",
                    _ => "not in the log",
                };
                return tv!({ "point": point, "note": note });
            };
            let (exposure, class) = exposure_words(cx, state.exposure, &*state.status == "closed");
            let moved = match k > first {
                true => crate::history::RaidPoint::moved_since(&trail[first..k], state),
                false => Some("first logged".into()),
            };
            tv!({
                "point": point,
                "status": &*state.status,
                // Logged as another type then (a risk that became an
                // issue).
                "other_type": (*state.kind != *x.kind).then_some(&*state.kind),
                "scores": match (state.likelihood, state.impact) {
                    (Some(p), Some(i)) => format!("{p} × {i}"),
                    _ => "—".into(),
                },
                "exposure": exposure,
                "class": class,
                "owner": &*state.owner,
                "reviewed": state.reviewed.as_deref().unwrap_or("—"),
                "moved": moved.unwrap_or_else(|| "—".into()),
            })
        })
        .collect()
}
