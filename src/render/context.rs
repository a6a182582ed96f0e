//! What every page is built from: the render context (`Ctx`) and the small
//! value helpers more than one page family uses. Kept apart from the pages
//! so a page module reads as its own data only, and apart from `mod.rs` so
//! the site's orchestration does not drown in formatting details.

use super::{links, markdown, root_of, value, BuildInfo, Renderer, VersionCtx};
use crate::analysis::{Facts, MilestoneState};
use crate::config::Config;
use crate::history::History;
use crate::model::{Initiative, Meta, Roadmap};
use crate::tv;
use value::Value;

/// One build of one version: the roadmap, what was derived from it and how
/// pages link, shared by every page rendered in parallel.
pub(super) struct Ctx<'a> {
    /// The theme, for a page that writes part of itself through a template
    /// of its own as it is written (see [`super::splice`]).
    pub(super) renderer: &'a Renderer,
    pub(super) r: &'a Roadmap,
    pub(super) facts: &'a Facts,
    pub(super) config: &'a Config,
    pub(super) info: &'a BuildInfo<'a>,
    /// (text, url, in the main navigation) of every navigation entry.
    nav: Vec<(String, String, bool)>,
    pub(super) version: &'a VersionCtx,
    /// Only the working tree is rendered with its history.
    pub(super) history: Option<&'a History>,
    /// An archived version's: what the history up to it judged of it.
    judged: Option<&'a crate::history::AsOf>,
    pub(super) forecasts: &'a crate::forecast::Forecasts,
    /// The site's settings, as every page shows them.
    site: Value,
    /// The navigation as built for each (root, section), see `nav`.
    navs: std::sync::Mutex<std::collections::HashMap<(String, String), (Value, Value)>>,
    raw_items: bool,
    /// The traceability grids, computed on first use and shared by their
    /// pages, parts and CSV.
    grids: std::sync::OnceLock<crate::analysis::matrices::Grids>,
    /// What each approved change request covers in the history, made on
    /// first use by the requests' pages.
    covered:
        std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<super::covered::Covered>>>,
    /// The dashboard's summary line and figures, made once for its two
    /// readers, the dashboard and the brief, and let go by the second (at
    /// 10,000 initiatives, every KPI's sparkline and every live initiative
    /// reported red: kept while the whole version rendered, 50 MiB more at
    /// the peak).
    pub(super) dashboard: std::sync::Mutex<Option<std::sync::Arc<(String, Value)>>>,
    /// Each source file's findings (indexes into `info.findings`, in their
    /// order), made on first use by the item pages.
    findings_at: std::sync::OnceLock<std::collections::HashMap<&'a str, Vec<usize>>>,
    /// Each milestone done by a date a snapshot after it contradicts, by
    /// that snapshot's name and whether it recorded it done (else it
    /// showed it open and overdue).
    open_after_done: std::sync::OnceLock<std::collections::HashMap<&'a str, (&'a str, bool)>>,
    /// Where the bodies' links lead.
    links: links::Resolver<'a>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        renderer: &'a Renderer,
        data: super::Data<'a>,
        info: &'a BuildInfo<'a>,
        version: &'a VersionCtx,
    ) -> Ctx<'a> {
        let super::Data {
            roadmap: r,
            facts,
            config,
            history,
            judged,
            forecasts,
        } = data;
        Ctx {
            renderer,
            r,
            facts,
            config,
            info,
            nav: super::pages::navigation(r),
            version,
            history: history.filter(|h| h.points.len() > 1),
            judged: judged.filter(|j| j.points.len() > 1),
            forecasts,
            site: tv!({
                "title": &config.book.title,
                "organization": &config.book.organization,
                "language": &config.book.language,
                "today": &config.today.written,
                "today_source": &config.today_source,
                "version": env!("CARGO_PKG_VERSION"),
            }),
            navs: Default::default(),
            raw_items: renderer.raw_items,
            grids: std::sync::OnceLock::new(),
            covered: std::sync::OnceLock::new(),
            dashboard: Default::default(),
            findings_at: std::sync::OnceLock::new(),
            open_after_done: std::sync::OnceLock::new(),
            links: links::Resolver::new(
                r,
                config,
                super::page_paths(r),
                Some(renderer.statics.iter().map(|(p, _)| p.clone()).collect()),
            ),
        }
    }

    pub(super) fn covered(
        &self,
    ) -> &std::collections::HashMap<&'static str, Vec<super::covered::Covered>> {
        self.covered.get_or_init(|| match self.history {
            Some(h) => super::covered::covered_by_request(h, &self.config.budget.currency),
            None => Default::default(),
        })
    }

    pub(super) fn grids(&self) -> &crate::analysis::matrices::Grids {
        self.grids
            .get_or_init(|| crate::analysis::matrices::Grids::of(self.r, self.facts))
    }

    /// The findings about the files at `paths`, most important first (the
    /// order of the findings page).
    pub(super) fn findings_of(&self, paths: &[&str]) -> Vec<&'a crate::diag::Diagnostic> {
        let findings: &'a [crate::diag::Diagnostic] = self.info.findings;
        let at = self.findings_at.get_or_init(|| {
            let mut at: std::collections::HashMap<&'a str, Vec<usize>> =
                std::collections::HashMap::new();
            for (k, d) in findings.iter().enumerate() {
                at.entry(d.path.as_str()).or_default().push(k);
            }
            at
        });
        let mut ks: Vec<usize> = paths
            .iter()
            .filter_map(|p| at.get(p))
            .flatten()
            .copied()
            .collect();
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter().map(|k| &findings[k]).collect()
    }

    /// The snapshot whose record the milestone `gid`'s `done:` is dated
    /// before (`backdated-done`, standing), and whether it recorded it
    /// done later (else it showed it open and overdue).
    fn open_after_done(&self, gid: &str) -> Option<(&'a str, bool)> {
        self.open_after_done
            .get_or_init(|| {
                self.judgement()
                    .into_iter()
                    .flat_map(|j| j.open_backdated())
                    .map(|b| (b.gid.as_str(), (b.after.as_str(), b.done_then.is_some())))
                    .collect()
            })
            .get(gid)
            .copied()
    }

    /// What the pages read of the history: the working tree's whole, or
    /// what the history up to an archived version judged of it.
    pub(crate) fn judgement(&self) -> Option<&'a dyn crate::history::Judged> {
        match (self.history, self.judged) {
            (Some(h), _) => Some(h),
            (None, Some(j)) => Some(j),
            (None, None) => None,
        }
    }

    /// Milestones done by the date first promised, of those done, as the
    /// history read here counts them: none without a snapshot before.
    pub(super) fn promises(&self) -> Option<(usize, usize)> {
        self.judgement()
            .filter(|j| j.points().len() > 1)
            .map(|j| j.promises())
    }

    /// Reported figures restated with no approved change request, as of
    /// this version.
    pub(super) fn open_revisions(&self) -> &'a [crate::history::FigureRevision] {
        self.judgement().map_or(&[], |j| j.open_revisions())
    }

    /// KPI baselines moved in their favour with no approved change
    /// request, as of this version.
    pub(super) fn open_baselines(&self) -> &'a [crate::history::BaselineMoved] {
        self.judgement().map_or(&[], |j| j.open_baselines())
    }

    /// The RAID items through the snapshots up to this version.
    pub(super) fn raid(&self) -> Option<&'a crate::history::RaidLog> {
        self.judgement().map(|j| j.raid())
    }

    /// Scope changes and latent slips no approved change request covers,
    /// as of this version.
    pub(super) fn open_scope_and_latent(
        &self,
    ) -> (
        &'a [crate::history::ScopeChange],
        &'a [crate::history::Latent],
    ) {
        self.judgement()
            .map_or((&[], &[]), |j| (j.open_scope(), j.open_latent()))
    }

    /// The slips that need a decision and miss one, largest first.
    pub(super) fn unapproved_slips(&self) -> Vec<&'a crate::history::Slip> {
        self.judgement()
            .map_or_else(Vec::new, |j| j.unapproved_slips())
    }

    /// A milestone's slip, as the history read here knows it.
    pub(super) fn slip(&self, gid: &str) -> Option<&'a crate::history::Slip> {
        self.judgement().and_then(|j| j.slip(gid))
    }

    /// An initiative's budget increase that no approved change request
    /// covers.
    pub(super) fn open_budget(&self, id: &str) -> Option<&'a crate::history::BudgetIncrease> {
        self.judgement()
            .and_then(|j| j.open_budget().iter().find(|b| b.id == id))
    }

    /// What no approved change request covers of the budget increases
    /// that stand, in all.
    pub(super) fn unapproved_budget(&self) -> f64 {
        self.judgement().map_or(0.0, |j| {
            j.open_budget().iter().map(|b| b.to - b.approved).sum()
        })
    }

    /// The day of a snapshot of the history read here.
    pub(super) fn snapshot_day(&self, name: &str) -> Option<jiff::civil::Date> {
        self.judgement()?
            .points()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, day)| *day)
    }

    pub(super) fn link(&self, id: &str, root: &str) -> Value {
        match self.r.link_target(id) {
            Some((title, url)) => tv!({ "id": id, "text": title, "url": format!("{root}{url}") }),
            None => tv!({ "id": id, "text": id, "url": null }),
        }
    }

    pub(super) fn links<S: AsRef<str>>(&self, ids: &[S], root: &str) -> Vec<Value> {
        ids.iter().map(|id| self.link(id.as_ref(), root)).collect()
    }

    /// The fiscal quarter `today` is in, as quarters are named in the
    /// capacity facts: those before it are history, not a decision.
    pub(super) fn this_quarter(&self) -> String {
        crate::base::date::Quarter::of(self.config.today.day, self.config.roadmap.fiscal_year_start)
            .to_string()
    }

    /// From this version's page `path` to the site's root (archived
    /// versions sit under `v/<name>/` of it).
    pub(super) fn site_root(&self, path: &str) -> String {
        root_of(&format!("{}{path}", self.version.prefix))
    }

    /// Everything `base.html` needs.
    pub(super) fn base(
        &self,
        path: &str,
        title: &str,
        description: &str,
        section: &str,
    ) -> tera::Context {
        let root = root_of(path);
        let site_root = self.site_root(path);
        let versions: Vec<Value> = if self.version.is_archived() {
            // What stays true whatever versions come later: the working
            // tree's front page and this page. Scripts add the others.
            vec![
                tv!({ "name": "current", "today": null, "url": format!("{site_root}index.html"), "current": false }),
                tv!({ "name": &self.version.name, "today": self.config.today.iso(), "url": format!("{root}{path}"), "current": true }),
            ]
        } else {
            self.version
                .all
                .iter()
                .map(|v| {
                    let target = if v.pages.contains(path) {
                        path
                    } else {
                        "index.html"
                    };
                    tv!({
                        "name": &v.name,
                        "today": &v.today,
                        "url": format!("{site_root}{}{target}", v.prefix),
                        "current": v.name == self.version.name,
                    })
                })
                .collect()
        };
        let (nav, nav_items) = self.nav(&root, section);
        let base_url = self.config.build.base_url.trim_end_matches('/');
        // An archived page's own address: a link preview of it must show
        // the figures of its quarter under its own URL, not the current
        // page's.
        let canonical = if base_url.is_empty() {
            Value::none()
        } else {
            tv!(format!("{base_url}/{}{path}", self.version.prefix))
        };
        let mut ctx = tera::Context::new();
        ctx.insert_value("root", tv!(root));
        ctx.insert_value("site_root", tv!(site_root));
        ctx.insert_value("versions", tv!(versions));
        ctx.insert_value("version", tv!(&self.version.name));
        ctx.insert_value("archived", tv!(self.version.is_archived()));
        ctx.insert_value("version_rewritten", tv!(&self.version.rewritten));
        ctx.insert_value("path", tv!(path));
        ctx.insert_value("title", tv!(title));
        ctx.insert_value("description", tv!(description));
        ctx.insert_value("canonical", canonical);
        ctx.insert_value("site", self.site.clone());
        ctx.insert_value("nav", nav);
        ctx.insert_value("nav_items", nav_items);
        ctx
    }

    /// The navigation for pages `root` away from the top, `section` marked
    /// current: the same for many pages, so built once.
    pub(super) fn nav(&self, root: &str, section: &str) -> (Value, Value) {
        let key = (root.to_string(), section.to_string());
        let mut built = self.navs.lock().unwrap_or_else(|e| e.into_inner());
        built
            .entry(key)
            .or_insert_with(|| {
                let entry = |(t, u, _): &(String, String, bool)| tv!({ "text": t, "url": format!("{root}{u}"), "current": u == section });
                let nav: Vec<Value> = self.nav.iter().filter(|n| n.2).map(entry).collect();
                let items: Vec<Value> = self.nav.iter().filter(|n| !n.2).map(entry).collect();
                (tv!(nav), tv!(items))
            })
            .clone()
    }

    /// An item's model as the theme sees it, when a template reads it.
    pub(super) fn raw<T: serde::Serialize + ?Sized>(&self, item: &T) -> Value {
        if self.raw_items {
            value::serialized(item)
        } else {
            Value::none()
        }
    }

    pub(super) fn markdown(&self, meta: &Meta, root: &str) -> String {
        markdown::render(
            meta,
            self.r,
            &self.links,
            root,
            self.config.build.allow_html,
        )
    }
}

/// A page's context: what `base.html` needs, then the page's own values.
pub(super) fn merge(mut base: tera::Context, page: Value) -> tera::Context {
    for (key, value) in page.into_map().unwrap_or_default() {
        let key = match key {
            tera::value::Key::Str(k) => std::borrow::Cow::Borrowed(k),
            other => std::borrow::Cow::Owned(other.as_str().unwrap_or_default().to_string()),
        };
        base.insert_value(key, value);
    }
    base
}

/// A figure as a page shows it: [`fmt_num`]'s, its thousands grouped
/// (`12,500` people, `1,920` person-days). The files programs read keep
/// [`fmt_num`]'s.
pub(super) fn figure(n: f64) -> String {
    crate::words::grouped_number(&fmt_num(n))
}

/// A figure as written, every decimal kept (a restatement from 93.21 to
/// 93.24 must not read the same), its thousands grouped.
pub(super) fn figure_exact(n: f64) -> String {
    crate::words::grouped_number(&crate::words::exact(n))
}

pub(super) fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub(super) fn pct(n: f64) -> String {
    format!("{}%", (n * 100.0).round() as i64)
}

pub(super) fn pct_opt(v: Option<f64>) -> Value {
    v.map(|x| tv!(pct(x))).unwrap_or(Value::none())
}

pub(super) fn per_quarter_text(p: &crate::model::PerQuarter, fraction: bool) -> String {
    let f = |v: f64| if fraction { pct(v) } else { figure(v) };
    let mut parts: Vec<String> = p.default.map(|d| vec![f(d)]).unwrap_or_default();
    parts.extend(
        p.by_quarter
            .iter()
            .map(|(d, v)| format!("{}: {}", d.written, f(*v))),
    );
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}

pub(super) fn fact(label: &str, value: impl Into<String>) -> Value {
    tv!({ "label": label, "text": value.into() })
}

pub(super) fn fact_badge(label: &str, value: &str, class: String) -> Value {
    tv!({ "label": label, "text": value, "badge": class })
}

pub(super) fn fact_links(label: &str, links: Vec<Value>) -> Value {
    tv!({ "label": label, "links": links })
}

pub(super) fn milestone_row(
    cx: &Ctx,
    init: &Initiative,
    ms: &crate::model::Milestone,
    root: &str,
) -> Value {
    let slip = cx.slip(ms.gid.as_str());
    // An archived version keeps no baselines, only its slips: where one
    // counts from is the history's baseline too.
    let baseline: Option<(&str, jiff::civil::Date)> = cx
        .history
        .and_then(|h| h.baselines.get(ms.gid.as_str()))
        .map(|b| (b.written.as_str(), b.day))
        .or_else(|| slip.map(|s| (s.baseline_written.as_str(), s.baseline)))
        .or_else(|| ms.baseline.as_ref().map(|b| (b.written.as_str(), b.day)));
    let state = cx
        .facts
        .milestones
        .get(ms.gid.as_str())
        .copied()
        .unwrap_or(MilestoneState::of(ms, cx.config.today.day));
    // Overdue against a date moved with no decision: how long the date it
    // stands committed to has been past, which health counts from.
    let today = cx.config.today.day;
    let committed_day = slip
        .filter(|s| s.is_unacknowledged() && ms.done.is_none() && s.committed < ms.due.day)
        .map(|s| s.committed);
    let committed_by = committed_day.map(|day| crate::analysis::days_between(day, today));
    let committed_past = committed_by.filter(|&days| days > 0);
    // Part of the move approved: how much of it no decision covers, as the
    // unapproved-slip rows count it (a move of 181 days, 90 approved, is
    // not "+181 d, unacknowledged" there and "+91" on the dashboard).
    let slip_days = baseline
        .as_ref()
        .map(|(_, d)| crate::analysis::days_between(*d, ms.due.day))
        .filter(|d| *d != 0);
    let unack_days = slip
        .and_then(crate::history::Slip::unapproved_days)
        .filter(|&d| d > 0 && Some(d) != slip_days);
    // Past the date it stands committed to: overdue from it, as the
    // delivery metrics and the dashboard's overdue list count it (not yet
    // due by the date it moved to, it read "Due in 26 d"; past that too,
    // "Overdue by 114 d" beside "174 d past the date committed").
    let live = crate::analysis::is_live(init);
    let (state_key, state_label, committed_past) = match committed_by {
        Some(days) if days > 0 && live => (
            "overdue",
            // Short enough for the brief's column, which cuts a long badge.
            format!("{days} d past the date committed"),
            None,
        ),
        // Not yet past it: due by it, as the due-soon lists count it.
        // The date named: the row's own Due is the date moved to.
        Some(days) if live => (
            state.key(),
            format!(
                "Due in {} d (committed for {})",
                -days,
                committed_day
                    .map(crate::base::date::iso)
                    .unwrap_or_default()
            ),
            None,
        ),
        _ => (state.key(), row_label(cx, ms, state), committed_past),
    };
    tv!({
        "id": ms.id,
        "gid": ms.gid,
        "anchor": format!("m-{}", ms.id),
        "title": ms.title,
        "url": format!("{root}{}#m-{}", init.meta.url, ms.id),
        "initiative": { "text": init.meta.title, "url": format!("{root}{}", init.meta.url) },
        "owner": ms.owner,
        "due": ms.due.written,
        "due_iso": ms.due.iso(),
        "done": ms.done.as_ref().map(|d| d.written.to_string()),
        "baseline": baseline.as_ref().map(|(w, _)| *w),
        // Days the due date moved past the committed baseline.
        "slip_days": slip_days,
        "unack_days": unack_days,
        "slip_ack": slip.and_then(|s| s.acknowledged_by.as_ref()).map(|c| cx.link(c, root)),
        "slip_ack_more": cx.history.map_or(&[][..], |h| h.slip_top_ups(ms.gid.as_str())).iter().map(|c| cx.link(c, root)).collect::<Vec<_>>(),
        "slip_unack": slip.is_some_and(|s| s.is_unacknowledged()),
        "gate": ms.gate,
        "criteria": ms.criteria,
        "depends_on": cx.links(&ms.depends_on, root),
        "state": state_key,
        "state_label": state_label,
        "committed_past": committed_past,
        "forecast": forecast_json(cx, &ms.gid, root),
    })
}

/// A milestone row's state in words. Late by the record: the date written
/// is before a snapshot that showed it open (the row read "done
/// 2026-07-20" beside a due date after it, with no word why it counts
/// late).
fn row_label(cx: &Ctx, ms: &crate::model::Milestone, state: MilestoneState) -> String {
    match (state, cx.open_after_done(ms.gid.as_str())) {
        (MilestoneState::DoneLate { .. }, Some((snapshot, false))) => format!(
            "{} at least: snapshot {snapshot} showed it open",
            state.label()
        ),
        (MilestoneState::DoneLate { .. }, Some((snapshot, true))) => {
            format!("{}, done as snapshot {snapshot} recorded it", state.label())
        }
        _ => state.label(),
    }
}

/// Whose history a forecast comes from, teams by name.
pub(super) fn basis_words(cx: &Ctx, basis: &crate::forecast::Basis) -> String {
    match basis {
        crate::forecast::Basis::Team(t) => {
            let name = cx.r.get(t).map_or(&**t, |m| m.title.as_str());
            format!("team {name}'s history")
        }
        crate::forecast::Basis::Layer(l) => format!("the {l} layer's history"),
        crate::forecast::Basis::Roadmap => "the whole roadmap's history".to_string(),
    }
}

/// An open milestone's forecast as a page shows it: the likely (P50) and
/// cautious (P85) dates, whose history they come from, and the dependency
/// that pushed them, if any; `forecast: none` when no group has enough
/// history, absent for done milestones.
fn forecast_json(cx: &Ctx, gid: &str, root: &str) -> Value {
    match cx.forecasts.milestones.get(gid) {
        None => Value::none(),
        Some(None) => tv!({ "none": true, "min_samples": cx.forecasts.min_samples }),
        Some(Some(f)) => {
            let basis = basis_words(cx, &f.basis);
            tv!({
                "none": false,
                "p50": f.p50.to_string(),
                "p85": f.p85.to_string(),
                "later": f.p85 > f.due,
                "basis": basis,
                // How far each date is past the due, as shown beside it
                // (the history's own shift is less when a dependency
                // pushed the dates, which "waits for" says).
                "shift": format!(
                    "{} / {} d",
                    signed(crate::analysis::days_between(f.due, f.p50)),
                    signed(crate::analysis::days_between(f.due, f.p85))
                ),
                "pushed_by": f.pushed_by.as_ref().map(|d| cx.link(d, root)),
            })
        }
    }
}

/// `+12`, `0`, `−3`: days with their sign, a true minus.
fn signed(days: i64) -> String {
    match days {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("−{}", -d),
        _ => "0".into(),
    }
}

/// An outcome's roll-up as page data, with the first `beyond_shown` of
/// the work past its horizon (latest first) and how much there is.
pub(super) fn rollup_json(
    cx: &Ctx,
    roll: &crate::analysis::outcomes::Rollup,
    root: &str,
    beyond_shown: usize,
) -> Value {
    let beyond: Vec<Value> = roll
        .beyond_horizon
        .iter()
        .take(beyond_shown)
        .map(|b| {
            value::with(
                cx.link(&b.id, root),
                "date",
                tv!(crate::base::date::iso(b.date)),
            )
        })
        .collect();
    let kpis: Vec<Value> = roll
        .kpis
        .iter()
        .map(|(id, ok)| {
            let state = match ok {
                Some(true) => "on target",
                Some(false) => "off target",
                None => "no target or data",
            };
            value::with(cx.link(id, root), "state", tv!(state))
        })
        .collect();
    tv!({
        "state": roll.state.key(),
        "label": roll.state.label(),
        "colour": roll.state.colour(),
        "health": roll.health.map(|h| h.as_str()),
        "initiatives": roll.live_initiatives.len(),
        "milestones_total": roll.milestones_total,
        "milestones_done": roll.milestones_done,
        "milestones_late": roll.milestones_late,
        "latest_end": roll.latest_end.map(crate::base::date::iso),
        "horizon": roll.horizon.map(crate::base::date::iso),
        "beyond_horizon": beyond,
        "beyond_horizon_total": roll.beyond_horizon.len(),
        "kpis": kpis,
        "kpis_on_target": roll.kpis_on_target(),
        "reasons": roll.reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(fmt_num(42.0), "42");
        assert_eq!(fmt_num(41.25), "41.25");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
        assert_eq!(fmt_num(12500.0), "12500");
        assert_eq!(figure(12500.0), "12,500");
        assert_eq!(figure(-1234.567), "-1,234.57");
    }
}
