//! Reading input files: the only place that opens them, and only for reading.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::checks::Code;
use crate::diagnostic::Diagnostic;

/// Files larger than this are refused before they are read.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// A file's text (without a byte-order mark) and the SHA-256 of its raw bytes.
#[derive(Debug)]
pub struct Text {
    pub text: Arc<str>,
    pub sha256: String,
}

/// Reads a file as UTF-8. Every failure is an `io::read` diagnostic naming the path.
pub fn read_text(path: &Path, shown: &str) -> Result<Text, Box<Diagnostic>> {
    let fail = |why: String| {
        Box::new(
            Diagnostic::new(Code::IoRead, format!("cannot read `{shown}`: {why}"))
                .with_help("check that the path names a readable UTF-8 file of at most 64 MiB"),
        )
    };
    // The path is looked at before it is opened: opening a FIFO blocks until a writer comes,
    // and reading a device may never end. The file is then opened without blocking and
    // looked at again through its handle, in case the path changed in between.
    let meta = std::fs::metadata(path).map_err(|e| fail(missing_reason(path, &e)))?;
    check_size(&meta).map_err(fail)?;
    let file = open_no_block(path).map_err(|e| fail(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| fail(io_reason(&e)))?;
    check_size(&meta).map_err(fail)?;
    // Read at most one byte past the limit, in case the file grew after `metadata`.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(fail("it is over the limit of 64 MiB".into()));
    }
    decode(bytes).map_err(fail)
}

/// Opens a file for reading; on Unix with `O_NONBLOCK`, so that a FIFO put in place of a
/// file after it was looked at cannot block the open (regular files ignore the flag).
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Why a path cannot be looked at: a link to nothing says so.
fn missing_reason(path: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return "it is a link to nothing (its target does not exist)".into();
    }
    io_reason(e)
}

/// A directory, anything else that is not a regular file (a FIFO, a socket, a device), or a
/// file over the limit is refused before it is read.
fn check_size(meta: &std::fs::Metadata) -> Result<(), String> {
    if meta.is_dir() {
        return Err("it is a directory, not a file".into());
    }
    if !meta.is_file() {
        return Err(format!("it is {}, not a regular file", kind_of(meta)));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(format!("it is {} bytes, over the limit of 64 MiB", meta.len()));
    }
    Ok(())
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
}

/// Decodes bytes read from anywhere (a file or standard input).
pub fn decode(bytes: Vec<u8>) -> Result<Text, String> {
    let sha256 = hex(&Sha256::digest(&bytes));
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(Text { text: Arc::from(text), sha256 })
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(format!("it is not UTF-8 (invalid byte at offset {at})"))
        }
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A path as shown in reports: as given, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}
