#!/usr/bin/env bash
# Installs the Debian 12 packages the suite builds and tests with (shared/docs/toolchain.md §1),
# then this checkout's Python package dhn (scripts/install-dhn.sh, on every run).
# Skips apt-get when everything is already present; needs root otherwise.
set -euo pipefail
packages=(cmake ninja-build g++ git pkg-config
  libeigen3-dev libboost-dev libgsl-dev libhdf5-dev hdf5-tools
  catch2 libcli11-dev libfmt-dev nlohmann-json3-dev librandom123-dev libtomlplusplus-dev
  openmpi-bin libopenmpi-dev
  python3-h5py python3-numpy python3-matplotlib python3-pytest
  jupyter-nbconvert python3-nbclient python3-nbformat python3-ipykernel
  python3-pip python3-setuptools python3-wheel)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$(dirname "$0")/install-dhn.sh"
