//! The `depends_on` graph across initiatives and milestones.

use crate::model::Roadmap;
use std::collections::{BTreeMap, BTreeSet};

/// Edges from an item to what it waits for. An initiative also waits for its
/// own milestones: it is finished only when they are.
pub fn graph(r: &Roadmap) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in &r.initiatives {
        let entry = g.entry(i.meta.id.clone()).or_default();
        entry.extend(i.depends_on.iter().cloned());
        entry.extend(i.milestones.iter().map(|m| m.gid.clone()));
        for m in &i.milestones {
            g.entry(m.gid.clone())
                .or_default()
                .extend(m.depends_on.iter().cloned());
        }
    }
    g
}

/// Every cycle, as the path of items around it (first item repeated at the
/// end), one per strongly connected component, in a stable order.
pub fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for scc in strongly_connected(g) {
        let self_loop = scc.len() == 1 && g.get(&scc[0]).is_some_and(|d| d.contains(&scc[0]));
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let members: BTreeSet<&str> = scc.iter().map(String::as_str).collect();
        // Walk from the smallest member, always to the smallest successor
        // inside the component, until a node repeats.
        let start = scc.iter().min().cloned().unwrap_or_default();
        let mut path = vec![start.clone()];
        let mut seen = BTreeSet::from([start.clone()]);
        let mut at = start;
        while let Some(next) = g
            .get(&at)
            .and_then(|d| d.iter().find(|n| members.contains(n.as_str())))
        {
            path.push(next.clone());
            if !seen.insert(next.clone()) {
                let first = path.iter().position(|p| p == next).unwrap_or(0);
                path.drain(..first);
                break;
            }
            at = next.clone();
        }
        out.push(path);
    }
    out.sort();
    out
}

/// Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
fn strongly_connected(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = g.keys().collect();
    let index_of: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            g[*n]
                .iter()
                .filter_map(|d| index_of.get(d.as_str()).copied())
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
                    comp.push(nodes[w].clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn g(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
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
