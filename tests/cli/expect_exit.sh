#!/usr/bin/env bash
# expect_exit.sh CODE PATTERN ABSENT_FILE -- COMMAND...
# Runs COMMAND; passes when it exits with CODE, its stderr matches PATTERN (grep -E), and
# ABSENT_FILE (use "-" for none) does not exist afterwards: bad input must leave nothing behind.
set -u
expected=$1 pattern=$2 absent=$3
shift 3
[ "$1" = "--" ] && shift
err=$(mktemp)
"$@" 2>"$err" >/dev/null
code=$?
status=0
if [ "$code" -ne "$expected" ]; then
  echo "FAIL: exit code $code, expected $expected: $*"; status=1
fi
if ! grep -Eq -- "$pattern" "$err"; then
  echo "FAIL: stderr does not match '$pattern':"; cat "$err"; status=1
fi
if [ "$absent" != "-" ] && compgen -G "${absent}*" >/dev/null; then
  echo "FAIL: $absent (or a temporary of it) exists after a failed run"; status=1
fi
rm -f "$err"
exit $status
