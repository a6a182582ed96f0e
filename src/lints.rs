//! The catalogue of every rule roadbook reports: a stable code, a kebab-case
//! name (the key of `[lints]` in `book.toml`), a default level, and the text
//! the docs show. Diagnostics are only ever made through a [`Rule`], so the
//! documentation and the code cannot drift apart.

use crate::diag::{Diagnostic, Severity, Span, Weight};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    /// Whether `[lints]` may change the level. Input roadbook cannot read at
    /// all (bad syntax, broken config) is always an error.
    pub tunable: bool,
    /// How much a finding matters to leadership, whatever its level: the
    /// order of `check`, the summary lines and the findings page.
    pub weight: Weight,
    pub fires: &'static str,
    pub fix: &'static str,
}

impl Rule {
    /// A diagnostic at the rule's default level; [`crate::config::Config`]
    /// applies the user's `[lints]` afterwards.
    pub fn at(
        &'static self,
        path: &str,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.code,
            rule: self.name,
            severity: if self.level == Level::Warn {
                Severity::Warning
            } else {
                Severity::Error
            },
            weight: self.weight,
            path: path.to_string(),
            span,
            message: {
                let message = message.into();
                match crate::diag::clip_quoted(&message) {
                    std::borrow::Cow::Borrowed(_) => message,
                    clipped => clipped.into_owned(),
                }
            },
            help: None,
            source_line: None,
            source_from: 0,
            milestone: None,
        }
    }

    /// `n` of this rule's findings in words: "10 overdue milestones",
    /// "1 initiative over plan or budget", for the summaries leadership reads (a rule's
    /// name is not a noun: "2 outcome horizon missed").
    pub fn counted(&self, n: usize) -> String {
        let (one, many): (&str, &str) = match self.name {
            "config" => ("error in book.toml", "errors in book.toml"),
            "front-matter" => (
                "file with unreadable front matter",
                "files with unreadable front matter",
            ),
            "too-large" => ("input over a limit", "inputs over a limit"),
            "theme" => ("theme template error", "theme template errors"),
            "unknown-status" => ("unknown status", "unknown statuses"),
            "orphan-kpi" => ("KPI tied to no outcome", "KPIs tied to no outcome"),
            "missing-criteria" => ("milestone without criteria", "milestones without criteria"),
            "end-before-start" => (
                "initiative ending before it starts",
                "initiatives ending before they start",
            ),
            "milestone-outside-initiative" => (
                "milestone outside its initiative",
                "milestones outside their initiatives",
            ),
            "capability-gap-unaddressed" => (
                "capability gap nobody closes",
                "capability gaps nobody closes",
            ),
            "kpi-without-data" => ("KPI without data", "KPIs without data"),
            "kpi-without-target" => ("KPI without a target", "KPIs without a target"),
            "review-cadence" => ("review overdue", "reviews overdue"),
            "done-in-the-future" => (
                "milestone done in the future",
                "milestones done in the future",
            ),
            "stale-kpi" => ("stale KPI", "stale KPIs"),
            "outcome-horizon-missed" => ("outcome past its horizon", "outcomes past their horizon"),
            "outcome-without-kpi" => ("outcome without a KPI", "outcomes without a KPI"),
            "forecast-late" => (
                "date the forecast says will not hold",
                "dates the forecast says will not hold",
            ),
            "risk-without-mitigation" => ("risk without mitigation", "risks without mitigation"),
            "risk-lowered-unreviewed" => (
                "risk lowered or closed unreviewed",
                "risks lowered or closed unreviewed",
            ),
            "bidi-override" => ("text direction override", "text direction overrides"),
            "occurred-risk-open" => (
                "risk that occurred with no response",
                "risks that occurred with no response",
            ),
            "overspend" => (
                "initiative over plan or budget",
                "initiatives over plan or budget",
            ),
            "burn-ahead-of-progress" => (
                "budget spent ahead of progress",
                "budgets spent ahead of progress",
            ),
            "spend-in-the-future" => (
                "initiative with spend in the future",
                "initiatives with spend in the future",
            ),
            "unacknowledged-end-move" => (
                "initiative ending later unapproved",
                "initiatives ending later unapproved",
            ),
            "kpi-target-loosened" => (
                "KPI target loosened unapproved",
                "KPI targets loosened unapproved",
            ),
            "spend-within-period" => ("spend period within another", "spend periods within others"),
            "amount-not-applied" => ("amount approving nothing", "amounts approving nothing"),
            "approval-rewritten" => ("approval rewritten", "approvals rewritten"),
            "removed-change" => ("change request deleted", "change requests deleted"),
            "backdated-approval" => ("approval dated back", "approvals dated back"),
            "unapproved-horizon-move" => (
                "outcome horizon moved later unapproved",
                "outcome horizons moved later unapproved",
            ),
            "kpi-baseline-moved" => (
                "KPI baseline moved unapproved",
                "KPI baselines moved unapproved",
            ),
            "kpi-direction-changed" => (
                "KPI turned around unapproved",
                "KPIs turned around unapproved",
            ),
            "unapproved-effort-cut" => ("effort cut unapproved", "efforts cut unapproved"),
            "done-with-open-milestones" => (
                "initiative done with open milestones",
                "initiatives done with open milestones",
            ),
            "figure-within-period" => (
                "KPI with a figure within another's period",
                "KPIs with figures within another's period",
            ),
            "figure-period-not-over" => (
                "KPI whose latest figure is for a period not over",
                "KPIs whose latest figure is for a period not over",
            ),
            "figure-in-the-future" => (
                "KPI with a figure in the future",
                "KPIs with a figure in the future",
            ),
            "spend-not-recorded" => (
                "initiative with a budget and no spend on record",
                "initiatives with a budget and no spend on record",
            ),
            "spend-row-unmatched" => (
                "unknown initiative in a spend file",
                "unknown initiatives in spend files",
            ),
            "spend-before-start" => (
                "initiative with spend before its start",
                "initiatives with spend before their start",
            ),
            "kpi-revised" => ("KPI restated unapproved", "KPIs restated unapproved"),
            "unapproved-kpi-retirement" => (
                "KPI retired or unlinked unapproved",
                "KPIs retired or unlinked unapproved",
            ),
            "figure-after-retirement" => (
                "KPI with figures after its retirement",
                "KPIs with figures after their retirement",
            ),
            "removed-kpi" => (
                "KPI deleted after its figures were reported",
                "KPIs deleted after their figures were reported",
            ),
            "unapproved-cancellation" => (
                "unapproved cancellation or hold",
                "unapproved cancellations or holds",
            ),
            "backdated-review" => ("review dated back", "reviews dated back"),
            "unapproved-capacity-rise" => {
                ("capacity raised unapproved", "capacities raised unapproved")
            }
            "removed-outcome" => ("outcome deleted", "outcomes deleted"),
            "unapproved-outcome-unlink" => (
                "initiative taken off an outcome unapproved",
                "initiatives taken off outcomes unapproved",
            ),
            "unapproved-outcome-retirement" => {
                ("outcome retired unapproved", "outcomes retired unapproved")
            }
            "snapshot" => ("snapshot left out", "snapshots left out"),
            "blocked-dependency" => ("blocked dependency", "blocked dependencies"),
            "approval-without-decider" => {
                ("approval naming no decider", "approvals naming no decider")
            }
            "spend-revised" => ("spend figure restated", "spend figures restated"),
            "budget-rephased" => (
                "budget plan rewritten back in time",
                "budget plans rewritten back in time",
            ),
            "backdated-done" => ("completion dated back", "completions dated back"),
            "backdated-start" => ("start dated back", "starts dated back"),
            "snapshot-off-history" => ("snapshot off the history", "snapshots off the history"),
            "currency-changed" => ("currency changed", "currency changes"),
            "today-before-snapshot" => {
                ("today set before a snapshot", "today set before snapshots")
            }
            "git-unusable" => ("git failure", "git failures"),
            "fiscal-year-changed" => ("fiscal year changed", "fiscal year changes"),
            "threshold-loosened" => ("threshold or rule loosened", "thresholds or rules loosened"),
            "snapshot-out-of-order" => ("snapshot out of order", "snapshots out of order"),
            "wider-figure-better" => (
                "wider figure reading better than those within it",
                "wider figures reading better than those within them",
            ),
            "spend-stopped" => (
                "initiative's spend stopped before the books'",
                "initiatives' spend stopped before the books'",
            ),
            "books-behind" => (
                "spend record more than a quarter behind",
                "spend records more than a quarter behind",
            ),
            "snapshot-misdated" => (
                "snapshot dated before its quarter",
                "snapshots dated before their quarters",
            ),
            "snapshot-shadowed" => ("tag shadowed by a folder", "tags shadowed by folders"),
            "review-rewritten" => ("review rewritten", "reviews rewritten"),
            "removed-review" => ("review removed", "reviews removed"),
            "self-approved-change" => (
                "change request approved by its requester",
                "change requests approved by their requesters",
            ),
            "snapshot-gone" => (
                "snapshot's tag gone or moved",
                "snapshots' tags gone or moved",
            ),
            "snapshot-dropped" => (
                "snapshot dropped by the tag pattern",
                "snapshots dropped by the tag pattern",
            ),
            "snapshot-ignored" => (
                "readable snapshot left out by `[snapshots] ignore`",
                "readable snapshots left out by `[snapshots] ignore`",
            ),
            "snapshot-uncommitted" => (
                "snapshot folder not committed",
                "snapshot folders not committed",
            ),
            "snapshot-rewritten" => (
                "published snapshot rewritten or gone",
                "published snapshots rewritten or gone",
            ),
            "missing-history" => (
                "warning that the history is missing",
                "warnings that the history is missing",
            ),
            _ => ("", ""),
        };
        if one.is_empty() {
            let words = self.name.replace('-', " ");
            match n {
                1 => format!("1 {words}"),
                _ => format!("{n} {words}s"),
            }
        } else {
            crate::words::count(n, one, many)
        }
    }
}

macro_rules! rules {
    ($( $ident:ident = $code:literal $name:literal $level:ident $tunable:literal $weight:ident, fires: $fires:literal, fix: $fix:literal; )*) => {
        $( pub static $ident: Rule = Rule { code: $code, name: $name, level: Level::$level, tunable: $tunable, weight: Weight::$weight, fires: $fires, fix: $fix }; )*
        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[ $( &$ident ),* ];
    };
}

rules! {
    CONFIG = "RB0001" "config" Deny false Broken,
        fires: "`book.toml` is missing, unreadable, not valid TOML, or has an unknown key or a date or address that cannot be read (a value of the wrong type or out of range, such as `fiscal-year-start = 13`, is `invalid-field`).",
        fix: "Correct the key or value named in the message; every key has a default, so a line can also be removed.";
    READ = "RB0002" "unreadable-file" Deny false Broken,
        fires: "A file under `content/` cannot be read, is not UTF-8 text, or is a symbolic link that leads outside the project or back to a folder above it (a loop).",
        fix: "Save the file as UTF-8, or move binary files out of `content/` (CSV data goes in `content/data/`); copy linked files into the project instead of linking out of it.";
    FRONT_MATTER = "RB0003" "front-matter" Deny false Broken,
        fires: "A document has no front matter, an unclosed fence, YAML/TOML that does not parse, or front matter that is not a map of fields.",
        fix: "Start the file with a `---` line, the fields, and a closing `---` line (or `+++` for TOML).";
    INVALID_FIELD = "RB0004" "invalid-field" Deny false Broken,
        fires: "A field has a value of the wrong type or out of range (for example `priority: high`, `current: 7`).",
        fix: "Use the type the field expects; the message says which.";
    MISSING_FIELD = "RB0005" "missing-field" Deny false Broken,
        fires: "A required field (`title`, `due`, `capacity`, ...) is missing.",
        fix: "Add the field; docs/fields.md lists the required fields of each kind (`roadbook fields`), and the message names the one missing.";
    INVALID_DATE = "RB0006" "invalid-date" Deny false Broken,
        fires: "A date is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Qn`, does not exist (2026-02-30), or names a year outside 1900 to 2199 (a typo: `0206-03-31`).",
        fix: "Write the date in one of the three forms.";
    INVALID_ID = "RB0007" "invalid-id" Deny false Broken,
        fires: "An id (a file stem or an `id:` field) holds characters other than letters, digits, `-`, `_` and `.`, or starts with a dot.",
        fix: "Rename the file or set `id:` to a plain kebab-case name, e.g. `erp-cloud`.";
    TOO_LARGE = "RB0008" "too-large" Deny false Broken,
        fires: "An input is beyond one of roadbook's limits, which keep time and memory bounded on any input: a document over 4 MiB, a data file over 16 MiB or with more than 100,000 rows, raw HTML in a body nested more than 256 levels deep (the README's Reliability section lists them all).",
        fix: "Split the document, aggregate the data (a KPI needs one value per period, not per event), or flatten the HTML; the message names the limit.";
    THEME = "RB0009" "theme" Deny false Broken,
        fires: "A template of the theme (`themes/<name>/templates/`) does not parse (an unknown tag, an unclosed block or expression), extends or includes a template that is not there, or is not UTF-8 text.",
        fix: "Correct the template at the line shown, or delete the file to use the built-in one.";
    DUPLICATE_ID = "RB0101" "duplicate-id" Deny false Broken,
        fires: "Two documents (of any kinds) or two milestones of one initiative have the same id.",
        fix: "Ids are global: rename one of them (set `id:` or rename the file).";
    UNKNOWN_REFERENCE = "RB0102" "unknown-reference" Deny false Broken,
        fires: "A reference (`outcomes`, `kpis`, `team`, `depends_on`, `affects`, `[[id]]`, ...) names no item, or an item of the wrong kind. Not a change request's `affects` naming an item or milestone a snapshot had: the request is the record of a decision on what was removed since.",
        fix: "Fix the id; the message suggests the closest existing one.";
    UNKNOWN_FIELD = "RB0103" "unknown-field" Warn true Hygiene,
        fires: "A front-matter field that the kind does not define (often a typo: `owenr:`). A misspelt field that leaves a required one missing, or that `untraced-initiative` or `missing-criteria` then finds missing (`outcoms:`, `critera:`), is said by that finding instead, at the misspelt line: one mistake, one finding (with `unknown-field` set to `deny`, both stand, the finding naming the misspelt line). A milestone's field written at the top of an initiative is told it goes in an entry of `milestones:`.",
        fix: "Fix the spelling, or move free fields under `extra:` where templates can use them.";
    UNKNOWN_VALUE = "RB0104" "unknown-status" Deny true Hygiene,
        fires: "A `status`, `health`, `kind` or `direction` value outside its allowed set.",
        fix: "Use one of the values listed in the message.";
    UNKNOWN_KIND = "RB0105" "unknown-kind" Deny true Hygiene,
        fires: "A `kind:` override names no kind.",
        fix: "Use outcome, initiative, kpi, team, capability, change, review, risk or page.";
    RENAMED_FIELD = "RB0106" "renamed-field" Warn true Hygiene,
        fires: "A field is written in its old spelling: a KPI's type (business, delivery) or a review's (strategic, operational) given as `kind:`, which also says what a document is.",
        fix: "Write `type:` instead, as the message says: `type: delivery`.";
    UNTRACED_INITIATIVE = "RB0201" "untraced-initiative" Warn true Hygiene,
        fires: "An initiative lists no `outcomes`: it is backlog, not live roadmap work.",
        fix: "Tie it to the business outcome it serves with `outcomes: [...]`, or leave it in the backlog deliberately.";
    UNSERVED_OUTCOME = "RB0202" "unserved-outcome" Warn true Risk,
        fires: "No live initiative serves an outcome (not retired) and none serving it is done: its work was cancelled, or none lists it. One whose work is done, some of it cancelled perhaps, is served: its page says whether its KPIs show it paid off.",
        fix: "Add the outcome to the `outcomes` of the initiatives that deliver it; if it is no longer pursued, retire it (`retired:`, with an approved change request affecting it that says why): a retired outcome is not asked to be served.";
    ORPHAN_KPI = "RB0203" "orphan-kpi" Warn true Hygiene,
        fires: "A KPI (not retired) is tied to no outcome.",
        fix: "Set `outcome:` on the KPI or list it in an outcome's `kpis:`.";
    MISSING_OWNER = "RB0204" "missing-owner" Deny true Hygiene,
        fires: "An outcome or initiative has no `owner`.",
        fix: "Name the accountable person: `owner: Dana Whitfield (CFO)`.";
    MISSING_CRITERIA = "RB0205" "missing-criteria" Warn true Hygiene,
        fires: "A milestone has no `criteria`: nothing says what makes it verifiably done.",
        fix: "Add `criteria:` with one or more verifiable statements.";
    END_BEFORE_START = "RB0206" "end-before-start" Deny true Hygiene,
        fires: "An initiative ends before it starts.",
        fix: "Correct `start` or `end`.";
    MILESTONE_OUTSIDE = "RB0207" "milestone-outside-initiative" Warn true Hygiene,
        fires: "A milestone is due before its initiative starts or after it ends.",
        fix: "Move the milestone or widen the initiative's `start`/`end`.";
    DEPENDENCY_CYCLE = "RB0208" "dependency-cycle" Deny true Risk,
        fires: "Items depend on each other in a cycle.",
        fix: "Break the cycle by removing one `depends_on` entry.";
    CAPABILITY_GAP = "RB0209" "capability-gap-unaddressed" Warn true Risk,
        fires: "A capability's target maturity is above its current one and no initiative raises it.",
        fix: "List the capability in the `capabilities` of the initiative that closes the gap.";
    KPI_WITHOUT_DATA = "RB0210" "kpi-without-data" Warn true Hygiene,
        fires: "A KPI (not retired) has no data points.",
        fix: "Add `data:` pairs or a `data_file:`.";
    KPI_WITHOUT_TARGET = "RB0211" "kpi-without-target" Warn true Hygiene,
        fires: "A KPI (not retired) has neither `target` nor `targets`.",
        fix: "Set the value the outcome needs.";
    OVERDUE_MILESTONE = "RB0212" "overdue-milestone" Warn true Decision,
        fires: "A milestone's due date has passed and it is not done.",
        fix: "Record `done:` if it was delivered, or re-plan it through an approved change request.";
    WATERMELON = "RB0213" "watermelon" Warn true Decision,
        fires: "An initiative reports `health: green` while its computed health is red (green outside, red inside).",
        fix: "Report the health the data supports, or fix what makes it red; the initiative page lists the reasons.";
    OVERCOMMITTED_TEAM = "RB0214" "overcommitted-team" Warn true Risk,
        fires: "In this quarter or a later one, a team's operational load plus the effort committed to it exceeds its capacity (a quarter already over is history: the capacity page keeps it). With snapshots, work whose end moved later with no approved change request counts to the end it stands committed to (with no `end:`, the latest date its milestones stand committed to), and work whose effort was cut with none counts at the effort on record.",
        fix: "Move or cut work, add capacity, or lower the operational load; the capacity page shows the figures.";
    DEPENDENCY_CONFLICT = "RB0215" "dependency-conflict" Warn true Risk,
        fires: "A dependency not delivered yet ends after its dependent starts (or, for a milestone, after it is due). One delivered late is history: its milestone (or initiative) done, there is nothing left to move.",
        fix: "Move the dependent later or the dependency earlier, or drop the dependency if it is not real.";
    BLOCKED = "RB0216" "blocked-dependency" Warn true Risk,
        fires: "An open item depends on a milestone that is overdue, an initiative with overdue milestones, or cancelled work.",
        fix: "Deliver or re-plan the dependency, or re-plan the dependent through a change request.";
    REVIEW_CADENCE = "RB0217" "review-cadence" Warn true Risk,
        fires: "No strategic (or operational) review is recorded within `strategic-review-days` (`operational-review-days`) before today.",
        fix: "Hold the review and add it under `content/reviews/`, or change the cadence in `[governance]`.";
    STALE_CHANGE = "RB0218" "stale-change-request" Warn true Risk,
        fires: "A change request has been `proposed` for more than 30 days without a decision.",
        fix: "Decide it: set `status: approved` or `rejected` with `decided:` and `decided_by:`.";
    UNACKNOWLEDGED_SLIP = "RB0219" "unacknowledged-slip" Warn true Decision,
        fires: "A milestone's due date moved past its baseline by more than `slip-tolerance-days`, and a move of it has no approved change request affecting it or its initiative, decided (`decided:`, else `date:`) on or after the snapshot that last showed the old date. Each move beyond the tolerance needs its own request (a later approval does not cover an earlier move); a slip made of small moves needs one for the latest. A request that states `delay_days:` approves that many days of a move, and the rest beyond the tolerance stands; a move taken back (to the date it moved from, or within what was approved of it) needs none.",
        fix: "Record the decision: an approved change request in `content/changes/` that `affects` the milestone or its initiative.";
    UNACKNOWLEDGED_SCOPE = "RB0220" "unacknowledged-scope-change" Warn true Decision,
        fires: "Since the last snapshot a milestone was added to or removed from an initiative, a criterion was added or removed (a reworded one is both), a milestone kept stopped being a gate (`gate: true` taken off: the work past it no longer waits for it, and a high risk affecting it no longer holds the initiative's health), or a milestone or an initiative stopped depending on an item still in the roadmap and not delivered (a `depends_on` entry taken out: the conflict or latent slip the dependency made goes with it), without an approved change request.",
        fix: "Record the scope change in an approved change request that `affects` the initiative or milestone.";
    LATENT_SLIP = "RB0221" "latent-slip" Warn true Decision,
        fires: "Since the last snapshot a milestone slipped, but an item that depends on it kept its dates, and no approved change request affecting that item (decided after the snapshot) confirms them: its plan may no longer hold.",
        fix: "Re-plan the dependent, or confirm its dates, in an approved change request that affects it; or recover the dependency's date.";
    DONE_IN_THE_FUTURE = "RB0222" "done-in-the-future" Warn true Hygiene,
        fires: "A milestone's `done:` date is in a period that has not begun: it says delivered on a day that has not come (often a typo in the year). The milestone is counted open until that day (overdue, slipped, in its initiative's health), so a date written ahead clears nothing. Also an approved change request whose `decided:` (else `date:`) is after today: a decision not taken yet, which approves no slip, scope change, budget increase or later end until its day comes. Also a review dated after today: the review history would list it as held.",
        fix: "For a milestone, write the day it was delivered, or remove `done:` until it is; for a change request, write the day it was decided, or set `status: proposed` until it is; for a review, write the day it was held, or add it once it has been.";
    LAYER_TYPO = "RB0223" "layer-typo" Warn true Hygiene,
        fires: "An initiative's `layer` is used by no other initiative, is not one of the usual layers (infrastructure, platform, application, data, security, operations), and is one slip away from one that is: it would get a timeline lane of its own.",
        fix: "Spell it as the other initiatives do; the message suggests which.";
    STALE_KPI = "RB0224" "stale-kpi" Warn true Risk,
        fires: "A KPI's latest value is older than twice its usual interval between values (the median, and at least 45 days), counted from the end of the period it is for (August's figure is 86 days old on 25 November): the dashboard would show an old value as how things stand. A retired KPI (`retired:`) is never stale.",
        fix: "Add the values measured since, in `data:` or its `data_file`.";
    OUTCOME_HORIZON_MISSED = "RB0225" "outcome-horizon-missed" Warn true Decision,
        fires: "A live initiative serving an outcome (not retired) ends, or one of its open milestones is due, after the outcome's `horizon`, or a milestone of it is overdue and still open once the horizon has passed (it is done no earlier than today): as planned, the outcome will be late.",
        fix: "Bring the work in (re-plan, add capacity, cut scope), or move the outcome's horizon with its owner's agreement.";
    OUTCOME_WITHOUT_KPI = "RB0226" "outcome-without-kpi" Warn true Risk,
        fires: "No live KPI measures the outcome, not retired (neither its `kpis:` nor a KPI's `outcome:` names one that is not retired): nobody can tell whether it is being achieved.",
        fix: "Add a KPI under content/kpis/ with `outcome: <this id>`, or list one in the outcome's `kpis:`.";
    BROKEN_LINK = "RB0227" "broken-link" Warn true Hygiene,
        fires: "A link or image in a body (`[text](target)`) resolves to no item, heading, static file or data file of the site: a `#fragment` naming no heading of the document (GitHub's heading ids: `### Project Quotas` is `#project-quotas`), a relative path to no document or data file, a file of the repository outside the site while `repo-url` is not set, a root-relative path (`/keps/...`) to anything but the site's own files, or a path that leaves the project. On the site it would be a dead link. Also an image from the web (`![chart](https://...)`): a page loads nothing from outside the site, so it shows as a link to the picture; and a link to an address a page does not keep (`javascript:`, `data:`, `file:`…; only web, mail and phone addresses are), which shows as a dead link.",
        fix: "Point the link at the heading, document or file as the message suggests; link other documents by their `.md` path or `[[id]]`; set `repo-url` in `[book]` to send links to repository files to the git host.";
    FORECAST_LATE = "RB0228" "forecast-late" Warn true Risk,
        fires: "A gate's due date, an initiative's `end` (with none, the end its milestones stand committed to where they moved later with no approved change request) or an outcome's `horizon` is earlier than the cautious (P85) forecast of the work it waits for: the team's own delivery history (else its layer's, else the roadmap's) says the date will probably not hold. An outcome already planned past its horizon is `outcome-horizon-missed` instead.",
        fix: "Bring the work in (cut scope, add capacity, unblock what it waits for), or move the date with an approved change request; the initiative page shows each milestone's forecast and what it comes from.";
    STALE_RISK = "RB0229" "stale-risk" Warn true Risk,
        fires: "An open risk, assumption or issue was not reviewed by its `review_by` date, or (without one) within `[governance] risk-review-days` (default 31) of its last review (`reviewed`, else `raised`): the RAID log no longer says how exposed the plan is.",
        fix: "Review it with its owner: update probability, impact and mitigation, set `reviewed:` to the day and `review_by:` to the next one, or close it.";
    RISK_WITHOUT_MITIGATION = "RB0230" "risk-without-mitigation" Warn true Risk,
        fires: "An open risk or issue of high exposure (probability × impact at least `[governance] risk-high-exposure`, default 15) has no `mitigation`: nobody has said what is done about it.",
        fix: "Write the response in `mitigation:` (avoid, reduce, transfer or accept, and who does what by when), or lower its scores if they were overstated.";
    OCCURRED_RISK_OPEN = "RB0231" "occurred-risk-open" Warn true Decision,
        fires: "A risk that occurred (`status: occurred`) or an open issue affects work on which nothing has moved since it happened: no change request, approved or waiting for a decision (a rejected one is no response), affects that work (its initiative, its milestones, or for an outcome the live work serving it) dated on or after `occurred` (else `raised`), and some of that work is still to deliver (a milestone not done, an initiative not closed, or an outcome). The plan carries on as if it had not happened.",
        fix: "Decide the response: a change request that re-plans, re-scopes or confirms what it affects (`roadbook new change ID --affects …`; for an outcome, the work serving it), then close the item once it is handled.";
    OVERSPEND = "RB0232" "overspend" Warn true Decision,
        fires: "An initiative spent more by today than its budget planned by today (each period's amount pro rata of its days, or the total evenly from start to end; to the books' cut-off, the end of the latest period any work has spend on record for, when that is before today) by more than `[budget] overspend-tolerance` percent (default 10); or it spent more than its whole budget, whatever its status; or it spent with no budget at all. With snapshots, where a rise of the budget stands with no approved change request, by the budget last approved.",
        fix: "Approve the extra money in a change request and raise `budget:`, or bring spend back to plan; the initiative page shows planned and actual spend over time.";
    BURN_AHEAD = "RB0233" "burn-ahead-of-progress" Warn true Risk,
        fires: "The share of an initiative's budget spent runs ahead of the share of its milestones done by more than `[budget] burn-tolerance` percentage points (default 20), once one of its milestones is due or done (before that, nothing says the work is behind): the money will run out before the work is done.",
        fix: "Re-estimate what is left; ask for more money or cut scope in a change request before the budget is gone.";
    UNAPPROVED_BUDGET_INCREASE = "RB0234" "unapproved-budget-increase" Warn true Decision,
        fires: "An initiative's budget is larger than the last one approved (its first in the history, a cut, or an increase some approved change request affecting the initiative covers, decided (`decided:`, else `date:`) on or after the snapshot before it). Each increase needs its own approval, like a slip; one taken back needs none. A request that states `budget_increase:` approves that much and no more: the rest of a larger rise stands. A budget given to an initiative that had none is an increase from 0, once a snapshot before it recorded budgets at all (the quarter a roadmap starts recording them, every first budget is where it starts).",
        fix: "Record the decision: an approved change request in `content/changes/` that `affects` the initiative, decided after the snapshot, stating the amount it approves (`budget_increase:`).";
    PLACEHOLDER = "RB0235" "placeholder" Warn true Hygiene,
        fires: "A field still holds the placeholder `roadbook new` wrote: a person (`owner: Name (Role)`, `lead:`, `requested_by:`), so the item names nobody; a risk's `mitigation` or a milestone's criterion, which would pass for one; or the text of the page, which says what it should say instead of saying it.",
        fix: "Name the person and their role (`owner: Dana Whitfield (CFO)`); say what mitigates the risk, or what someone can check to call the milestone done; write the text the placeholder asks for. Or remove the line.";
    SPEND_IN_THE_FUTURE = "RB0236" "spend-in-the-future" Warn true Hygiene,
        fires: "An initiative's `spend` (or `spend_file`) has an amount for a period that has not begun: no total counts it, so it would vanish from every page without a word (often a typo in the year).",
        fix: "Write the period the money was spent in, or leave the amount out until it is.";
    SPEND_BEFORE_START = "RB0237" "spend-before-start" Warn true Hygiene,
        fires: "An initiative's `spend` (or `spend_file`) has an amount for a period that ends before its written `start`: the totals count it, but the plan spreads the budget from `start` on, so it reads as overspend from the first day (often a typo in the year).",
        fix: "Write the period the money was spent in, or move `start:` back to when the work (and the spending) began.";
    UNREAD_FILE = "RB0238" "unread-file" Warn true Hygiene,
        fires: "A file under `content/` looks like a document or a data file but is not read: only names ending in `.md` and `.csv`, in lower case, and not starting with a dot, are (`finops.MD`, `plan.markdown`, `nps.CSV` and `.retention.md` would vanish from the roadmap without a word; an editor's lock file `.#x.md` and macOS's `._x.md` are left alone).",
        fix: "Rename it: `finops.MD` to `finops.md`, `plan.markdown` to `plan.md`, `.retention.md` to `retention.md`.";
    UNACKNOWLEDGED_END = "RB0239" "unacknowledged-end-move" Warn true Decision,
        fires: "An initiative's written `end` is later than the last one approved (its first in the history, an earlier one, or a later one some approved change request affecting the initiative covers, decided (`decided:`, else `date:`) on or after the snapshot before the move), by more than `slip-tolerance-days`: the whole initiative slipped, which its milestones' moves need not show (a milestone added after the old end). A request that states `delay_days:` approves that many days of the move and no more. An `end:` taken out counts as moved to its milestones' latest date, and one written where no snapshot had one as moved from the end they made. The end is committed as far as its milestones are: moved with a milestone whose move a request approved, only what lies beyond the tolerance past the dates its milestones stand committed to counts (a milestone added with no decision carries nothing). Not on cancelled work (its cancellation is the decision), nor on done work whose every milestone was done by the end it stands committed to (the end before the move, or as far as an approval or its milestones carry it), give or take the tolerance: the move hid no lateness. Done later, or done with no milestone to date it, the move stands.",
        fix: "Record the decision: an approved change request in `content/changes/` that `affects` the initiative, decided after the snapshot; or bring the end back.";
    REMOVED_INITIATIVE = "RB0240" "removed-initiative" Warn true Decision,
        fires: "An initiative live (not done or cancelled) in a snapshot has no file in the working tree: deleting it took its milestones, slips and findings off every page, and no change request can approve that, since `affects` names only what the roadmap has. A renamed file (a new id) reads the same way: the history knows items by id.",
        fix: "Bring the file back and close it: `status: cancelled` with an approved change request affecting it, so the history and the outcome it served keep it; if it was renamed, keep the old id (change the title, not the file name).";
    KPI_REVISED = "RB0241" "kpi-revised" Warn true Decision,
        fires: "A KPI figure a snapshot reported (a data point, inline or in its data file, whose month, quarter or day was over by that snapshot's day) is different or gone in the working tree, and no approved change request affecting the KPI was decided (`decided:`, else `date:`) on or after the snapshot that last showed it: a bad quarter restated without a word reads as a good one. A figure put back as it stood needs none; one request covers the figures changed between two versions, not a later restatement.",
        fix: "If the figure was corrected, record it: an approved change request in `content/changes/` that `affects` the KPI (`roadbook new change ID --affects KPI --decided-by NAME`) saying why; else put back the figure reported.";
    REMOVED_KPI = "RB0242" "removed-kpi" Warn true Decision,
        fires: "A KPI a snapshot reported figures for (data points whose month, quarter or day was over by that snapshot's day) has no file in the working tree: deleting it took those figures off every page, as restating them all would, and no change request can approve that, since `affects` names only what the roadmap has. A renamed file (a new id) reads the same way.",
        fix: "Bring the file back with the figures the snapshots reported; a KPI no longer measured is retired (`retired: 2026-10`, the first period not measured, with an approved change request saying why), which keeps its figures on record and takes it off the dashboard, the brief and the stale list; if it was renamed, keep the old id (change the title, not the file name).";
    UNAPPROVED_KPI_RETIREMENT = "RB0243" "unapproved-kpi-retirement" Warn true Decision,
        fires: "A KPI a snapshot showed measured is retired now (`retired:` on or before today) and no approved change request affecting it was decided (`decided:`, else `date:`) on or after the last snapshot that showed it measured: it left the dashboard, the brief and its outcomes' roll-ups, and an off-target KPI retired without a word makes its outcome read better than it is. It also fires for a KPI still measured that a snapshot showed measuring an outcome it no longer measures (the link taken out of the KPI's `outcome:` or `outcomes:`, or of the outcome's `kpis:`), both still in the roadmap, with no approved change request affecting the KPI or the outcome decided since that snapshot: the outcome's roll-up no longer counts it. Taking a snapshot since clears nothing.",
        fix: "Record the decision: an approved change request in `content/changes/` that `affects` the KPI (`roadbook new change ID --affects KPI --decided-by NAME`), saying why it is no longer measured and what measures the outcome instead; else take `retired:` out.";
    FIGURE_AFTER_RETIREMENT = "RB0244" "figure-after-retirement" Warn true Hygiene,
        fires: "A KPI has a figure for a period that begins on or after its `retired:` date: it reads as retired and still measured at once (often `retired:` set to the last period measured rather than the first one not measured).",
        fix: "Set `retired:` to the first period no longer measured, or take out the figures measured after it.";
    APPROVAL_WITHOUT_DECIDER = "RB0245" "approval-without-decider" Warn true Decision,
        fires: "An approved change request names no `decided_by`, or a stand-in for one (`TBC`, `TBD`, `n/a`, `-`): it still approves the slips, scope changes, budget increases and restatements it covers, but nobody answers for the decision. A decision waits: the dashboard and the brief count it with what needs one (taking `decided_by` out of a request its requester decided, which approves nothing, made its slips read as approved with nothing on the brief to say so).",
        fix: "Write who decided in `decided_by:` (a person or a body, e.g. `Steering committee`), or set `status: proposed` until someone does.";
    SELF_APPROVED_CHANGE = "RB0276" "self-approved-change" Warn true Decision,
        fires: "An approved change request is decided by the one who requested it (`decided_by` naming whom `requested_by` names, however written: a role in brackets, punctuation, case, accents and look-alike letters aside, `P.M.O.` is `PMO (for the board)`, `P. Nair` and `Nair, Priya` and `priya.nair@acme.com` are `Priya Nair`, one deciding \"for\" a body is the one named, and a role alone is whoever the other names with it), or, with no `requested_by`, by the one who owns everything it affects (the owners as the first snapshot that recorded it approved had them, the request naming the same decider and no requester since: work handed to its approver later leaves the approval standing): it approves nothing. The slips, scope changes, budget increases, restatements, settings and rewritten snapshots it would cover read as unapproved, each with its own finding, as they did before it (a re-plan \"requested by PMO, decided by PMO\" cleared every slip it affected). A snapshot that had it so had it undecided: decided by someone else since, it counts as decided after that snapshot.",
        fix: "Have it decided by someone other than the requester (the body the requester answers to, or the owners of what it affects) and write the day in `decided:`; or set `status: proposed` until it is.";
    REMOVED_REVIEW = "RB0278" "removed-review" Warn true Decision,
        fires: "A review a snapshot recorded as held (dated on or before the snapshot's day) has no file in the working tree, or its id changed: the record of a meeting and what it decided left the site, or was written again under another id with other decisions (which `review-rewritten` would have said).",
        fix: "Bring the file back as the snapshot has it; if it was renamed, keep its id. A decision taken since is a review of its own, dated the day it was taken.";
    REVIEW_REWRITTEN = "RB0277" "review-rewritten" Warn true Decision,
        fires: "A review a snapshot recorded has other `decisions`, `attendees` or `type` now, judged against the first snapshot that had it on or after the day it was held (a review written ahead of its meeting is filled in after it; a snapshot taken since clears nothing); spacing, attendees in another order and a typo (two letters at most in a line, its figures and negations the same: \"must not\" made \"must now\" is a rewrite) aside: the record of a meeting rewritten after it reads as what was decided there (a steering review given a decision that covers the quarter's slips, an attendee added, an operational review made strategic to meet the strategic cadence).",
        fix: "Put back the review as the snapshot has it; a decision taken since is a review of its own, dated the day it was taken.";
    REMOVED_RISK = "RB0246" "removed-risk" Warn true Decision,
        fires: "A RAID item open in a snapshot (the last one that had it), or closed there with no review recorded since an earlier snapshot had it at high exposure (what `risk-lowered-unreviewed` says while its file is there), has no file in the working tree: deleting or renaming it took the threat off the RAID log, the heat map and the brief, with no decision on record.",
        fix: "Bring the file back as the snapshot has it and close it (`status: closed`, `reviewed:` the day it was settled) so the log shows it was dealt with; one closed unreviewed: record the review that closed it, or reopen it. If it was renamed, keep its id.";
    BACKDATED_APPROVAL = "RB0258" "backdated-approval" Warn true Hygiene,
        fires: "An approved change request's decision (`decided:`, else `date:`) is dated before the day of a snapshot that had the request proposed or rejected: the record says it was decided before a day on which it was still undecided. It counts as decided on that snapshot's day (it approves what came after the snapshot before it, as any late approval does, and no earlier pairing).",
        fix: "Write the day it was decided, on or after that snapshot's day.";
    REMOVED_CHANGE = "RB0257" "removed-change" Warn true Decision,
        fires: "A change request a snapshot had (the last one that had it), approved, rejected or waiting, has no file in the working tree: deleting or renaming it took the record of a decision off the site, and a request written since under another id, dated back, can take the credit of what it approved with nothing to say so.",
        fix: "Bring the file back as the snapshot has it; a request withdrawn is `status: rejected` with the reason in its body; if it was renamed, keep its id.";
    SPEND_REVISED = "RB0247" "spend-revised" Warn true Decision,
        fires: "An amount of an initiative's spend a snapshot reported (inline or in its `spend_file`, for a month, quarter or day over by that snapshot's day) is lower or gone in the working tree, and no approved change request affecting the initiative was decided (`decided:`, else `date:`) on or after the snapshot that last showed it: spend lowered after the fact makes overspend vanish. An amount raised (a late invoice) or put back as it stood needs none; nor does spend regrouped (months written as their quarter once it is over, for at least what the months reported); a quarter holding less than its months reported is a revision of each.",
        fix: "If the amounts were corrected, record it: an approved change request that `affects` the initiative (`roadbook new change ID --affects INITIATIVE --decided-by NAME`) saying why; else put back the amounts reported.";
    BUDGET_REPHASED = "RB0248" "budget-rephased" Warn true Decision,
        fires: "An initiative's plan was rewritten since a snapshot that had its budget (judged against each, the newest first: a snapshot taken after the rewrite records no decision) (a total made amounts per quarter, amounts moved between periods, its start or end moved earlier so a total spreads over days already reported) so that it plans more money by that snapshot's day than it did then, beyond what a larger total could account for and 1 % of the total, and no approved change request affecting the initiative was decided on or after that day: front-loading the plan after the fact makes overspend vanish.",
        fix: "If the plan was re-phased on purpose, record it: an approved change request that `affects` the initiative (`roadbook new change ID --affects INITIATIVE --decided-by NAME`); else put back the budget as the snapshot had it.";
    BACKDATED_DONE = "RB0249" "backdated-done" Warn true Decision,
        fires: "A milestone's `done:` is dated more than a week before what a snapshot recorded: the snapshot showed it open and overdue on its day (or due by the earliest due date a snapshot up to it showed, when `done:` now claims that date was kept: a due moved out before it does not excuse it), or done on a later day. Back-dating a completion turns a late delivery into an on-time one; a week's grace lets a team record a completion late.",
        fix: "Write the day it was really delivered; if the earlier day is right (the record was late), confirm it in an approved change request that `affects` the milestone itself (not only its initiative, nor stating only a `budget_increase`), decided after that snapshot.";
    UNAPPROVED_CANCELLATION = "RB0250" "unapproved-cancellation" Warn true Decision,
        fires: "An initiative a snapshot showed committed (planned, active or on hold, serving an outcome) is `status: cancelled` now, or `proposed` again, or still open but serving no outcome (its `outcomes:` emptied: backlog, which no list of what is due reads), or one a snapshot showed planned or active is `on-hold` now; and no approved change request affecting it was decided (`decided:`, else `date:`) on or after the last snapshot that had it committed (so): its open milestones left every list of what is due, as deleting the file would, and work split into a new initiative takes its slips with it unseen; put on hold or made proposed with its dates kept, its effort left its team's capacity (an overloaded team read as within it), so until the decision is recorded the capacity counts it as the snapshot had it. Taking a snapshot since clears nothing, nor does a status passed through on the way (active, then proposed, then cancelled).",
        fix: "Record the decision: an approved change request in `content/changes/` that `affects` the initiative (`roadbook new change ID --affects INITIATIVE --decided-by NAME`), saying why and where its open work went; else put back its status (or its `outcomes:`).";
    SPEND_NOT_RECORDED = "RB0251" "spend-not-recorded" Warn true Hygiene,
        fires: "An initiative (not cancelled) has a budget that planned money by today and no spend on record for any period begun, in a roadmap that records spend for some initiative: what it spent is unknown, not nothing, so its variance and burn are not worked out and the budget's totals leave it out of the comparison with plan (they say how much they left out).",
        fix: "Record what it spent (`spend:` or `spend_file:`); if it has spent nothing yet, say so with `spend: { 2026-Q3: 0 }` for the period begun.";
    FIGURE_IN_THE_FUTURE = "RB0252" "figure-in-the-future" Warn true Hygiene,
        fires: "A KPI has a figure (inline or in its data file) for a period that has not begun by today: it would be the KPI's latest value on every page, on target or off on a measurement not taken yet (often a typo in the year). Its latest value leaves it out.",
        fix: "Write the period it was measured in (check the year), or leave the figure out until it is measured.";
    KPI_TARGET_LOOSENED = "RB0253" "kpi-target-loosened" Warn true Decision,
        fires: "A KPI's target in force today (its `targets:` step, else its data file's latest target) is looser than a snapshot set it for today (lower where higher is better, higher where lower is), and no approved change request affecting the KPI was decided (`decided:`, else `date:`) on or after the last snapshot that set it tighter: a target moved to meet the figure would bring the KPI on target, and its outcome with it, as a restated figure would. Until it is approved the KPI and its outcome are judged by the target the snapshot set (its page says so). Taking a snapshot since clears nothing. A step of `targets:` still ahead that reads looser from its date on than the last snapshot that had the KPI set it (the step changed, taken out, or a looser one added) is the same decision, said when it is edited rather than once the step is in force.",
        fix: "If the target was changed on purpose, record it: an approved change request that `affects` the KPI (`roadbook new change ID --affects KPI --decided-by NAME`) saying why; else put back the target.";
    SPEND_WITHIN_PERIOD = "RB0254" "spend-within-period" Warn true Hygiene,
        fires: "An initiative's spend has an amount for a period within another it also has an amount for (`2026-07` beside `2026-Q3`, a day beside its month): the money would count twice, so only the wider period is counted, closed books being the figure that stands.",
        fix: "Record each period once: when the books for a quarter close, write the quarter and remove its months.";
    AMOUNT_NOT_APPLIED = "RB0255" "amount-not-applied" Warn true Hygiene,
        fires: "A change request states `budget_increase:` but affects no initiative (money is the initiative's: a milestone named alone carries none), or `delay_days:` but affects no initiative or milestone (a KPI has no dates): the amount approves nothing, while the request's page and the governance list show it.",
        fix: "Name the initiative (for money) or the milestone or initiative (for days) in `affects`, or take the amount out.";
    APPROVAL_REWRITTEN = "RB0256" "approval-rewritten" Warn true Decision,
        fires: "A change request approved in a snapshot was rewritten since so that it would approve more: its `budget_increase` or `delay_days` raised or taken out (no amount approves any), an amount written in for a kind of change it did not approve (a request stating only `delay_days` approves no money), an item added to `affects` (naming an initiative where it named one of its milestones approves the rest of it), or its `decided:` (else `date:`) changed. A decision is what the first snapshot holding it approved recorded, and that is what it approves; the edit approves nothing, and the period's changes show it.",
        fix: "Put the request back as it was approved; what more needs approving goes in a new change request (`roadbook new change ID --affects ID --decided-by NAME`), decided when it is.";
    SPEND_ROW_UNMATCHED = "RB0259" "spend-row-unmatched" Warn true Hygiene,
        fires: "A `spend_file` with an `initiative` column (one finance export shared by several initiatives, each counting the rows that name it) has rows naming no initiative of the roadmap, or none at all, or an initiative whose own `spend_file` is another file: no total counts that money (often a typo in the id, or a project not on the roadmap). The finding says how much the rows of that name hold; the budget page, the dashboard and the brief say how much all such rows hold, each currency apart, beside the totals. Several rows of one initiative for one period add up, a vendor each.",
        fix: "Write the id of the initiative the money was spent on (its file name without `.md`), or leave the rows of other projects out of the export.";
    DONE_WITH_OPEN_MILESTONES = "RB0260" "done-with-open-milestones" Warn true Decision,
        fires: "An initiative is `status: done` while some of its milestones have no `done:` date: done work leaves every list of what is due, so an overdue milestone marked done with its initiative leaves the overdue count, the dependency findings and the dashboard without a word, delivered or not.",
        fix: "Record each milestone's `done:` date if it was delivered; if it was not, put the initiative back to `active`, or take the milestones dropped out of it with an approved change request that says where their work went.";
    UNAPPROVED_HORIZON_MOVE = "RB0262" "unapproved-horizon-move" Warn true Decision,
        fires: "An outcome's `horizon` is later than the last snapshot that had the outcome set it, or was taken out, and no approved change request affecting the outcome was decided (`decided:`, else `date:`) on or after that snapshot: leadership waits longer for the outcome, and `outcome-horizon-missed` no longer fires for work planned past the old horizon. Taking a snapshot since clears nothing.",
        fix: "Record the decision: an approved change request that `affects` the outcome (`roadbook new change ID --affects OUTCOME --decided-by NAME`), its owner agreeing; else put back the horizon.";
    KPI_DIRECTION_CHANGED = "RB0261" "kpi-direction-changed" Warn true Decision,
        fires: "A KPI's `direction` differs from the last snapshot that had it (`up` made `down`, or back), and no approved change request affecting the KPI was decided (`decided:`, else `date:`) on or after that snapshot: the same figures and target read the other way, so an off-target KPI reads on target, and its outcome with it, with nothing measured differently. Until it is approved the KPI and its outcome are read the way the snapshot read it (its page says so).",
        fix: "Put back the snapshot's direction; if the KPI truly reads the other way (it was set up wrong), record it in an approved change request that `affects` the KPI (`roadbook new change ID --affects KPI --decided-by NAME`).";
    UNAPPROVED_EFFORT_CUT = "RB0263" "unapproved-effort-cut" Warn true Decision,
        fires: "Committed work's `effort` (planned or active, as the capacity counts it; its total over every team) is a person-day or more lower than a snapshot had it (one where it was planned or active: an estimate cut before the work was committed cut no team's plan), and no approved change request affecting the initiative was decided (`decided:`, else `date:`) on or after that snapshot (one stating only `budget_increase` approves no effort): the capacity counted less of the teams' time, and an overcommitted team read fine with nothing decided. Work moved between teams keeps its total and is no cut (the period shows the move). Until it is approved the capacity counts the effort as that snapshot spread it over teams. Taking a snapshot since clears nothing, nor does a second cut measured from the first.",
        fix: "If the estimate was cut on purpose, record it: an approved change request that `affects` the initiative (`roadbook new change ID --affects INITIATIVE --decided-by NAME`) saying why, or where the work went; else put back the effort.";
    KPI_BASELINE_MOVED = "RB0264" "kpi-baseline-moved" Warn true Decision,
        fires: "A KPI's `baseline` moved since a snapshot so that its progress reads better (higher where lower is better, lower where higher is, or taken out), and no approved change request affecting the KPI was decided (`decided:`, else `date:`) on or after the last snapshot that set it otherwise: the same figures measured from a better start read as more progress (a cut from 45 to 32 reads 28 % where the cut from the 41 on record was 22 %), on the KPI's page and chart and in whatever leadership reads off them. A baseline added where there was none, or moved the other way, needs nothing. Taking a snapshot since clears nothing.",
        fix: "If the baseline was wrong (a figure restated at the source), record it: an approved change request that `affects` the KPI (`roadbook new change ID --affects KPI --decided-by NAME`) saying why; else put back the baseline.";
    WIDER_FIGURE_BETTER = "RB0317" "wider-figure-better" Warn true Decision,
        fires: "A figure for a period reads better than the figures within that period it leaves out: a KPI's figure for a quarter (or a month) on target where the latest of its months (or days) also recorded is not, and better than each of them, or an initiative's spend for a period less than the spend recorded within it. Only the wider period's figure is counted (`figure-within-period`, `spend-within-period`), so one line added beside bad months took them off every page (from a trial: `2026-Q4: 30000` beside three months of EUR 90,000 took EUR 240,000 of spend and an overspend away; `[2026-Q4, 35]` beside 37, 38 and 39 read \"on target\").",
        fix: "Record each period once: if the figures within the period are right, take out the wider one; if they were wrong, correct them there (a figure a snapshot reported needs an approved change request affecting the KPI).";
    SPEND_STOPPED = "RB0316" "spend-stopped" Warn true Risk,
        fires: "A live initiative's spend on record (not on hold) stops two whole periods of its own (months, or quarters when it books by quarter; spend dated by the day is read by its month) before the books' latest (the last period other live work has spend on record for), the second over by today, while its budget planned money since (a period behind is how books close): the periods since read as nothing spent, and an overrun reads as that much under plan (from a trial: the one project over budget stopped being booked, and the brief's budget line lost it). Work done or cancelled, and a period not over yet, are left alone.",
        fix: "Record its spend for the periods since (`spend:` or its `spend_file`), writing `0` for a period nothing was spent.";
    BOOKS_BEHIND = "RB0265" "books-behind" Warn true Risk,
        fires: "The spend on record for live work ends more than a quarter (92 days) before today, while live work has a budget: the books' cut-off is where every plan to date, variance and burn is worked out, so months since read as nothing spent and nothing planned, work begun since has no plan to date, and a project overspending now reads as under plan. A month or a quarter of lag is how books close; more is spend not recorded.",
        fix: "Record the spend booked since (`spend:` or `spend_file:`), writing `0` for a month nothing was spent.";
    RISK_LOWERED_UNREVIEWED = "RB0266" "risk-lowered-unreviewed" Warn true Decision,
        fires: "A risk, assumption or issue stood open at high exposure (probability × impact at least `[governance] risk-high-exposure`, default 15) in a snapshot and is below it now, unscored, or closed, with no review recorded since (`reviewed:` on or after the snapshot's day and later than the review the snapshot showed; one dated before a later snapshot that showed an older review was written in since, dated back, and covers nothing): re-scored or closed with no review on record, it left the brief's largest risks and `risk-without-mitigation` with nobody saying why. Taking a snapshot since clears nothing; a review recorded since the last snapshot that had it high does. Closing one counts as lowering it, whatever its scores still say: its period's row says “closed with no review recorded”, or “closed at the review of” its day. It also fires for one still open that no longer `affects` work (or an outcome) still open that a snapshot had it affect at high exposure: moved off a gate due soon, its threat left the work it hangs over.",
        fix: "If a review lowered, closed or narrowed it, set `reviewed:` to the day it was held and say why in `mitigation:`; else put back its scores or what it affects, or reopen it.";
    BIDI_OVERRIDE = "RB0267" "bidi-override" Warn true Hygiene,
        fires: "A document holds an invisible character that forces the text after it into another direction (an embedding or override, U+202A to U+202E): on a page it would read backwards (\"is 35 days overdue\" as \"eudrevo syad 53 si\"), so pages show it as U+FFFD (�) instead, wherever it comes from (a title, a body, book.toml, a data file, a YAML escape). The isolates right-to-left text is written with (U+2066 to U+2069) are fine.",
        fix: "Delete the invisible character (an editor that shows them: VS Code, `cat -A`); text in a right-to-left language needs none, or an isolate (U+2067 … U+2069).";
    FIGURE_PERIOD_NOT_OVER = "RB0268" "figure-period-not-over" Warn true Hygiene,
        fires: "A KPI's latest figure is dated by a month or a quarter (`2026-11`, `2026-Q4`) that is not over by today, or by a day (`2026-11-24`) in such a period of a KPI whose `unit` counts by the month or the quarter (`incidents / month`, `per quarter`, `monthly`; of a level, such as servers still running, a day's figure is that day's): a measurement part-way through it reads as the period's result on every page (the dashboard, the brief, on target or off), though the period has days or weeks to run.",
        fix: "Add the period's figure once the period is over (a snapshot taken meanwhile keeps it as a flash figure, free to change). A figure of one day rather than of the period (a survey, a count taken that day) is dated by that day (`2026-11-03`) and stays on record as that day's.";
    FIGURE_WITHIN_PERIOD = "RB0269" "figure-within-period" Warn true Hygiene,
        fires: "A KPI has a figure for a period within another it also has a figure for (`2026-11-30` beside `2026-11`, `2026-11` beside `2026-Q4`): two figures for one stretch of time, and the narrower, dated later, would read as the KPI's latest on every page though the period was reported as a whole. Only the wider period's figure is counted.",
        fix: "Record each period once. If the figure for the wider period was wrong, correct it there (one a snapshot reported needs an approved change request affecting the KPI, `kpi-revised`); a KPI measured on days is dated by days throughout.";
    BACKDATED_START = "RB0270" "backdated-start" Warn true Decision,
        fires: "Work that takes its team's time (planned or active) starts (its `start:`, else its first milestone's due date, as the capacity reads it) in a quarter earlier than a snapshot had it, on a day more than a week before that snapshot's day, where the snapshot had it starting after its day, or starting on a day it recorded more than a week later (the start of work already under way dated back); and no approved change request affecting the initiative (not one stating only a `budget_increase`) was decided (`decided:`, else `date:`) on or after that snapshot: spread from it, the effort would fill quarters that snapshot recorded the work had no part in, and the quarters to come would read lighter (an overloaded team read as within its capacity). Until it is decided, the capacity spreads the effort from the start on record.",
        fix: "Write the start it had, or, if the work did start then and the record was late, record it: an approved change request that `affects` the initiative, decided after that snapshot.";
    REMOVED_OUTCOME = "RB0271" "removed-outcome" Warn true Decision,
        fires: "An outcome a snapshot pursued (not retired by that snapshot's day; the last snapshot that had it) has no file in the working tree: deleting it took it, its horizon and every finding about its work off every page (work moved to an outcome due later reads as on time), and no change request can approve that, since `affects` names only what the roadmap has. A renamed file (a new id) reads the same way.",
        fix: "Bring the file back as the snapshot has it; an outcome no longer pursued is retired (`retired: 2026-10`, with an approved change request affecting it saying why and where its work went), which keeps it on record; if it was renamed, keep the old id (change the title, not the file name).";
    UNAPPROVED_OUTCOME_RETIREMENT = "RB0272" "unapproved-outcome-retirement" Warn true Decision,
        fires: "An outcome a snapshot pursued is retired now (`retired:` on or before today) and no approved change request affecting it was decided (`decided:`, else `date:`) on or after the last snapshot that pursued it: retired, it asks no work to serve it, no KPI to measure it and no horizon to hold, so an outcome about to be missed would leave the brief with nothing said. Taking a snapshot since clears nothing.",
        fix: "Record the decision: an approved change request that `affects` the outcome (`roadbook new change ID --affects OUTCOME --decided-by NAME`), its owner agreeing, saying why it is no longer pursued; else take `retired:` out.";
    BACKDATED_REVIEW = "RB0273" "backdated-review" Warn true Risk,
        fires: "A review is dated more than a week before a snapshot that did not have it (its file written since), or more than a week away from the date a snapshot had for it: written up after the record and dated back, or dated again, it reads as held when it was not, and the `review-cadence` the snapshot found missed reads met.",
        fix: "Date the review the day it was held, on or after that snapshot's day; one held earlier and written up late is dated the day it was recorded, its body saying when it was held.";
    UNAPPROVED_CAPACITY_RISE = "RB0274" "unapproved-capacity-rise" Warn true Decision,
        fires: "A team's capacity free of operations (`capacity` × (1 − `ops_load`)) is higher, in a quarter not over that its committed work runs through and that the snapshot gave a figure of its own (not one carried over from its last planned quarter, unless the snapshot showed the team above its capacity in that quarter: it planned the quarter with that figure), than the oldest snapshot with no decision since that planned the quarter had it (capacity back to what it was after a dip recorded in between is no rise); or a team takes committed work a snapshot without the team had on other teams; and no approved change request affecting the team was decided (`decided:`, else `date:`) on or after that snapshot: capacity raised on paper, or work moved onto a team on paper, takes an overloaded team within its capacity with nothing delivered or cut. Until it is decided, the capacity counts the team (and the moved work) as that snapshot had it. Taking a snapshot since clears nothing.",
        fix: "Record the decision: an approved change request that `affects` the team (`roadbook new change ID --affects TEAM --decided-by NAME`), saying where the people come from; else put back the capacity (or the work's team) the snapshot had.";
    UNAPPROVED_OUTCOME_UNLINK = "RB0275" "unapproved-outcome-unlink" Warn true Decision,
        fires: "A live initiative a snapshot had committed (planned, active or on hold) serving an outcome no longer serves it (the outcome still pursued: not retired, its file there), and no approved change request affecting the initiative or the outcome was decided (`decided:`, else `date:`) on or after the last snapshot that had the link: moved onto an outcome due later, the work left the horizon it was late for, and `outcome-horizon-missed` went with it. Work taken off every outcome is `unapproved-cancellation`. Taking a snapshot since clears nothing.",
        fix: "Record the decision: an approved change request that `affects` the initiative or the outcome (`roadbook new change ID --affects INITIATIVE --decided-by NAME`), saying why the work no longer serves it and what does instead; else put the outcome back in its `outcomes:`.";
    SNAPSHOT = "RB0301" "snapshot" Warn true Hygiene,
        fires: "An archived version (a git tag or a `snapshots/` folder) cannot be read or has errors of its own; it is left out of the site and the rest builds.",
        fix: "Fix the snapshot's files (for a tag: tag a corrected commit), or remove the folder; the message names the tag or folder and the file.";
    MISSING_HISTORY = "RB0302" "missing-history" Warn true Hygiene,
        fires: "The repository is a shallow clone, or has no tags at all while it has a remote (usual in CI): archived versions from tags cannot be read.",
        fix: "Fetch the history: `git fetch --unshallow --tags` (or `fetch-depth: 0` in CI).";
    SNAPSHOT_OFF_HISTORY = "RB0303" "snapshot-off-history" Warn true Decision,
        fires: "A snapshot's git tag points at a commit that no branch (local or remote) and not HEAD reaches: the tag was moved onto a rewritten commit (a quarter re-made with better dates or money reads as the quarter it never was), or made on a branch deleted unmerged. Not judged in a shallow clone or a clone of one branch, which lack the commits to judge by.",
        fix: "Tag the commit the quarter was really taken from (`git tag -f -a TAG COMMIT`, then push the tag with `--force`), or merge the branch the tag was made on.";
    CURRENCY_CHANGED = "RB0304" "currency-changed" Warn true Decision,
        fires: "`[budget] currency` differs from the currency of the newest snapshot that kept budgets or spend (a symbol and its code, `€` and `EUR`, are one): the amounts are compared as one currency across the history, so changing the label alone makes every figure read in a currency it was not written in.",
        fix: "Put back the snapshot's currency if the amounts were not converted; a roadmap that truly changes currency converts its amounts and records why in an approved change request; the next snapshot, in the new currency, puts the change on record.";
    TODAY_BEFORE_SNAPSHOT = "RB0305" "today-before-snapshot" Warn true Decision,
        fires: "The day the roadmap is judged on is more than a day before the day of the newest snapshot: `today` pinned in book.toml too early, or, with no `today`, a snapshot dated ahead of the real date (a `today` pinned in the future when it was taken). Milestones a snapshot already showed overdue read as not due, and the latest period runs backwards. (`SOURCE_DATE_EPOCH` is not judged: a commit's time comes before the tag made on it; nor a day short: a tag dated in another time zone.)",
        fix: "Set `today` in book.toml to the day the roadmap stands for (on or after the newest snapshot's), or remove it to use the real date; an older quarter is read in its own version of the site. A snapshot dated ahead of its day is taken again once the day has come (delete its tag or folder first).";
    GIT_UNUSABLE = "RB0306" "git-unusable" Deny false Broken,
        fires: "The project is in a git repository (a `.git` folder there or above it) but git cannot read it: git is not installed, or refuses the repository (`detected dubious ownership`: the checkout belongs to another user, as in many CI containers). Every archived version from tags would be missing, and with them every slip and restatement the history shows, so the build stops instead of publishing a site without them.",
        fix: "Install git, or trust the checkout (`git config --global --add safe.directory \"$PWD\"`); to build the working tree alone on purpose, `roadbook build --no-snapshots`.";
    FISCAL_YEAR_CHANGED = "RB0307" "fiscal-year-changed" Warn true Decision,
        fires: "`[roadmap] fiscal-year-start` differs from the newest snapshot's: every date written as a quarter (`2027-Q1`) and every quarter of a capacity or budget map now means other months, so milestones whose dates were not touched read as moved in the history (each an `unacknowledged-slip` of its own), and quarters compare with other quarters.",
        fix: "Put back the snapshot's `fiscal-year-start` if the fiscal year did not change; if it did, rewrite the quarter dates in the new fiscal year so each means the day it meant before, and record the change in an approved change request: the next snapshot, taken with the new start, puts it on record (until then this stands).";
    THRESHOLD_LOOSENED = "RB0308" "threshold-loosened" Warn true Decision,
        fires: "A threshold in `book.toml` is looser than a snapshot had it (`[governance] slip-tolerance-days`, `risk-high-exposure`, `strategic-review-days`, `operational-review-days` or `risk-review-days`, `[budget] overspend-tolerance` or `burn-tolerance`, or `[roadmap] forecast-min-samples` raised), or a rule of what needs a decision or puts delivery at risk that a snapshot did not turn off is turned off (`[lints] watermelon = \"allow\"`): the slips, high risks, late reviews, overspend and findings the snapshot judged vanish from the findings, the dashboard and the brief with no item of the roadmap touched. Judged against every snapshot: one taken since with the new value records no decision. This rule cannot be turned off (set to allow, it warns).",
        fix: "Put back the snapshot's value (or take the rule's line out of `[lints]`); if it was changed on purpose, record the decision: an approved change request naming it in `settings:` (`settings: [slip-tolerance-days]`, as the first snapshot holding the request approved recorded it), decided on or after the day of the last snapshot that had it stricter.";
    SNAPSHOT_OUT_OF_ORDER = "RB0309" "snapshot-out-of-order" Warn true Decision,
        fires: "A snapshot's git tag is dated (its `today`) before the next snapshot's but is on a commit made after that snapshot's commit: the roadmap of a later day was recorded as an earlier quarter (a `today` set back and tagged, or a tag made later on a later commit), so the history reads the later roadmap first, and a slip made between them reads as a move pulled in, with nothing to decide. `roadbook snapshot` refuses to make one.",
        fix: "Tag the commit the quarter was really taken from (`git tag -f -a TAG COMMIT`, then push the tag with `--force`), or delete the tag if that quarter was never recorded.";
    SNAPSHOT_MISDATED = "RB0313" "snapshot-misdated" Warn true Decision,
        fires: "A snapshot named for a quarter (`roadmap/2027-Q2`, a folder `2027-Q2`) is dated (its `today`) before that quarter began, by the fiscal year its book.toml sets, and on or before the day of a snapshot of an earlier quarter: a tag made by hand on an earlier commit records the roadmap of the quarter before as this one's, and every slip, cut and restatement since is measured from it. `roadbook snapshot` refuses to make one. A quarter's snapshot taken early, after the quarter before's, is no finding.",
        fix: "Tag the commit the quarter was really taken from (`git tag -f -a TAG COMMIT`, then push the tag with `--force`); if no commit stands for a day in the quarter, delete the tag and take the snapshot again with `roadbook snapshot` once the quarter has begun.";
    SNAPSHOT_SHADOWED = "RB0310" "snapshot-shadowed" Warn true Decision,
        fires: "A folder under `snapshots/` has the name of a snapshot's git tag (`snapshots/2026-Q4/` beside `roadmap/2026-Q4`): the folder is read and the tag left out, so what the folder holds, which anyone can edit, stands for the quarter in place of what git recorded.",
        fix: "Remove the folder if the tag is the quarter's record, or rename it if it is another version; if the folder is the record, delete the tag (`git tag -d TAG`).";
    SNAPSHOT_IGNORED = "RB0311" "snapshot-ignored" Warn true Decision,
        fires: "`[snapshots] ignore` names a snapshot (tag or folder) that reads as a version of the roadmap: the list is for snapshots that cannot be read (a broken tag is not edited), and one line in book.toml takes a readable quarter out of the history, its slips, cuts and restatements measured from the snapshot before it as if that quarter had never been recorded. A snapshot that cannot be read stays out in silence.",
        fix: "Take it out of `[snapshots] ignore`. If that quarter stays out on purpose (a draft tagged by mistake), record why in an approved change request that names the rule (`settings: [snapshot-ignored]`) and set `snapshot-ignored = \"allow\"` in `[lints]`; one the site already published is also `snapshot-rewritten` until its deletion is approved (`[snapshots] approved-rewrites = [\"NAME@deleted CHANGE\"]`).";
    SNAPSHOT_GONE = "RB0318" "snapshot-gone" Warn true Decision,
        fires: "A snapshot's tag says which snapshot was taken before it (`roadbook snapshot` writes `Roadbook-follows: TAG COMMIT WHEN` in the tag's message, WHEN the moment that tag was made), and that tag is gone, or on another commit now: a quarter deleted (`git tag -d`) or re-made, which a build in a fresh folder would show as if it had never been recorded. Judged from git alone, whatever the build folder's record holds. A tag still on its commit but left out of the history is said by the rule that leaves it out (`snapshot-ignored`, `snapshot-dropped`, `snapshot-off-history`, `snapshot`).",
        fix: "Put the tag back as the finding gives it: on the commit the message names, at the moment it names (`GIT_COMMITTER_DATE=\"WHEN\" git tag -a TAG COMMIT`). If it was deleted or re-made on purpose, record why in an approved change request and approve it in book.toml: `[snapshots] approved-rewrites = [\"NAME@deleted CHANGE\"]` (or `NAME@COMMIT CHANGE` for its new reading).";
    SNAPSHOT_DROPPED = "RB0315" "snapshot-dropped" Warn true Decision,
        fires: "A git tag was a snapshot by the `[snapshots] tags` pattern of its own book.toml (read from the tagged commit), and the pattern of now does not match it, nor does `[snapshots] ignore` name it: one line of book.toml (`tags = \"roadmap/20??-Q4\"`) takes recorded quarters out of the history and the site, and every slip, cut and restatement since is measured from the snapshot before, or from nothing. Judged from the tags alone, whatever the build folder's record holds (a fresh clone or a dropped CI cache has none).",
        fix: "Put back the pattern the tags were made under, or one that matches them too. If the tags were renamed, tag the same commits under the new pattern, keeping each tag's date (`GIT_COMMITTER_DATE=\"WHEN\" git tag -a NEW COMMIT`). If a quarter stays out on purpose, list it in `[snapshots] ignore` and record why in an approved change request (`snapshot-ignored` says so until then).";
    SNAPSHOT_REWRITTEN = "RB0312" "snapshot-rewritten" Warn true Decision,
        fires: "An archived version reads otherwise than when the site in the build folder first published it, or is gone from the history: its git tag moved onto another commit, made again on another day (a tag without `today` stands for the day it was made) or, on a day with two snapshots, at another moment (the one made first reads as the older), its snapshot folder edited since it was committed, the tag deleted or no longer matching `[snapshots] tags`, the folder removed or out of `[snapshots] dir`, or the quarter left out of the history whatever the reason (in `[snapshots] ignore`, its tag off the history, unreadable now: allowing the rule that says why does not clear this one); the same content under another name is a rename, and the record follows it. A snapshot put in before one already published (a tag made late on an old commit) is said too: every quarter after it is judged from it. The pages of an archived version say so while it, or a quarter before it, stands changed. The quarter leadership was shown is not the one the history now measures slips from. Git keeps no history of a tag, so the site keeps its own: `.roadbook-published` at the top of the build folder, carried from build to build (keep the build folder in CI, as the recipes of `roadbook init --ci` do, adding the live site's record to the cache's, which may be dropped or older; a build folder without a record holds no quarter to anything, which `check` and `build` say in a note); `roadbook check` reads the one in `[build] build-dir`, or in `-d DIR`. A folder not committed yet is a draft, not recorded.",
        fix: "Put the tag back as the finding says (on the commit first published, made at the moment it was: `GIT_COMMITTER_DATE=\"WHEN\" git tag -f -a TAG COMMIT`, then push the tag with `--force`), or the folder's files (`rm -r FOLDER && git checkout COMMIT -- FOLDER`). If the quarter was rewritten on purpose, record why in an approved change request, then approve it as it reads now in book.toml, as the finding gives it: `[snapshots] approved-rewrites = [\"2026-Q2@COMMIT CHANGE\"]`, CHANGE the id of the approved change request (`@deleted` for one taken out). That approves that reading alone: a later rewrite is still said, and the record keeps the quarter as first published.";
    SNAPSHOT_UNCOMMITTED = "RB0314" "snapshot-uncommitted" Warn true Decision,
        fires: "A snapshot folder under `snapshots/` has changes git has not committed (a draft): the site publishes it as the quarter, but the record of what was published holds only committed snapshots, so what is edited in it before it is committed is never seen as a rewrite.",
        fix: "Commit the folder (`git add snapshots/NAME && git commit`) before publishing, or remove it if it is a draft; a snapshot taken with a git tag (`roadbook snapshot` without `--dir`) is committed by its nature.";
}

/// The catalogue as Markdown, the source of `docs/lints.md` (a test keeps
/// the committed file equal to this).
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# roadbook rules\n\n\
         Generated by `roadbook lints` from `src/lints.rs`; do not edit by hand.\n\n\
         Set a rule's level in `book.toml`:\n\n\
         ```toml\n[lints]\nuntraced-initiative = \"deny\"   # allow, warn or deny\n```\n\n\
         Rules marked *fixed* report input roadbook cannot read and are always errors.\n\n\
         Every rule also has a *weight*, how much its findings matter to the people \
         the roadmap answers to. `roadbook check`, the closing line of `check` and \
         `build`, and the site's findings page show errors first (the build stops \
         on them), then warnings by weight, most important first:\n\n\
         - **decision**: the plan no longer holds, or is told better than it is; \
         someone accountable has to decide (re-plan, approve a change, report the truth).\n\
         - **risk**: delivery is at risk if nobody acts (overload, conflicting \
         dependencies, stale figures, governance falling behind).\n\
         - **hygiene**: the record is incomplete or untidy; the plan itself is not in question.\n\
         - **broken**: input roadbook cannot read or resolve (always an error).\n\n\
         `check --format json` gives each finding's `weight`.\n\n\
         | code | name | default | weight | what fires it | how to fix it |\n|---|---|---|---|---|---|\n",
    );
    for r in ALL {
        let level = match (r.level, r.tunable) {
            (_, false) => "error (fixed)",
            (Level::Deny, true) => "deny",
            (Level::Warn, true) => "warn",
            (Level::Allow, true) => "allow",
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            level,
            r.weight.as_str(),
            r.fires,
            r.fix
        ));
    }
    out
}

/// Look a rule up by its `[lints]` name.
pub fn by_name(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_kebab_case() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in ALL {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

    #[test]
    fn every_rule_counts_its_findings_in_words() {
        assert_eq!(OVERDUE_MILESTONE.counted(10), "10 overdue milestones");
        assert_eq!(OVERDUE_MILESTONE.counted(1), "1 overdue milestone");
        assert_eq!(
            OUTCOME_HORIZON_MISSED.counted(2),
            "2 outcomes past their horizon"
        );
        assert_eq!(OVERSPEND.counted(1), "1 initiative over plan or budget");
        assert_eq!(BACKDATED_DONE.counted(2), "2 completions dated back");
        for r in ALL {
            let (one, two) = (r.counted(1), r.counted(2));
            assert!(!one.contains('-') && !two.contains('-'), "{}", r.name);
            // An 's' stuck on a rule's name ("2 backdated dones", "2
            // blocked dependencys") is no plural.
            assert!(
                !["ys", "eds", "dones", "ables", "historys"]
                    .iter()
                    .any(|end| two.ends_with(end)),
                "{}: {two}",
                r.name
            );
            assert_ne!(
                one.trim_start_matches('1'),
                two.trim_start_matches('2'),
                "{}",
                r.name
            );
        }
    }

    #[test]
    fn weights_put_the_truth_telling_rules_first() {
        for r in ALL {
            // A warning can never be `broken`: only the fixed rules are.
            assert_eq!(r.tunable, r.weight != Weight::Broken, "{}", r.name);
        }
        for r in [
            &WATERMELON,
            &UNACKNOWLEDGED_SLIP,
            &UNACKNOWLEDGED_SCOPE,
            &LATENT_SLIP,
            &OVERDUE_MILESTONE,
            &OUTCOME_HORIZON_MISSED,
        ] {
            assert_eq!(r.weight, Weight::Decision, "{}", r.name);
        }
        assert_eq!(MISSING_CRITERIA.weight, Weight::Hygiene);
        assert_eq!(OVERCOMMITTED_TEAM.weight, Weight::Risk);
        assert!(Weight::Decision < Weight::Risk && Weight::Risk < Weight::Hygiene);
    }
}
