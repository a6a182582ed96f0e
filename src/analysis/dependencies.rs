//! The `depends_on` graph across initiatives and milestones.

use super::schedule::Dates;
use super::MilestoneState;
use crate::model::{Initiative, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Edges from an item to what it waits for. An initiative also waits for its
/// own milestones: it is finished only when they are. The ids are the
/// roadmap's own: every version's forecasts walk it.
pub fn graph(r: &Roadmap) -> Graph<'_> {
    let mut g: Graph = BTreeMap::new();
    for i in &r.initiatives {
        let entry = g.entry(i.meta.id.as_str()).or_default();
        entry.extend(i.depends_on.iter().map(|d| d.as_str()));
        entry.extend(i.milestones.iter().map(|m| m.gid.as_str()));
        for m in &i.milestones {
            g.entry(m.gid.as_str())
                .or_default()
                .extend(m.depends_on.iter().map(|d| d.as_str()));
        }
    }
    g
}

/// Item id → the ids it waits for.
pub type Graph<'r> = BTreeMap<&'r str, BTreeSet<&'r str>>;

/// Every cycle, as the path of items around it (first item repeated at the
/// end), one per strongly connected component, in a stable order.
pub fn cycles(g: &Graph) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for scc in strongly_connected(g) {
        let self_loop = scc.len() == 1 && g.get(scc[0]).is_some_and(|d| d.contains(scc[0]));
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let members: BTreeSet<&str> = scc.iter().copied().collect();
        // Walk from the smallest member, always to the smallest successor
        // inside the component, until a node repeats.
        let start = scc.iter().min().copied().unwrap_or_default();
        let mut path = vec![start];
        let mut seen = BTreeSet::from([start]);
        let mut at = start;
        while let Some(&next) = g
            .get(at)
            .and_then(|d| d.iter().find(|n| members.contains(**n)))
        {
            path.push(next);
            if !seen.insert(next) {
                let first = path.iter().position(|p| *p == next).unwrap_or(0);
                path.drain(..first);
                break;
            }
            at = next;
        }
        out.push(path.into_iter().map(String::from).collect());
    }
    out.sort();
    out
}

/// Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
fn strongly_connected<'r>(g: &Graph<'r>) -> Vec<Vec<&'r str>> {
    let nodes: Vec<&str> = g.keys().copied().collect();
    let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            g[n].iter()
                .filter_map(|d| index_of.get(d).copied())
                .collect()
        })
        .collect();
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut counter = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = succ[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(nodes[w]);
                    if w == v {
                        break;
                    }
                }
                comp.sort();
                out.push(comp);
            }
        }
    }
    out
}

/// One `depends_on` entry, with what the dates say about it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The dependent: an initiative id or a milestone global id.
    pub from: String,
    /// What it waits for.
    pub to: String,
    /// The day the dependent needs it: the initiative's start, or the
    /// milestone's due date.
    pub needed_by: Option<Day>,
    /// The day the dependency ends: its end (or done) date, or the
    /// milestone's done or due date.
    pub ready_by: Option<Day>,
    /// Days the dependency ends after it is needed.
    pub conflict_days: Option<i64>,
    /// Why the dependent cannot proceed, if it cannot.
    pub blocked: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DependencyFacts {
    /// Infrastructure and platform work first, then the other layers.
    pub links: Vec<Link>,
    /// The chain of live initiatives that drives the latest finish, first
    /// to last.
    pub critical_path: Vec<String>,
}

/// Infrastructure and platform come first: everything else builds on them.
/// How many of an initiative's milestones are overdue: a dependency on it
/// is blocked by any of them.
pub fn overdue_milestones(i: &Initiative, states: &BTreeMap<String, MilestoneState>) -> usize {
    i.milestones
        .iter()
        .filter(|m| {
            matches!(
                states.get(m.gid.as_str()),
                Some(MilestoneState::Overdue { .. })
            )
        })
        .count()
}

pub fn layer_rank(layer: Option<&str>) -> (u8, String) {
    match layer {
        Some("infrastructure") => (0, String::new()),
        Some("platform") => (1, String::new()),
        Some(other) => (2, other.to_string()),
        None => (3, String::new()),
    }
}

/// Whether a dependency is delivered: a milestone done, or an initiative
/// done. What it was late for is history then, no conflict to settle.
fn delivered(r: &Roadmap, id: &str) -> bool {
    match r.milestone(id) {
        Some(m) => m.done.is_some(),
        None => r.initiative(id).is_some_and(|i| i.status == "done"),
    }
}

fn ready_by(r: &Roadmap, id: &str, dates: &BTreeMap<String, Dates>) -> Option<Day> {
    if let Some(m) = r.milestone(id) {
        return Some(m.done.as_ref().map_or(m.due.day, |d| d.day));
    }
    dates.get(id).and_then(|d| d.end)
}

pub fn analyse(
    r: &Roadmap,
    states: &BTreeMap<String, MilestoneState>,
    dates: &BTreeMap<String, Dates>,
) -> DependencyFacts {
    let mut links = Vec::new();
    let blocked_by = |dep: &str| blocked_by(r, states, dep);
    let mut ordered: Vec<&Initiative> = r.initiatives.iter().map(|i| &**i).collect();
    ordered.sort_by(|a, b| {
        (layer_rank(a.layer.as_deref()), &a.meta.id)
            .cmp(&(layer_rank(b.layer.as_deref()), &b.meta.id))
    });
    for i in ordered {
        let start = dates.get(&i.meta.id).and_then(|d| d.start);
        let open = !i.is_closed();
        let mut push = |from: &str, to: &str, needed_by: Option<Day>, open: bool| {
            let ready = ready_by(r, to, dates);
            // Once delivered, "move the dependent later or the dependency
            // earlier" can no longer be done: two of the example's nine
            // conflicts were on work done months before.
            let conflict_days = match (needed_by, ready) {
                (Some(n), Some(e)) if e > n && !delivered(r, to) => Some(super::days_between(n, e)),
                _ => None,
            };
            links.push(Link {
                from: from.to_string(),
                to: to.to_string(),
                needed_by,
                ready_by: ready,
                conflict_days,
                blocked: if open { blocked_by(to) } else { None },
            });
        };
        for dep in &i.depends_on {
            push(&i.meta.id, dep, start, open);
        }
        for m in &i.milestones {
            for dep in &m.depends_on {
                push(&m.gid, dep, Some(m.due.day), open && m.done.is_none());
            }
        }
    }
    DependencyFacts {
        critical_path: critical_path(r, dates),
        links,
    }
}

/// Why what depends on `dep` cannot proceed, if it cannot.
fn blocked_by(r: &Roadmap, states: &BTreeMap<String, MilestoneState>, dep: &str) -> Option<String> {
    if let Some(state @ MilestoneState::Overdue { .. }) = states.get(dep) {
        return Some(format!("{} is {}", dep, state.label().to_lowercase()));
    }
    let init = r.initiative(dep).or_else(|| {
        r.milestone(dep)
            .and_then(|m| r.initiative(m.initiative.as_str()))
    })?;
    if init.status == "cancelled" {
        return Some(format!("{} is cancelled", init.meta.id));
    }
    if r.initiative(dep).is_some() {
        let overdue = overdue_milestones(init, states);
        if overdue > 0 {
            return Some(format!(
                "{dep} has {}",
                crate::words::count(overdue, "overdue milestone", "overdue milestones")
            ));
        }
    }
    None
}

/// The links blocked again by `states`, the milestones judged with the
/// history (overdue from the date committed when a due moved with no
/// decision): judged by the dates as written, the dependencies page and
/// `blocked-dependency` read "overdue by 86 d" where the milestone's own
/// row and `overdue-milestone` read 209, or nothing where the date moved
/// to is still ahead (from an auditor's trial).
pub fn reblocked(
    r: &Roadmap,
    facts: &DependencyFacts,
    states: &BTreeMap<String, MilestoneState>,
) -> DependencyFacts {
    let open = |from: &str| match r.milestone(from) {
        Some(m) => {
            m.done.is_none()
                && r.initiative(m.initiative.as_str())
                    .is_some_and(|i| !i.is_closed())
        }
        None => r.initiative(from).is_some_and(|i| !i.is_closed()),
    };
    let links = facts
        .links
        .iter()
        .map(|l| Link {
            blocked: if open(&l.from) {
                blocked_by(r, states, &l.to)
            } else {
                None
            },
            ..l.clone()
        })
        .collect();
    DependencyFacts {
        links,
        critical_path: facts.critical_path.clone(),
    }
}

/// From the live initiative that finishes last, follow at each step the
/// unfinished dependency that finishes last: the chain that sets the end
/// date of the roadmap.
fn critical_path(r: &Roadmap, dates: &BTreeMap<String, Dates>) -> Vec<String> {
    let live = |i: &Initiative| super::is_live(i);
    let end_of = |id: &str| dates.get(id).and_then(|d| d.end);
    let Some(last) = r
        .initiatives
        .iter()
        .filter(|i| live(i))
        .filter_map(|i| end_of(&i.meta.id).map(|e| (e, i.meta.id.as_str())))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
    else {
        return Vec::new();
    };
    let mut path = vec![last.1.to_string()];
    let mut seen: BTreeSet<String> = BTreeSet::from([last.1.to_string()]);
    let mut at = last.1.to_string();
    while let Some(i) = r.initiative(&at) {
        let deps = i
            .depends_on
            .iter()
            .chain(i.milestones.iter().flat_map(|m| m.depends_on.iter()));
        let next = deps
            // A milestone done sets no end any more, though its
            // initiative runs on.
            .filter(|d| !delivered(r, d))
            .filter_map(|d| {
                r.initiative(d).or_else(|| {
                    r.milestone(d)
                        .and_then(|m| r.initiative(m.initiative.as_str()))
                })
            })
            .filter(|d| live(d) && !seen.contains(&d.meta.id))
            .filter_map(|d| end_of(&d.meta.id).map(|e| (e, d.meta.id.clone())))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, id)) = next else { break };
        seen.insert(id.clone());
        path.push(id.clone());
        at = id;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g<'e>(edges: &[(&'e str, &'e str)]) -> Graph<'e> {
        let mut g: Graph = BTreeMap::new();
        for &(a, b) in edges {
            g.entry(a).or_default().insert(b);
            g.entry(b).or_default();
        }
        g
    }

    #[test]
    fn finds_each_cycle_with_its_path() {
        let cycles = cycles(&g(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("c", "d"),
            ("x", "x"),
            ("p", "q"),
        ]));
        assert_eq!(cycles, vec![vec!["a", "b", "c", "a"], vec!["x", "x"]]);
    }

    #[test]
    fn no_cycle_in_a_chain() {
        assert!(cycles(&g(&[("a", "b"), ("b", "c")])).is_empty());
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let edges: Vec<(String, String)> = (0..100_000)
            .map(|i| (format!("n{i}"), format!("n{}", i + 1)))
            .collect();
        let refs: Vec<(&str, &str)> = edges
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert!(cycles(&g(&refs)).is_empty());
    }
}
