# TEST ONLY: runs a command in a real pseudo-terminal (as a person at a terminal would), types each
# line of $TYPED after each prompt (output ending in ':'), and prints everything the terminal showed.
# Exits with the command's exit status.
import os, pty, select, sys, time

args = sys.argv[1:]
typed = [line for line in os.environ['TYPED'].split('\n') if line]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(args[0], args)
shown = b''

def read_until(done, timeout):
    global shown
    end = time.time() + timeout
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        shown += chunk
        if done():
            return

for line in typed:
    before = len(shown)
    read_until(lambda: shown[before:].rstrip().endswith(b':'), 120)
    os.write(fd, line.encode('utf8') + b'\r')
read_until(lambda: False, 120)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(shown)
sys.exit(os.waitstatus_to_exitcode(status))
