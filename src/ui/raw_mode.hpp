// The terminal in raw mode for as long as a RawMode lives: keys arrive one
// by one without echo or line editing (Ctrl-C and Ctrl-Z still signal).
// Every way out gives the terminal back as it was found:
// - the destructor: a normal return, and an exception on its way to an
//   error message; and exit();
// - SIGINT, SIGTERM, SIGHUP: restored in the handler, then on to the handler
//   that was there before (h2h's own, which ends the session cleanly), or the
//   signal is raised again when there was none;
// - SIGTSTP (Ctrl-Z): restored, then the process stops; SIGCONT enters raw
//   mode again and asks for the screen to be drawn again (as does a resize);
// - SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL: restored before the
//   crash goes on as it would have (the handler before, or raised again).
// The handlers use only async-signal-safe calls.
#pragma once

namespace h2h::ui {

class RawMode {
 public:
  explicit RawMode(int fd);
  ~RawMode();
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

  // False when `fd` is not a terminal (nothing was changed).
  bool active() const { return active_; }

 private:
  bool active_ = false;
};

// Whether the screen must be drawn again (after SIGCONT or a resize);
// clears the request.
bool take_redraw_request();

}  // namespace h2h::ui
