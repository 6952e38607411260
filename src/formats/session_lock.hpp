// One writer per session file. A session file is replaced on every save
// (atomic_file), so the lock cannot be on the file itself: it is an advisory
// lock (flock) on a lock file beside it, ".NAME.lock", which also holds the
// owner's process id, host and start time for the message a second writer
// gets. The kernel drops the lock when its process ends, however it ends, so
// a lock file left by a killed process is stale by construction and is
// simply taken over.
#pragma once

#include <string>
#include <vector>

namespace h2h::formats {

class SessionLock {
 public:
  // Takes the lock for writing `session_path`. Throws Error (exit 1) naming
  // the holder when another process writes that session, or when the lock
  // file cannot be made (the folder is not writable, ...).
  explicit SessionLock(const std::string& session_path);
  ~SessionLock();  // releases the lock and removes the lock file
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

  // The holder a stale lock file named (a process that ended without
  // releasing it), or empty.
  const std::string& stale_holder() const { return stale_; }

 private:
  std::string lock_path_;
  int fd_ = -1;
  std::string stale_;
};

// ".NAME.lock" beside the session file NAME.
std::string lock_path_for(const std::string& session_path);

// Removes the temporaries ".NAME.<16 hex digits>.tmp" that a save killed
// half-way left beside the session file (regular files of this user only).
// Call with the lock held, so that no save is under way. Returns the names
// removed.
std::vector<std::string> remove_stale_temporaries(const std::string& session_path);

}  // namespace h2h::formats
