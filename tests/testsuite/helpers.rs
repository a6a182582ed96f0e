use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A copy of `tests/fixtures/<name>` in a fresh temporary folder.
    pub fn fixture(name: &str) -> Project {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, dir.path());
        Project { dir }
    }

    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, contents: &[u8]) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `roadbook ARGS` run in the project folder, with a clean environment
    /// for the date.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("roadbook").unwrap();
        c.current_dir(self.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd(args).output().unwrap();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Every file under `rel` (relative path → bytes).
    pub fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path().join(rel))
    }
}

pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The `path:line:col: severity[code]` heads of every diagnostic.
    pub fn heads(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
            .map(|l| {
                let end = l.find("]:").map(|i| i + 1).unwrap_or(l.len());
                l[..end].to_string()
            })
            .collect()
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(src).unwrap();
        let target: PathBuf = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The bundled example roadmap built into a temporary folder: (the folder,
/// the site in it).
pub fn example() -> (Project, PathBuf) {
    let out = Project::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .to_string_lossy()
        .into_owned();
    let dest = out.path().join("site");
    out.run(&["--root", &root, "build", "-d", dest.to_str().unwrap()])
        .ok();
    (out, dest)
}

/// `git ARGS` in the project, as PMO, with author and committer dated
/// `date` (noon UTC); fails the test when git fails.
pub fn git(p: &Project, date: &str, args: &[&str]) -> String {
    git_at(p, &format!("{date}T12:00:00Z"), args)
}

/// As [`git`], at `moment` (an ISO 8601 date and time).
pub fn git_at(p: &Project, moment: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=PMO",
            "-c",
            "user.email=pmo@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .current_dir(p.path())
        .env("GIT_AUTHOR_DATE", moment)
        .env("GIT_COMMITTER_DATE", moment)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The row of `quarter` in a capacity table (a team's page, the capacity
/// page), from its header cell to its end.
pub fn quarter_row(page: &str, quarter: &str) -> String {
    let at = page
        .find(&format!("<th scope=\"row\">{quarter}"))
        .unwrap_or_else(|| panic!("no row for {quarter}: {page}"));
    page[at..at + page[at..].find("</tr>").unwrap()].to_string()
}

/// The first team's committed person-days per quarter, as `roadmap.json`
/// gives them.
pub fn committed_by_quarter(json: &serde_json::Value) -> Vec<(String, f64)> {
    json["facts"]["capacity"][0]["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["quarter"].as_str().unwrap().to_string(),
                q["committed"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The messages `roadbook check` gives for `rule`, in its order.
pub fn rule_messages(p: &Project, rule: &str) -> Vec<String> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

/// The findings `roadbook check` gives in one file, as JSON, in its order.
pub fn findings_in(p: &Project, path: &str) -> Vec<serde_json::Value> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["path"] == path)
        .collect()
}
