//! The pages of the site, one module per page family. Each module turns the
//! render context into the Tera context of its pages and knows nothing of
//! templates, files or versions: that is `render`'s job, so a page can be
//! read, changed and tested on its own.
//!
//! Which pages exist is said once, here: the whole-roadmap pages in
//! [`PAGES`], then a list per kind, a page per item and a page per period.
//! The navigation, the version switcher's page set and the rendered pages
//! are all read from it, so adding a page cannot forget one of them.

mod brief;
mod budget;
mod capacity;
mod dashboard;
mod dependencies;
mod findings;
mod governance;
mod history;
mod items;
mod lists;
mod matrix;
mod metrics;
mod risks;
mod timeline;
mod traceability;
mod versions;

use super::context::Ctx;
use super::VersionCtx;
use crate::model::{Kind, Meta, Roadmap};

/// Which versions of the site a page is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// Every version, archived ones included: the version switcher can land
    /// on it from any other version.
    EveryVersion,
    /// The site root, when there are archived versions to list.
    RootWithVersions,
}

impl Scope {
    fn renders_in(self, version: &VersionCtx) -> bool {
        match self {
            Scope::EveryVersion => true,
            Scope::RootWithVersions => !version.is_archived() && !version.all.is_empty(),
        }
    }
}

/// A page of the whole roadmap, as opposed to a page per kind, item or
/// period.
pub(super) struct PageSpec {
    /// Where it is written, from the version's root.
    pub(super) path: &'static str,
    pub(super) template: &'static str,
    /// Its label in the main navigation; `None` keeps it out.
    pub(super) nav: Option<&'static str>,
    /// The navigation entry shown as current on it.
    pub(super) section: &'static str,
    pub(super) scope: Scope,
    pub(super) build: for<'x> fn(&'x Ctx, &PageSpec) -> Page<'x>,
}

/// The front page; the brief stands for it.
const DASHBOARD: PageSpec = PageSpec {
    path: "index.html",
    template: "index.html",
    nav: Some("Dashboard"),
    section: "index.html",
    scope: Scope::EveryVersion,
    build: |cx, page| dashboard::dashboard(cx, page).into(),
};

/// The versions page; the diff pages sit in its section.
const VERSIONS: PageSpec = PageSpec {
    path: "versions.html",
    template: "versions.html",
    nav: None,
    section: "versions.html",
    scope: Scope::RootWithVersions,
    build: |cx, page| versions::versions_page(cx, page).into(),
};

/// Every page of the whole roadmap, in the order of the main navigation.
pub(super) const PAGES: &[PageSpec] = &[
    DASHBOARD,
    // Beside the dashboard, whose figures it reads: made once for both and
    // let go by the second, they are not held while the rest renders.
    PageSpec {
        path: "brief.html",
        template: "brief.html",
        nav: None,
        section: DASHBOARD.section,
        // Each archived version has a brief of its day, at an address that
        // stays: last quarter's link keeps last quarter's figures.
        scope: Scope::EveryVersion,
        build: |cx, page| brief::brief(cx, page).into(),
    },
    PageSpec {
        path: "traceability.html",
        template: "traceability.html",
        nav: Some("Traceability"),
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| traceability::traceability_page(cx, page).into(),
    },
    // The traceability grids and the full trace: reached from the
    // traceability page and from each other, not from the navigation.
    PageSpec {
        path: "matrix.html",
        template: "matrix.html",
        nav: None,
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| matrix::outcome_grid_page(cx, page).into(),
    },
    PageSpec {
        path: "matrix-by-team.html",
        template: "matrix.html",
        nav: None,
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| matrix::outcome_grid_by_team_page(cx, page).into(),
    },
    PageSpec {
        path: "capability-matrix.html",
        template: "matrix.html",
        nav: None,
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| matrix::capability_grid_page(cx, page).into(),
    },
    PageSpec {
        path: "kpi-matrix.html",
        template: "matrix.html",
        nav: None,
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| matrix::kpi_grid_page(cx, page).into(),
    },
    PageSpec {
        path: "trace.html",
        template: "matrix.html",
        nav: None,
        section: "traceability.html",
        scope: Scope::EveryVersion,
        build: |cx, page| matrix::trace_page(cx, page).into(),
    },
    PageSpec {
        path: "timeline.html",
        template: "timeline.html",
        nav: Some("Timeline"),
        section: "timeline.html",
        scope: Scope::EveryVersion,
        build: |cx, page| timeline::timeline_page(cx, page, false),
    },
    // The same timeline grouped by team: reached from the timeline, not
    // from the navigation.
    PageSpec {
        path: "timeline-by-team.html",
        template: "timeline.html",
        nav: None,
        section: "timeline.html",
        scope: Scope::EveryVersion,
        build: |cx, page| timeline::timeline_page(cx, page, true),
    },
    PageSpec {
        path: "capacity.html",
        template: "capacity.html",
        nav: Some("Capacity"),
        section: "capacity.html",
        scope: Scope::EveryVersion,
        build: |cx, page| capacity::capacity_page(cx, page).into(),
    },
    PageSpec {
        path: "budget.html",
        template: "budget.html",
        nav: Some("Budget"),
        section: "budget.html",
        scope: Scope::EveryVersion,
        build: |cx, page| budget::budget_page(cx, page).into(),
    },
    PageSpec {
        path: "dependencies.html",
        template: "dependencies.html",
        nav: Some("Dependencies"),
        section: "dependencies.html",
        scope: Scope::EveryVersion,
        build: |cx, page| dependencies::dependencies_page(cx, page).into(),
    },
    PageSpec {
        path: "governance.html",
        template: "governance.html",
        nav: Some("Governance"),
        section: "governance.html",
        scope: Scope::EveryVersion,
        build: |cx, page| governance::governance_page(cx, page).into(),
    },
    PageSpec {
        path: "metrics.html",
        template: "metrics.html",
        nav: Some("Metrics"),
        section: "metrics.html",
        scope: Scope::EveryVersion,
        build: |cx, page| metrics::metrics_page(cx, page).into(),
    },
    PageSpec {
        path: "findings.html",
        template: "findings.html",
        nav: Some("Findings"),
        section: "findings.html",
        scope: Scope::EveryVersion,
        build: findings::findings_page,
    },
    VERSIONS,
];

/// The kinds with a list page: all of them, but free pages only when there
/// are some (a list of nothing would be a dead end in the navigation).
pub(super) fn listed_kinds(r: &Roadmap) -> impl Iterator<Item = Kind> + '_ {
    Kind::ALL
        .into_iter()
        .filter(|&kind| kind != Kind::Page || !r.pages.is_empty())
}

pub(super) fn list_path(kind: Kind) -> String {
    format!("{}/index.html", kind.dir())
}

/// The paths every version renders, item pages aside: what the version
/// switcher may land on in another version.
pub(super) fn shared_paths(r: &Roadmap) -> impl Iterator<Item = String> + '_ {
    PAGES
        .iter()
        .filter(|page| page.scope == Scope::EveryVersion)
        .map(|page| page.path.to_string())
        .chain(listed_kinds(r).map(list_path))
}

/// (text, url, in the main navigation) of every navigation entry: the
/// whole-roadmap pages, then the list of each kind.
pub(super) fn navigation(r: &Roadmap) -> Vec<(String, String, bool)> {
    let main = PAGES
        .iter()
        .filter_map(|page| Some((page.nav?.to_string(), page.path.to_string(), true)));
    let kinds =
        listed_kinds(r).map(|kind| (kind.plural_title().to_string(), list_path(kind), false));
    main.chain(kinds).collect()
}

/// A page to render: where it goes, its template, and how to build its
/// context. Contexts are built in parallel, each when its page is rendered,
/// so the big ones (a grid part holds a megabyte of markup) are never all
/// in memory at once.
pub(super) type Job<'c> = (
    String,
    &'static str,
    Box<dyn Fn() -> Page<'c> + Send + Sync + 'c>,
);

/// A page's context, and the parts too large to hold in it (see
/// [`crate::render::splice`]).
pub(in crate::render) struct Page<'p> {
    pub(in crate::render) context: tera::Context,
    pub(in crate::render) parts: Option<crate::render::splice::Parts<'p>>,
}

impl From<tera::Context> for Page<'_> {
    fn from(context: tera::Context) -> Self {
        Page {
            context,
            parts: None,
        }
    }
}

/// The template of a period's page (what changed between two versions).
pub(super) const PERIOD_TEMPLATE: &str = "diff.html";

/// Every page of this version but the items'.
pub(super) fn contexts<'c>(cx: &'c Ctx) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = PAGES
        .iter()
        .filter(|page| page.scope.renders_in(cx.version))
        .map(|page| -> Job<'c> {
            (
                page.path.to_string(),
                page.template,
                Box::new(move || (page.build)(cx, page)),
            )
        })
        .collect();
    jobs.extend(matrix::part_pages(cx));
    // The two addresses of a quarter that get sent, its front page and its
    // brief, say where it went.
    if !cx.version.is_archived() {
        for gone in cx.info.gone {
            for page in ["index.html", "brief.html"] {
                let path = format!("v/{}/{page}", gone.name);
                let at = path.clone();
                jobs.push((
                    path,
                    "gone.html",
                    Box::new(move || versions::gone_page(cx, gone, &at, page).into()),
                ));
            }
        }
    }
    if let Some(h) = cx.history {
        for d in &h.diffs {
            let path = history::diff_path(d);
            jobs.push((
                path,
                PERIOD_TEMPLATE,
                Box::new(move || history::diff_page(cx, d)),
            ));
        }
    }
    for kind in listed_kinds(cx.r) {
        let path = list_path(kind);
        let at = path.clone();
        jobs.push((
            path,
            "list.html",
            Box::new(move || lists::list_page(cx, kind, &at).into()),
        ));
    }
    jobs
}

pub(super) use matrix::{write_csv_file as write_matrix_csv, CSV_FILES as MATRIX_CSV_FILES};

/// An item page's template and context.
pub(super) fn item(cx: &Ctx, m: &Meta) -> (&'static str, tera::Context) {
    let template = if m.kind == Kind::Page {
        "page.html"
    } else {
        "item.html"
    };
    (template, items::item_page(cx, m))
}
