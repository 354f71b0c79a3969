"""The bookkeeping the CLI check scripts share: a fresh work folder, a failure list, and running
a program with an expected exit code (a wrong code is a failure, with the program's stderr).
Imported by the scripts beside it (Python puts a script's own folder on its path)."""
import os
import shutil
import subprocess
import sys


class CliCheck:
    def __init__(self, root, name):
        self.workdir = os.path.join(root, name)
        shutil.rmtree(self.workdir, ignore_errors=True)
        os.makedirs(self.workdir)
        self.failures = []

    def path(self, name):
        return os.path.join(self.workdir, name)

    def run(self, *args, expect=0):
        r = subprocess.run(list(args), capture_output=True, text=True)
        if r.returncode != expect:
            self.fail(f"exit {r.returncode} (expected {expect}) for {' '.join(args)}:\n{r.stderr}")
        return r

    def fail(self, message):
        self.failures.append(message)

    def finish(self, passed):
        print("\n".join(self.failures) if self.failures else passed)
        sys.exit(1 if self.failures else 0)
