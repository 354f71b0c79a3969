#!/usr/bin/env bash
# Installs this checkout's Python package `dhn` (analysis/) into Debian's /usr/bin/python3, the
# interpreter cmake takes as DHN_PYTHON (cmake/Dependencies.cmake), so that scripts, notebooks,
# pytest and `phase-diagram --plot` (python3 -m dhn.plot) all import it without a path.
# Run by scripts/install-deps.sh, hence by scripts/main-job.sh and scripts/test.sh; run it alone
# after editing analysis/python. Offline and idempotent: Debian's pip, setuptools and wheel
# (python3-pip), no build isolation and no dependencies from PyPI (they are the apt packages of
# install-deps.sh). Reinstalled on every run from a copy of analysis/ (the source tree stays
# clean), then checked: the dhn that /usr/bin/python3 imports must be this checkout's, file for
# file, so an install from another folder can never be what gets tested.
# Needs root (or sudo) like apt-get; exits non-zero when the install or the check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${DHN_PYTHON:-/usr/bin/python3}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r analysis/pyproject.toml analysis/python "$stage"/
$SUDO "$python" -m pip install --quiet --disable-pip-version-check --no-cache-dir --break-system-packages \
  --no-build-isolation --no-deps --no-index --force-reinstall --root-user-action=ignore "$stage"
installed=$(cd / && "$python" -c 'import dhn, os; print(os.path.dirname(dhn.__file__))')
if ! diff -rq -x __pycache__ analysis/python/dhn "$installed" >/dev/null; then
  echo "install-dhn: $python imports dhn from $installed, which differs from $(pwd)/analysis/python/dhn" >&2
  diff -rq -x __pycache__ analysis/python/dhn "$installed" >&2 || true
  exit 1
fi
echo "install-dhn: dhn from $(pwd)/analysis installed for $python ($installed)" >&2
