//! Command-line interface: argument parsing, exit codes and printing.

mod diff_text;

use crate::config::Environment;
use crate::diag::Diagnostic;
use crate::site::{self, Site};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The package version and the build: a hash of the sources it was
/// compiled from, so two binaries of one version can be told apart.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (build ",
    env!("ROADBOOK_BUILD_ID"),
    ")"
);

/// The heading of the options every command takes.
const GLOBAL: &str = "Global options";

/// What the exit code says, as the README's Commands section says it.
const EXIT_STATUS: &str = "Exit status:\n  0  success\n  1  findings at error level, a failed build, or a refused command (`snapshot` of a dirty tree, `diff` with no snapshot yet)\n  2  bad usage: an unknown flag, no book.toml, a flag the kind does not take or an id that cannot be one in `new`, a version name that is none in `diff`";

#[derive(Parser, Debug)]
#[command(
    name = "roadbook",
    version = VERSION,
    about = "Compile an IT roadmap kept as Markdown into a static site that shows whether it is being executed.",
    // In `--help` and the manual page (from a trial: no page said them).
    after_long_help = EXIT_STATUS
)]
pub struct Cli {
    // The options every command takes are listed apart, after the command's
    // own: mixed in by name, `-q` stood between `new`'s `--affects` and
    // `--decided-by` (from a new user's trial).
    /// Project folder (default: the nearest folder upward holding book.toml)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = GLOBAL)]
    pub quiet: bool,
    /// Print every finding and stage timings
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub verbose: bool,
    /// Colour findings: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN",
        help_heading = GLOBAL
    )]
    pub color: Colour,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scaffold a small, complete example roadmap
    #[command(
        after_help = "Examples:\n  roadbook init my-roadmap\n  roadbook init my-roadmap --ci github    and a pipeline publishing it to GitHub Pages\n  roadbook init --ci gitlab               only the pipeline, in a folder with a roadmap\n  roadbook init --force                   add the example to a folder that has files"
    )]
    Init {
        /// Folder to create (default: the current folder)
        dir: Option<PathBuf>,
        /// Add the example's files to a folder that is not empty (files
        /// already there are kept, never overwritten)
        #[arg(long)]
        force: bool,
        /// Also write a pipeline that publishes the site: GitHub Pages
        /// (.github/workflows/roadbook.yml) or GitLab Pages (.gitlab-ci.yml).
        /// In a folder that holds a roadmap already, only the pipeline
        #[arg(long, value_enum, value_name = "HOST")]
        ci: Option<CiHost>,
        /// Also write the built-in theme into themes/default/ (templates,
        /// stylesheet, script, archetypes) to change it. In a folder that
        /// holds a roadmap already, only the theme
        #[arg(long, conflicts_with = "ci")]
        theme: bool,
    },
    /// Add an item: content/<kind>/<id>.md from its kind's archetype
    ///
    /// The archetype is themes/<theme>/archetypes/<kind>.md when the
    /// project has one, else the built-in one, with today's date where a
    /// date belongs. Example: `roadbook new change move-go-live --affects
    /// erp-upgrade/go-live` writes the change request that acknowledges a
    /// slip.
    #[command(
        after_help = "Examples:\n  roadbook new initiative crm-consolidation\n  roadbook new change move-go-live --affects erp-upgrade/go-live --decided-by \"Steering committee\""
    )]
    New {
        /// What to add
        kind: NewKind,
        /// Its id: letters, digits, `-`, `_` and `.`, unique across kinds
        id: String,
        /// Its title, as pages and the brief show it (default: made from the id)
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// (change, risk) The initiative or milestone it affects (a change: or the KPI whose figures it restates); repeatable
        #[arg(long, value_name = "ID")]
        affects: Vec<String>,
        /// (change) Who approved it: written approved and decided today, so
        /// it acknowledges the slips of what it affects
        #[arg(long, value_name = "NAME")]
        decided_by: Option<String>,
        /// (change) What it adds to the budget of each initiative it
        /// affects, in plain digits: approved, it covers a rise up to that
        #[arg(long, value_name = "AMOUNT", value_parser = plain_amount)]
        budget_increase: Option<f64>,
        /// (change) How many days later it lets each date it affects move:
        /// approved, it covers a move up to that
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36_500))]
        delay_days: Option<u32>,
        /// (change) A threshold of book.toml it raises, or a rule it turns
        /// off (`slip-tolerance-days`, `watermelon`): the decision
        /// `threshold-loosened` asks for; repeatable
        #[arg(long, value_name = "NAME")]
        settings: Vec<String>,
    },
    /// Check the roadmap and build the site
    #[command(
        after_help = "Examples:\n  roadbook build\n  roadbook build -d public --base-url https://pmo.example.com/roadmap/"
    )]
    Build {
        /// Build folder (default: [build] build-dir, `site`)
        #[arg(short = 'd', long = "dest-dir", value_name = "DIR")]
        dest_dir: Option<PathBuf>,
        /// Absolute URL the site is published at (enables Open Graph tags)
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Build only the working tree, not archived snapshots
        #[arg(long)]
        no_snapshots: bool,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
    },
    /// Check the roadmap and report every finding
    #[command(
        after_help = "Examples:\n  roadbook check\n  roadbook check --deny-warnings --format json    in CI"
    )]
    Check {
        /// Text for people, or one JSON object per finding and line (for CI)
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Treat warnings as errors (exit 1)
        #[arg(long)]
        deny_warnings: bool,
        /// Build folder whose record of the snapshots it published they are
        /// held to (default: [build] build-dir, `site`)
        #[arg(short = 'd', long = "dest-dir", value_name = "DIR")]
        dest_dir: Option<PathBuf>,
    },
    /// Serve the site from memory on loopback, rebuilding and reloading on change
    #[command(after_help = "Examples:\n  roadbook serve --open\n  roadbook serve -p 8080 --write")]
    Serve {
        /// Port (0: any free port)
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; loopback unless you ask otherwise
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Also answer requests for this host name (NAME: any port;
        /// NAME:PORT: that port only), e.g. a name given to --bind's address
        /// in DNS or /etc/hosts, or a proxy's. Repeatable. Requests naming
        /// any other host get 403 (DNS rebinding)
        #[arg(long = "allow-host", value_name = "NAME", value_parser = parse_allow_host)]
        allow_host: Vec<(String, Option<u16>)>,
        /// Connections served at once (tests lower it to reach the bound)
        #[arg(long, hide = true, default_value_t = crate::serve::MAX_CONNECTIONS)]
        max_connections: usize,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Build into the build folder (instead of a cache folder of its own)
        #[arg(long)]
        write: bool,
    },
    /// Archive the roadmap as it stands: an annotated git tag (or a frozen folder with --dir)
    ///
    /// Refuses while the roadmap has errors, or while book.toml or the
    /// content has uncommitted changes (what the tag archives).
    #[command(
        after_help = "Examples:\n  roadbook snapshot 2026-Q4 && git push --tags\n  roadbook snapshot 2026-Q4 --dir    without git"
    )]
    Snapshot {
        /// Version name, e.g. 2026-Q4: the tag is `[snapshots] tags` with
        /// the name for its `*` (`roadmap/2026-Q4` by default)
        name: String,
        /// Write `[snapshots] dir`/NAME/ (snapshots/NAME/) instead of a git tag
        #[arg(long)]
        dir: bool,
        /// Take a name that does not begin with a quarter, month or day
        /// though every version so far does
        #[arg(long)]
        any_name: bool,
    },
    /// What changed between two versions (default: the latest period with changes)
    #[command(
        after_help = "Examples:\n  roadbook diff\n  roadbook diff 2026-Q3 2026-Q4 --format json"
    )]
    Diff {
        /// Older version (a snapshot name, or `current`); with neither, the
        /// latest period with changes, as the dashboard shows it
        from: Option<String>,
        /// Newer version (default: `current`)
        to: Option<String>,
        /// Text for people, or one JSON object (its shape is stable)
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Print the catalogue of rules (Markdown), with codes and default levels
    #[command(after_help = "Example:\n  roadbook lints > docs/lints.md")]
    Lints,
    /// Print the field reference (Markdown): every front-matter field of every kind
    #[command(after_help = "Example:\n  roadbook fields > docs/fields.md")]
    Fields,
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  roadbook completions bash > ~/.local/share/bash-completion/completions/roadbook\n  roadbook completions zsh > ~/.zfunc/_roadbook\n  roadbook completions fish > ~/.config/fish/completions/roadbook.fish\n  roadbook completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one per command to a folder
    #[command(
        after_help = "Examples:\n  roadbook man | man -l -\n  roadbook man --dir /usr/local/share/man/man1"
    )]
    Man {
        /// Write roadbook.1 and roadbook-<command>.1 here instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What `build` was asked, beyond the global flags.
struct BuildArgs {
    dest_dir: Option<PathBuf>,
    base_url: Option<String>,
    no_snapshots: bool,
    timings: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

fn resolve_root(root: &Option<PathBuf>) -> Result<PathBuf, String> {
    match root {
        Some(r) if r.join(crate::config::FILE).is_file() => Ok(r.clone()),
        Some(r) => Err(format!("no book.toml in {}", r.display())),
        None => {
            let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
            site::find_root(&cwd).ok_or_else(|| {
                "no book.toml here or in any parent folder; run `roadbook init` to start a roadmap, or pass --root DIR".to_string()
            })
        }
    }
}

/// When findings are coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    Auto,
    Always,
    Never,
}

/// Whether this run colours findings: set once, when the command starts.
static COLOURED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Colour {
    /// `auto` colours a terminal, unless `NO_COLOR` is set to anything
    /// (no-color.org) or the terminal is `dumb`.
    fn applies(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => auto_colour(
                std::io::stderr().is_terminal(),
                std::env::var_os("NO_COLOR"),
                std::env::var_os("TERM"),
            ),
        }
    }
}

fn auto_colour(
    terminal: bool,
    no_color: Option<std::ffi::OsString>,
    term: Option<std::ffi::OsString>,
) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

fn render(d: &Diagnostic) -> String {
    if COLOURED.load(std::sync::atomic::Ordering::Relaxed) {
        d.render_coloured()
    } else {
        d.render()
    }
}

fn print_diags(diags: &[Diagnostic], include_warnings: bool) {
    let mut err = std::io::stderr().lock();
    for d in diags.iter().filter(|d| include_warnings || d.is_error()) {
        let _ = writeln!(err, "{}", render(d));
    }
}

/// The findings under a heading per group (errors, then warnings by
/// weight), in the order `diag::sort` left them.
fn print_grouped(diags: &[Diagnostic], include_warnings: bool) {
    let mut err = std::io::stderr().lock();
    for (group, found) in crate::diag::groups(diags) {
        if group != crate::diag::Group::Errors && !include_warnings {
            continue;
        }
        let _ = writeln!(err, "=== {} ===\n", group.heading(found.len()));
        for d in found {
            let _ = writeln!(err, "{}", render(d));
        }
    }
}

/// For the binary, before anything is allocated: mimalloc (the binary's
/// allocator) touches its pages sparsely at first; with transparent huge
/// pages each first touch makes the kernel zero 2 MiB. Without them a build
/// spends markedly less time in the kernel (L: 2.5 → 1.3 s of system time,
/// 5.6–6.4 → 4.5–4.6 s of wall time; M with 8 snapshots from scratch:
/// 3.5–4.4 → 2.8–3.3 s) and peaks lower. Best effort: an older kernel that
/// does not know the flag changes nothing.
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and reads no memory.
    unsafe {
        // prctl is variadic and the kernel reads unsigned longs.
        let (on, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
        libc::prctl(libc::PR_SET_THP_DISABLE, on, unused, unused, unused);
    }
}

pub fn run(cli: Cli) -> ExitCode {
    COLOURED.store(cli.color.applies(), std::sync::atomic::Ordering::Relaxed);
    let env = Environment::from_process();
    // Every command but `init` and `lints` works on a project.
    let root = if matches!(
        cli.command,
        Command::Init { .. }
            | Command::Lints
            | Command::Fields
            | Command::Completions { .. }
            | Command::Man { .. }
    ) {
        PathBuf::new()
    } else {
        match resolve_root(&cli.root) {
            Ok(r) => r,
            Err(e) => return usage(&e),
        }
    };
    match cli.command {
        Command::Init {
            dir,
            force,
            ci,
            theme,
        } => {
            let also = match ci {
                _ if theme => Some(Also::Theme),
                ci => ci.map(|host| Also::Pipeline(host.into())),
            };
            init_command(dir, force, also, cli.root, cli.quiet)
        }
        Command::New {
            kind,
            id,
            title,
            affects,
            decided_by,
            budget_increase,
            delay_days,
            settings,
        } => {
            let Some(kind) = kind.kind() else {
                return usage(NEW_MILESTONE);
            };
            let request = crate::new::Request {
                kind,
                id: &id,
                title: title.as_deref(),
                affects: &affects,
                decided_by: decided_by.as_deref(),
                budget_increase,
                delay_days,
                settings: &settings,
            };
            // Flags the kind does not take, or an id that cannot be one:
            // the command line is wrong, as clap's own refusals are.
            if let Err(e) = crate::new::check_request(&request) {
                return usage(&crate::diag::terminal_safe(&e, false));
            }
            match crate::new::create(&root, &env, &request) {
                Ok(path) => {
                    // From where the command runs, as `build` says where
                    // it wrote (from a trial: with `--root`, the path was
                    // the project's, not one to open from here).
                    out!("{}", display_path(&root.join(path)));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say!("error: {}", crate::diag::terminal_safe(&e, false));
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            port,
            bind,
            allow_host,
            max_connections,
            open,
            write,
        } => {
            let opts = crate::serve::Options {
                root,
                bind,
                port,
                open,
                write,
                quiet: cli.quiet,
                verbose: cli.verbose,
                allow_hosts: allow_host,
                max_connections,
            };
            match crate::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    say!(
                        "error: {}",
                        crate::diag::terminal_safe(&e.to_string(), true)
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Snapshot {
            name,
            dir,
            any_name,
        } => match crate::snapshot::create(&root, &env, &name, dir, any_name) {
            Ok(done) => {
                if !cli.quiet {
                    say!("{}", crate::diag::terminal_safe(&done.to_string(), true));
                }
                ExitCode::SUCCESS
            }
            Err(crate::snapshot::Refusal {
                messages,
                diagnostics,
            }) => {
                print_diags(&diagnostics, false);
                for message in &messages {
                    say!("error: {}", crate::diag::terminal_safe(message, true));
                }
                if messages.len() > 1 {
                    say!(
                        "error: no snapshot taken, for the {} reasons above",
                        messages.len()
                    );
                }
                ExitCode::from(1)
            }
        },
        Command::Diff { from, to, format } => diff_command(&root, env, from, to, format),
        Command::Lints => {
            out_inline!("{}", crate::lints::catalogue_markdown());
            ExitCode::SUCCESS
        }
        Command::Fields => {
            out_inline!("{}", crate::model::reference::markdown());
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "roadbook",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Man { dir } => man_command(dir),
        Command::Check {
            format,
            deny_warnings,
            dest_dir,
        } => {
            let options = site::Options {
                dest_dir,
                ..Default::default()
            };
            check_command(
                &root,
                env,
                options,
                format,
                deny_warnings,
                (cli.quiet, cli.verbose),
            )
        }
        Command::Build {
            dest_dir,
            base_url,
            no_snapshots,
            timings,
        } => {
            if timings || cli.verbose {
                crate::base::heap::say_marks();
            }
            let args = BuildArgs {
                dest_dir,
                base_url,
                no_snapshots,
                timings,
            };
            build_command(&root, env, args, cli.quiet, cli.verbose)
        }
    }
}

/// The folder `init` works in: `roadbook --root X init` means X, like
/// every other command; both at once would leave one of them unheeded.
fn init_folder(dir: Option<PathBuf>, root_flag: Option<PathBuf>) -> Result<PathBuf, ExitCode> {
    if dir.is_some() && root_flag.is_some() {
        return Err(usage(
            "give the folder once: `roadbook init DIR` or `roadbook --root DIR init`",
        ));
    }
    Ok(dir.or(root_flag).unwrap_or_else(|| PathBuf::from(".")))
}

/// What `init` writes beside the example, or alone where a roadmap is.
enum Also {
    /// `--ci`: a pipeline that publishes the site.
    Pipeline(crate::init::Ci),
    /// `--theme`: the built-in theme, written out to be changed.
    Theme,
}

/// `roadbook init`: the example roadmap, scaffolded (and what `also` adds).
fn init_command(
    dir: Option<PathBuf>,
    force: bool,
    also: Option<Also>,
    root_flag: Option<PathBuf>,
    quiet: bool,
) -> ExitCode {
    let dir = match init_folder(dir, root_flag) {
        Ok(dir) => dir,
        Err(code) => return code,
    };
    if let Some(also) = also {
        // A roadmap already there gets it alone.
        if !dir.join(crate::config::FILE).is_file() {
            let code = init_command(Some(dir.clone()), force, None, None, quiet);
            if code != ExitCode::SUCCESS {
                return code;
            }
        }
        return match also {
            Also::Pipeline(ci) => write_pipeline(&dir, ci, quiet),
            Also::Theme => write_theme(&dir, quiet),
        };
    }
    // The example's dates are relative to today: SOURCE_DATE_EPOCH's, as
    // every other command takes it (a reproducible walk-through), else
    // the clock's.
    let Some(today) = Environment::from_process().real_today() else {
        say!("error: SOURCE_DATE_EPOCH is not a number of seconds of a date roadbook takes");
        return ExitCode::from(2);
    };
    match crate::init::scaffold(&dir, force, today) {
        Ok(done) if done.written == 0 => {
            if !quiet {
                say!(
                    "{} holds every file of the example already: nothing written",
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Ok(done) => {
            if !quiet {
                if !done.kept.is_empty() {
                    say!(
                        "Kept {} file{} already there: {}",
                        done.kept.len(),
                        if done.kept.len() == 1 { "" } else { "s" },
                        done.kept.join(", ")
                    );
                }
                // Made here (`init` or `init .`): nothing to change to.
                let here = std::env::current_dir()
                    .ok()
                    .zip(dir.canonicalize().ok())
                    .is_some_and(|(cwd, made)| cwd.canonicalize().is_ok_and(|c| c == made));
                let next = if here {
                    "roadbook build".to_string()
                } else {
                    format!("cd {} && roadbook build", dir.display())
                };
                say!(
                    "Created a roadmap in {} ({}). Next: {next}",
                    dir.display(),
                    crate::words::count(done.written, "file", "files"),
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!(
                "error: {}",
                crate::diag::terminal_safe(&e.to_string(), true)
            );
            ExitCode::from(1)
        }
    }
}

/// `init --ci`: the pipeline, written.
fn write_pipeline(dir: &Path, ci: crate::init::Ci, quiet: bool) -> ExitCode {
    match crate::init::pipeline(dir, ci) {
        Ok((path, when)) => {
            if !quiet {
                say!(
                    "Wrote {path}: it checks, builds and publishes the site {when} (the comments at its top say what to set up once)"
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `init --theme`: the built-in theme, written out.
fn write_theme(dir: &Path, quiet: bool) -> ExitCode {
    match crate::init::theme(dir) {
        Ok(done) => {
            let theme = display_path(&dir.join("themes").join("default"));
            if quiet {
            } else if done.written == 0 {
                say!("{theme} holds every theme file already: nothing written");
            } else {
                if !done.kept.is_empty() {
                    let shown: Vec<&str> = done.kept.iter().take(5).map(String::as_str).collect();
                    say!(
                        "Kept {} already there: {}{}",
                        crate::words::count(done.kept.len(), "theme file", "theme files"),
                        shown.join(", "),
                        if done.kept.len() > 5 { ", ..." } else { "" }
                    );
                }
                say!(
                    "Wrote {} to {theme}: change what you need and delete the rest, so that those follow roadbook's own updates (each file overrides the built-in one alone; docs/theming.md lists what each template receives)",
                    crate::words::count(done.written, "theme file", "theme files"),
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `roadbook diff`: two versions compared, as text or JSON.
fn diff_command(
    root: &Path,
    env: Environment,
    from: Option<String>,
    to: Option<String>,
    format: Format,
) -> ExitCode {
    // Any two versions can be compared, not only neighbours.
    let options = site::Options {
        keep_version_models: true,
        ..Default::default()
    };
    let loaded = match Site::new(root, env, options).load() {
        Ok(l) => l,
        Err(d) => {
            print_diags(&d, true);
            return ExitCode::from(1);
        }
    };
    // Git refusing the repository leaves no snapshot to compare: said as
    // the cause, not as "no snapshot yet".
    let unusable: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == crate::lints::GIT_UNUSABLE.code)
        .cloned()
        .collect();
    if !unusable.is_empty() {
        print_diags(&unusable, true);
        return ExitCode::from(1);
    }
    match crate::snapshot::diff(&loaded, from.as_deref(), to.as_deref()) {
        Ok(d) => {
            let bridge =
                crate::history::bridge_between(&loaded.history.budget_bridge, &d.from, &d.to);
            match format {
                Format::Json => {
                    // The bridge the text gives, under roadmap.json's name
                    // for it (from a trial: the JSON lacked it).
                    #[derive(serde::Serialize)]
                    struct DiffJson<'a> {
                        #[serde(flatten)]
                        diff: &'a crate::history::Diff,
                        budget_bridge: Option<&'a crate::history::BudgetStep>,
                    }
                    let doc = DiffJson {
                        diff: &d,
                        budget_bridge: bridge.as_ref(),
                    };
                    out!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default())
                }
                Format::Human => {
                    out_inline!(
                        "{}",
                        crate::diag::terminal_safe(
                            &diff_text::text(&d, &loaded.config.budget.currency, bridge.as_ref()),
                            true
                        )
                    )
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // A snapshot that does not load is left out of the
            // history: say why it is missing rather than that there
            // is none.
            let left_out: Vec<Diagnostic> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == crate::lints::SNAPSHOT.code)
                .cloned()
                .collect();
            // Nothing to compare with is the project's state, not a
            // wrong command line; a version name that is none is one.
            if left_out.is_empty() && e == crate::snapshot::NO_SNAPSHOT {
                say!("error: {e}");
                return ExitCode::from(1);
            }
            if left_out.is_empty() {
                return usage(&e);
            }
            print_diags(&left_out, true);
            say!(
                "error: {e}\nnote: a snapshot was left out because of the problem{} above",
                if left_out.len() == 1 { "" } else { "s" },
            );
            ExitCode::from(1)
        }
    }
}

/// `roadbook check`: every finding, grouped for people or one JSON object a line.
fn check_command(
    root: &Path,
    env: Environment,
    options: site::Options,
    format: Format,
    deny_warnings: bool,
    (quiet, verbose): (bool, bool),
) -> ExitCode {
    // Archived versions and history are checked too: a broken tag
    // or an unacknowledged slip should fail CI, not only show when
    // the site is built.
    // Said where a build folder is named (CI, holding a published site to
    // its record); without one, the next build says it starts a record.
    let named = options.dest_dir.is_some();
    let mut timings = Vec::new();
    let mut set_aside = 0;
    let (diags, unrecorded) = match Site::new(root, env, options).load() {
        Ok(l) => {
            let unrecorded = l
                .unrecorded
                .as_ref()
                .map(|site| (site.clone(), l.versions().len()));
            timings = l.timings;
            set_aside = l.set_aside;
            (l.diagnostics, unrecorded)
        }
        Err(d) => (d, None),
    };
    match format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in &diags {
                let _ = writeln!(out, "{}", d.to_json());
            }
        }
        // Quiet is for scripts: the errors alone, without headings.
        Format::Human if quiet => print_diags(&diags, false),
        Format::Human => print_grouped(&diags, true),
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    // Not an error: CI's first run, or a first publication, has no record.
    if let Some((site, versions)) = unrecorded.filter(|_| named && !quiet) {
        say!("note: {}", unrecorded_note(&site, versions));
    }
    // On stderr in every format: a script reading the JSON lines is told
    // too that warnings were left out (from a review).
    if set_aside > 0 && !quiet {
        say!("note: {}", set_aside_note(set_aside));
    }
    if matches!(format, Format::Human) && !quiet {
        say!("{}", crate::diag::summary(&diags));
        if errors == 0 && deny_warnings && warnings > 0 {
            say!("error: --deny-warnings makes the warnings fail the check");
        }
    }
    // As `build -v` prints its own (from a trial: `-v` said "stage
    // timings" and `check` printed none).
    if verbose && !timings.is_empty() {
        site::print_timings(&timings);
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What a check or build with book.toml in error left out (see
/// `site::Loaded::set_aside`).
fn set_aside_note(n: usize) -> String {
    format!(
        "{} left out: book.toml has errors, and what does not read was taken at its default (a misspelt `today` judges every date by the real clock); fix book.toml to see what the roadmap's own settings find",
        crate::words::count(n, "warning", "warnings")
    )
}

/// Why a build folder without a record of what a site there published
/// matters, and what to do (`check`): no archived version is held to it.
fn unrecorded_note(site: &Path, versions: usize) -> String {
    let versions = crate::words::count(versions, "archived version", "archived versions");
    let whose = if site.is_dir() {
        format!(
            "no record in {} of the snapshots a site there published (`{}`)",
            display_path(site),
            site::RECORD
        )
    } else {
        format!(
            "no build folder at {}, so no record of the snapshots a site there published",
            display_path(site)
        )
    };
    format!(
        "{whose} to hold the {versions} to: one rewritten since it was published (its tag moved, its folder edited) is not seen. If a site was published from this roadmap, put back the record its last build wrote (the recipes of `roadbook init --ci` add the live site's record to the cache's); else the next build starts one"
    )
}

/// What a build that started the record says: a first publication's, or
/// a lost one's, which it cannot tell apart.
fn record_started_note(site: &Path, versions: usize) -> String {
    let read = if versions == 1 {
        "it reads"
    } else {
        "they read"
    };
    let versions = crate::words::count(versions, "archived version", "archived versions");
    format!(
        "the record of the snapshots as published, with the {versions} as {read} now. If a site was published from this roadmap before, its record was not in {} (a fresh build folder, or a CI cache dropped): put it back and build again, or a quarter rewritten since it was published is not seen (the recipes of `roadbook init --ci` add the live site's record to the cache's)",
        display_path(site)
    )
}

/// `roadbook build`: the site, or the findings that stop it.
fn build_command(
    root: &Path,
    env: Environment,
    args: BuildArgs,
    quiet: bool,
    verbose: bool,
) -> ExitCode {
    let BuildArgs {
        dest_dir,
        base_url,
        no_snapshots,
        timings,
    } = args;
    use std::io::IsTerminal;
    let progress = Progress::start(!quiet && std::io::stderr().is_terminal());
    let options = site::Options {
        base_url,
        no_snapshots,
        dest_dir: dest_dir.clone(),
        ..Default::default()
    };
    let mut site = Site::new(root, env, options);
    let stage = progress.clone();
    site.on_stage(move |what| stage.stage(what));
    let mut loaded = match site.load() {
        Ok(l) => l,
        Err(d) => {
            progress.finish();
            print_diags(&d, true);
            // Stopped before the roadmap was read (book.toml does not
            // read, the content folder is missing), so where the site goes
            // is not known for sure: true of any site, wherever it is.
            say!("error: build failed before writing anything; a site built before is untouched");
            return ExitCode::from(1);
        }
    };
    let dest = match site.destination(&loaded.config, dest_dir) {
        Ok(d) => d,
        Err(e) => {
            progress.finish();
            say!("error: {}", crate::diag::terminal_safe(&e, true));
            return ExitCode::from(1);
        }
    };
    let kept = dest.kept();
    let errors = loaded.errors();
    if errors > 0 {
        progress.finish();
    }
    if quiet {
        print_diags(&loaded.diagnostics, false);
    } else {
        print_grouped(&loaded.diagnostics, verbose);
    }
    if errors > 0 {
        // What else was found stays in sight: the failed build's last
        // line named the errors alone, and the decisions waiting went
        // unsaid until they were fixed (from a trial).
        let others: Vec<crate::diag::Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .cloned()
            .collect();
        if !others.is_empty() && !quiet {
            say!(
                "note: besides the errors, {}",
                crate::diag::summary(&others)
            );
        }
        if loaded.set_aside > 0 && !quiet {
            say!("note: {}", set_aside_note(loaded.set_aside));
        }
        say!(
            "error: build failed with {errors} error{}; {kept}",
            plural(errors)
        );
        return ExitCode::from(1);
    }
    // What the summary line says of the findings: writing lets them go.
    let warnings = loaded.warnings();
    let summary = crate::diag::summary(&loaded.diagnostics);
    let result = site.write(&mut loaded, &dest);
    progress.finish();
    match result {
        Ok(built) => {
            if let Some(leftover) = &built.stats.leftover {
                say!("warning: {}", crate::diag::terminal_safe(leftover, true));
            }
            if !quiet {
                let hint = if warnings > 0 && !verbose {
                    " (see them with `roadbook check`)"
                } else {
                    ""
                };
                // A site built for a look at the working tree alone is no
                // quarter's site: said, as what it leaves out changes the
                // money and the findings (from a PMO's trial).
                if no_snapshots {
                    say!(
                        "note: built with --no-snapshots: the site has no archived versions and no history, and nothing the snapshots recorded is judged (slips, rises and cuts awaiting approval read as the plan; budgets as written, not as last approved): do not publish it as the roadmap"
                    );
                }
                if let Some(site) = &loaded.unrecorded {
                    if site.join(site::RECORD).is_file() {
                        say!(
                            "note: started {}: {}",
                            display_path(&site.join(site::RECORD)),
                            record_started_note(site, loaded.versions().len())
                        );
                    }
                }
                if let Some(note) = built.stats.kept_note(&display_path(&built.dest), verbose) {
                    say!("{note}");
                }
                // The summary stays the last line, as scripts read it.
                say!("{}", brief_line(&built.dest, &loaded.config.build.base_url));
                say!(
                    "Built {} pages into {} ({} written, {} unchanged); {}{hint}",
                    built.pages,
                    display_path(&built.dest),
                    built.stats.written,
                    built.stats.unchanged,
                    crate::words::lowercase_first(&summary).trim_end_matches('.'),
                );
            }
            if timings || verbose {
                crate::site::print_timings(&loaded.timings);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!(
                "error: {}",
                crate::diag::terminal_safe(&e.to_string(), true)
            );
            say!("{kept}");
            ExitCode::from(1)
        }
    }
}

/// Where the executive brief is, to send to leadership: its file, and its
/// address when the site's is known.
fn brief_line(dest: &Path, base_url: &str) -> String {
    let file = display_path(&dest.join("brief.html"));
    if base_url.is_empty() {
        return format!("The brief for leadership: {file}");
    }
    format!(
        "The brief for leadership: {file}, published at {}/brief.html",
        base_url.trim_end_matches('/')
    )
}

/// A one-line progress indicator on stderr, shown only when stderr is a
/// terminal and the build takes longer than a second.
#[derive(Clone)]
struct Progress {
    state: Option<std::sync::Arc<std::sync::Mutex<(String, bool)>>>,
}

impl Progress {
    fn start(enabled: bool) -> Progress {
        if !enabled {
            return Progress { state: None };
        }
        let state = std::sync::Arc::new(std::sync::Mutex::new((String::new(), false)));
        let shared = std::sync::Arc::clone(&state);
        let started = std::time::Instant::now();
        std::thread::spawn(move || {
            let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
            let mut i = 0;
            loop {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let Ok(guard) = shared.lock() else { return };
                if guard.1 {
                    return;
                }
                if started.elapsed().as_secs_f64() >= 1.0 {
                    say_inline!(
                        "\r\x1b[2K{} {} ({:.1} s)",
                        frames[i % frames.len()],
                        guard.0,
                        started.elapsed().as_secs_f64()
                    );
                    i += 1;
                }
            }
        });
        Progress { state: Some(state) }
    }

    fn stage(&self, what: &str) {
        if let Some(s) = &self.state {
            if let Ok(mut g) = s.lock() {
                g.0 = what.to_string();
            }
        }
    }

    fn finish(&self) {
        if let Some(s) = &self.state {
            if let Ok(mut g) = s.lock() {
                if !g.1 {
                    g.1 = true;
                    say_inline!("\r\x1b[2K");
                }
            }
        }
    }
}

fn usage(msg: &str) -> ExitCode {
    say!("error: {msg}");
    ExitCode::from(2)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `p` as the user can open it from where they ran the command: relative
/// to the current folder when it is under it, else whole (run from
/// `content/initiatives/`, `site/brief.html` named a file that is not there).
fn display_path(p: &Path) -> String {
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    here.ok()
        .and_then(|here| p.strip_prefix(here).ok().map(Path::to_path_buf))
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or_else(|| p.to_path_buf())
        .display()
        .to_string()
}

/// `--base-url URL`: absolute, as `[build] base-url` must be.
fn parse_base_url(url: &str) -> Result<String, String> {
    match crate::config::base_url_problem(url) {
        Some(why) => Err(format!("{why}; {}", crate::config::BASE_URL_HELP)),
        None => Ok(url.to_string()),
    }
}

/// `--allow-host NAME[:PORT]`: a host name or address as a `Host` header
/// would name it.
fn parse_allow_host(text: &str) -> Result<(String, Option<u16>), String> {
    crate::serve::parse_host(text).ok_or_else(|| {
        "not a host name: give a name or address, optionally with :PORT \
         (e.g. roadmap.internal or roadmap.internal:8080)"
            .to_string()
    })
}

/// The kinds `roadbook new` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Initiative,
    Outcome,
    Kpi,
    Team,
    Capability,
    Change,
    Review,
    Risk,
    Page,
    /// No kind of its own: refused with where a milestone is written (it
    /// was "invalid value 'milestone'": from a trial).
    #[value(hide = true)]
    Milestone,
}

/// Why `roadbook new milestone` writes nothing, and what does.
const NEW_MILESTONE: &str = "a milestone has no file of its own: write it in its initiative's, under `milestones:` (content/initiatives/ID.md: an `id`, a `title`, a `due` and its `criteria`; `roadbook new initiative ID` writes one with an example milestone)";

impl NewKind {
    /// The kind of item it writes; none for a milestone.
    fn kind(self) -> Option<crate::model::Kind> {
        use crate::model::Kind;
        Some(match self {
            NewKind::Initiative => Kind::Initiative,
            NewKind::Outcome => Kind::Outcome,
            NewKind::Kpi => Kind::Kpi,
            NewKind::Team => Kind::Team,
            NewKind::Capability => Kind::Capability,
            NewKind::Change => Kind::Change,
            NewKind::Review => Kind::Review,
            NewKind::Risk => Kind::Risk,
            NewKind::Page => Kind::Page,
            NewKind::Milestone => return None,
        })
    }
}

/// `roadbook man`: the manual page on stdout, or every command's in `dir`.
fn man_command(dir: Option<PathBuf>) -> ExitCode {
    use clap::CommandFactory;
    let written = match &dir {
        None => {
            let mut page = Vec::new();
            // As `--dir` writes them: no page for clap's `help`, which
            // `--dir` does not write (from a trial: SEE ALSO named it).
            let command = Cli::command().disable_help_subcommand(true);
            let rendered = clap_mangen::Man::new(command).render(&mut page);
            rendered.map(|()| {
                let _ = std::io::stdout().write_all(&page);
            })
        }
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir))
            .map(|()| say!("wrote the manual pages to {}", dir.display())),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("error: cannot write the manual page: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_a_terminal_unless_no_color_or_a_dumb_terminal() {
        let os = |s: &str| Some(std::ffi::OsString::from(s));
        assert!(auto_colour(true, None, os("xterm-256color")));
        assert!(!auto_colour(false, None, os("xterm")));
        assert!(!auto_colour(true, os("1"), os("xterm")));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(auto_colour(true, os(""), None));
        assert!(!auto_colour(true, None, os("dumb")));
    }
}

/// The hosts `init --ci` writes a pipeline for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CiHost {
    Github,
    Gitlab,
}

impl From<CiHost> for crate::init::Ci {
    fn from(host: CiHost) -> Self {
        match host {
            CiHost::Github => crate::init::Ci::Github,
            CiHost::Gitlab => crate::init::Ci::Gitlab,
        }
    }
}

/// `--budget-increase`: an amount in plain digits, as the field takes it
/// (`150,000` read as a number said only "invalid float literal").
fn plain_amount(text: &str) -> Result<f64, String> {
    text.trim().parse::<f64>().map_err(|_| {
        "write the amount in plain digits, with no separators, suffix or currency (`150000` for 150 thousand)".to_string()
    })
}
