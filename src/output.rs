//! Writing files: the only place that writes them (`check -o`, `merge -o`, `fmt`, `init`).
//!
//! A regular file (or a path that does not exist yet) is never written in place: the text
//! goes to a [`tempfile::NamedTempFile`] in the target's folder (a random name, created with
//! `O_EXCL`, so a link planted at a guessed name cannot redirect it), is synced, and is then
//! renamed over the target in one step. A reader sees the old file or the new one, never
//! a part. Before the rename the temporary file gets the mode (and, when allowed, the owner)
//! of the file it replaces; a new file gets `0666` less the umask, as any program's would.
//!
//! A target that is a symbolic link is written through: the link stays, its target gets the
//! new text. A target that exists and is not a regular file (a FIFO, a terminal, a device,
//! `/dev/stdout`) is opened and written in place, never replaced; so are `/dev/stdout`,
//! `/dev/stderr`, `/dev/fd/N` and paths under `/proc/`, which name open descriptors.
//!
//! No temporary file outlives the process: an error removes it, and the first write to a
//! file installs handlers for SIGINT, SIGTERM and SIGHUP that remove every temporary file
//! in flight and exit with 128 + the signal's number (130, 143, 129). SIGXFSZ (a file-size
//! limit) is caught too, so that the write fails with an error instead of killing charter.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// How an existing target is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Replace it (`check -o`, `merge -o`, `fmt`).
    Replace,
    /// Leave it as it is and report [`Written::Exists`] (`init`).
    CreateNew,
}

/// What [`Pending::commit`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Written,
    /// [`Mode::CreateNew`] found the target already there; nothing was written.
    Exists,
}

/// A write that failed, naming the path as the user gave it.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {shown}: {why}")]
pub struct WriteError {
    /// The path in backquotes, or `standard output`.
    pub shown: String,
    pub why: String,
}

/// A file being written: write to it, then [`Pending::commit`]. Dropped uncommitted, it
/// leaves the target as it was and no temporary file behind.
pub struct Pending {
    shown: String,
    sink: Sink,
}

enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    InPlace(std::io::BufWriter<std::fs::File>),
    Temp {
        out: std::io::BufWriter<InFlight>,
        target: PathBuf,
        mode: Mode,
    },
    /// `CreateNew` on a target that exists: nothing to write.
    Exists(std::io::Sink),
}

impl Pending {
    /// Standard output.
    pub fn stdout() -> Pending {
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        Pending { shown: "standard output".into(), sink: Sink::Stdout(out) }
    }

    /// Standard output for `None`, else the file: see [`Pending::file`].
    pub fn open(path: Option<&Path>) -> Result<Pending, WriteError> {
        path.map_or_else(|| Ok(Pending::stdout()), |p| Pending::file(p, Mode::Replace))
    }

    /// Prepares to write `path`: the temporary file is made now, so that a target that
    /// cannot be written fails before any work is done.
    pub fn file(path: &Path, mode: Mode) -> Result<Pending, WriteError> {
        let shown = format!("`{}`", crate::input::display_path(path));
        let fail = |why: String| WriteError { shown: shown.clone(), why };
        if mode == Mode::CreateNew && std::fs::symlink_metadata(path).is_ok() {
            return Ok(Pending { shown, sink: Sink::Exists(std::io::sink()) });
        }
        // `/dev/stdout` leads through `/proc/self/fd/1` to `pipe:[N]`: such links are
        // opened as they are, never followed by hand.
        let target = if is_descriptor(path) {
            path.to_path_buf()
        } else {
            resolve_links(path).map_err(|e| fail(reason(&e)))?
        };
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(fail("it is a folder".into()));
        }
        let in_place = existing.as_ref().is_some_and(|m| !m.is_file()) || is_descriptor(path);
        if in_place {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| fail(reason(&e)))?;
            return Ok(Pending { shown, sink: Sink::InPlace(std::io::BufWriter::new(file)) });
        }
        let temp = InFlight::new(&target, existing.as_ref()).map_err(|e| {
            let folder = folder_of(&target);
            if e.kind() == std::io::ErrorKind::NotFound {
                fail(format!("no folder `{}`", crate::input::display_path(folder)))
            } else {
                let folder = crate::input::display_path(folder);
                fail(format!("cannot create a file in `{folder}`: {}", reason(&e)))
            }
        })?;
        let out = std::io::BufWriter::new(temp);
        Ok(Pending { shown, sink: Sink::Temp { out, target, mode } })
    }

    /// Whether [`Mode::CreateNew`] found the target already there.
    pub fn exists(&self) -> bool {
        matches!(self.sink, Sink::Exists(_))
    }

    /// The writer: anything written to a target that [`Pending::exists`] is dropped.
    pub fn writer(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Stdout(out) => out,
            Sink::InPlace(out) => out,
            Sink::Temp { out, .. } => out,
            Sink::Exists(out) => out,
        }
    }

    /// Describes an error of [`Pending::writer`] as a [`WriteError`] naming the target.
    pub fn error(&self, e: &std::io::Error) -> WriteError {
        WriteError { shown: self.shown.clone(), why: reason(e) }
    }

    /// Finishes the write: flushes, syncs, and renames the temporary file into place.
    pub fn commit(self) -> Result<Written, WriteError> {
        let shown = self.shown;
        let fail = |e: &std::io::Error| WriteError { shown: shown.clone(), why: reason(e) };
        match self.sink {
            Sink::Stdout(mut out) => out.flush().map_err(|e| fail(&e)).map(|()| Written::Written),
            Sink::InPlace(mut out) => out.flush().map_err(|e| fail(&e)).map(|()| Written::Written),
            Sink::Exists(_) => Ok(Written::Exists),
            Sink::Temp { out, target, mode } => {
                let temp = out.into_inner().map_err(|e| fail(e.error()))?;
                temp.persist(&target, mode).map_err(|e| fail(&e))
            }
        }
    }
}

/// Writes `text` to standard output (`None`) or to a file, as [`Pending::open`].
pub fn write_text(path: Option<&Path>, text: &str) -> Result<(), WriteError> {
    let mut pending = Pending::open(path)?;
    if let Err(e) = pending.writer().write_all(text.as_bytes()) {
        return Err(pending.error(&e));
    }
    pending.commit().map(|_| ())
}

/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and anything under `/proc/` name open
/// descriptors: `/dev/stdout` may lead to a regular file (standard output redirected to
/// one), which must be written through the descriptor, not replaced.
fn is_descriptor(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
        || path == Path::new("/dev/stderr")
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc")
}

/// Follows the links of the last component (at most 40, as the kernel does): the file to
/// write, in the folder where its temporary file must be made.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&current)?;
                current = folder_of(&current).join(to);
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A temporary file registered with the signal handlers for as long as it exists.
struct InFlight {
    temp: Option<tempfile::NamedTempFile>,
}

/// The temporary files being written, for the signal handlers to remove.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

impl InFlight {
    fn new(target: &Path, existing: Option<&std::fs::Metadata>) -> std::io::Result<InFlight> {
        install_handlers();
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        // Registered while the lock is held, so that a signal between the creation and the
        // registration cannot miss it.
        let mut in_flight = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
        let temp = builder.tempfile_in(folder_of(target))?;
        in_flight.push(temp.path().to_path_buf());
        drop(in_flight);
        let flight = InFlight { temp: Some(temp) };
        if let (Some(meta), Some(temp)) = (existing, &flight.temp) {
            temp.as_file().set_permissions(meta.permissions())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                // Keeps the owner when allowed (run as root); otherwise the file is the
                // writer's, as any editor's save would make it.
                let _ =
                    std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
            }
        }
        Ok(flight)
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        self.temp
            .as_mut()
            .map(tempfile::NamedTempFile::as_file_mut)
            .ok_or_else(|| std::io::Error::other("the file was already written"))
    }

    fn persist(mut self, target: &Path, mode: Mode) -> std::io::Result<Written> {
        self.file()?.sync_all()?;
        let Some(temp) = self.temp.take() else {
            return Err(std::io::Error::other("the file was already written"));
        };
        let mut in_flight = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
        in_flight.retain(|p| p != temp.path());
        let done = match mode {
            Mode::Replace => temp.persist(target).map(|_| Written::Written),
            Mode::CreateNew => match temp.persist_noclobber(target) {
                Ok(_) => Ok(Written::Written),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    Ok(Written::Exists)
                }
                Err(e) => Err(e),
            },
        };
        // A failed persist hands the temporary file back; dropping it removes it.
        done.map_err(|e| e.error)
    }
}

impl Write for InFlight {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file()?.flush()
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let mut in_flight = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
            in_flight.retain(|p| p != temp.path());
            drop(temp);
        }
    }
}

/// Installs the signal handlers once (see the module's documentation).
fn install_handlers() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
            // A caught SIGXFSZ makes the write that passes the limit fail with EFBIG.
            let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let _ = signal_hook::flag::register(SIGXFSZ, flag);
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until exit: no rename can follow the removal.
                    let in_flight = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
                    for path in in_flight.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}
