"""Runs a command as a foreground job on a terminal, as a shell with job
control would: this process leads a new session whose controlling terminal
is the given pseudo-terminal, and the command runs in a process group of its
own, in the foreground. So keys such as Ctrl-C and Ctrl-Z signal the
command, and a stop (SIGTSTP) really stops it (a process group whose
parent is in the same session is not orphaned).

    python3 job_control.py TTY PIDFILE COMMAND...

Writes the command's process id to PIDFILE, and when it ends its status
(128 + N when signal N ended it) to PIDFILE.status; then keeps the terminal
(its session) until standard input closes, so that its settings can still
be read, and exits with that status."""

import os
import resource
import sys


def main():
    tty, pidfile, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    keep = os.dup(0)
    os.setsid()
    fd = os.open(tty, os.O_RDWR)  # the first terminal opened: the controlling one
    for std in (0, 1, 2):
        os.dup2(fd, std)
    pid = os.fork()
    if pid == 0:
        os.close(keep)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
        os.setpgid(0, 0)
        os.execvp(command[0], command)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child did it first
    os.tcsetpgrp(fd, pid)
    with open(pidfile + ".tmp", "w") as f:
        f.write(str(pid))
    os.rename(pidfile + ".tmp", pidfile)
    while True:
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            code = os.WEXITSTATUS(status)
            break
        if os.WIFSIGNALED(status):
            code = 128 + os.WTERMSIG(status)
            break
    with open(pidfile + ".tmp", "w") as f:
        f.write(str(code))
    os.rename(pidfile + ".tmp", pidfile + ".status")
    os.read(keep, 1)  # until the test has read the terminal's settings
    sys.exit(code)


main()
