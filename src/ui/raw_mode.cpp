#include "ui/raw_mode.hpp"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

namespace h2h::ui {

namespace {

termios g_saved{};  // the terminal as it was found
termios g_raw{};
volatile std::sig_atomic_t g_fd = -1;  // the terminal in raw mode; -1: none
volatile std::sig_atomic_t g_redraw = 0;

constexpr int kPassOn[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int kCrash[] = {SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr int kMaxSignal = 65;
struct sigaction g_old[kMaxSignal];  // the handlers before ours
bool g_installed[kMaxSignal] = {};

void restore_now() {
  const int fd = g_fd;
  if (fd >= 0) tcsetattr(fd, TCSANOW, &g_saved);
}

void raise_default(int sig) {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
}

// On to what would have happened without us.
void pass_on(int sig, siginfo_t* info, void* context) {
  const struct sigaction& old = g_old[sig];
  if ((old.sa_flags & SA_SIGINFO) != 0) {
    if (old.sa_sigaction != nullptr) old.sa_sigaction(sig, info, context);
  } else if (old.sa_handler == SIG_DFL) {
    raise_default(sig);
  } else if (old.sa_handler != SIG_IGN) {
    old.sa_handler(sig);
  }
}

extern "C" void on_end(int sig, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  restore_now();
  pass_on(sig, info, context);
  errno = saved_errno;
}

extern "C" void on_continue(int) {
  const int saved_errno = errno;
  const int fd = g_fd;
  if (fd >= 0) tcsetattr(fd, TCSANOW, &g_raw);
  g_redraw = 1;
  errno = saved_errno;
}

void install(int sig, void (*handler)(int, siginfo_t*, void*));

extern "C" void on_stop(int sig, siginfo_t*, void*) {
  const int saved_errno = errno;
  restore_now();
  raise_default(sig);  // stops here until SIGCONT
  install(sig, on_stop);
  on_continue(SIGCONT);
  errno = saved_errno;
}

extern "C" void on_resize(int) {
  g_redraw = 1;
}

void install(int sig, void (*handler)(int, siginfo_t*, void*)) {
  struct sigaction action {};
  action.sa_sigaction = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO;  // no SA_RESTART: a blocked poll() returns
  sigaction(sig, &action, nullptr);
}

void install_plain(int sig, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(sig, &action, nullptr);
}

// Ours in place of the handler that was there, unless the signal was
// ignored (nohup, a shell without job control): then it stays ignored.
void take_over(int sig, void (*handler)(int, siginfo_t*, void*)) {
  sigaction(sig, nullptr, &g_old[sig]);
  if ((g_old[sig].sa_flags & SA_SIGINFO) == 0 && g_old[sig].sa_handler == SIG_IGN) return;
  g_installed[sig] = true;
  install(sig, handler);
}

void give_back() {
  for (int sig = 1; sig < kMaxSignal; ++sig)
    if (g_installed[sig]) {
      sigaction(sig, &g_old[sig], nullptr);
      g_installed[sig] = false;
    }
}

}  // namespace

RawMode::RawMode(int fd) {
  if (g_fd >= 0) return;  // one at a time
  if (!isatty(fd) || tcgetattr(fd, &g_saved) != 0) return;
  static const bool at_exit = [] {
    std::atexit([] { restore_now(); });
    return true;
  }();
  (void)at_exit;
  g_raw = g_saved;
  g_raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | IEXTEN);
  g_raw.c_iflag &= ~static_cast<tcflag_t>(ICRNL | IXON);
  g_raw.c_cc[VMIN] = 1;
  g_raw.c_cc[VTIME] = 0;
  for (int sig : kPassOn) take_over(sig, on_end);
  for (int sig : kCrash) take_over(sig, on_end);
  take_over(SIGTSTP, on_stop);
  sigaction(SIGCONT, nullptr, &g_old[SIGCONT]);
  g_installed[SIGCONT] = true;
  install_plain(SIGCONT, on_continue);
  sigaction(SIGWINCH, nullptr, &g_old[SIGWINCH]);
  g_installed[SIGWINCH] = true;
  install_plain(SIGWINCH, on_resize);
  g_fd = fd;
  if (tcsetattr(fd, TCSANOW, &g_raw) != 0) {
    g_fd = -1;
    give_back();
    return;
  }
  active_ = true;
}

RawMode::~RawMode() {
  if (!active_) return;
  const int fd = g_fd;
  g_fd = -1;  // from here on, no handler enters raw mode again
  tcsetattr(fd, TCSANOW, &g_saved);
  give_back();
}

bool take_redraw_request() {
  const bool asked = g_redraw != 0;
  g_redraw = 0;
  return asked;
}

}  // namespace h2h::ui
