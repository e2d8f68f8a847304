//! Panics, ours or a dependency's, end as errors that say where they happened, not
//! as a raw backtrace: the hook records the place and the message, and the command
//! that catches the panic reports them with its own words (`build` names the stage).
//! `BRIEFINGS_BACKTRACE=1` prints the usual panic report as well, for debugging.

use std::sync::Mutex;

static LAST: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the default hook (which prints "thread 'main' panicked at ...").
pub fn install_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("a panic with no message");
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" (at {}:{})", l.file(), l.line()));
        *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{message}{place}"));
        if std::env::var_os("BRIEFINGS_BACKTRACE").is_some() {
            default(info);
        }
    }));
}

/// The last panic's message and place, when the hook is installed.
pub fn last() -> Option<String> {
    LAST.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
