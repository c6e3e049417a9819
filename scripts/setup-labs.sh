#!/usr/bin/env bash
# Installs what the bundled exercises' no-Docker steps use, so that `kit labs`
# can run every one of them (Debian/Ubuntu, amd64, as root). Not needed to
# build the kit. Safe to run again: it installs only what is missing.
# Steps whose programs are missing are reported as skipped, not failed.
set -euo pipefail

packages=(
  util-linux procps iproute2 libcap2-bin file    # namespaces, ps, ip, capsh, file
  busybox-static                                 # 06: minimal root filesystem and initramfs
  gcc libc6-dev ca-certificates tzdata           # 07: static vs dynamic binaries and what they find
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross     # 08: an arm64 binary (its libc: not pulled in without recommends)
  qemu-user-static                               # 08: run it through QEMU user mode
  qemu-system-x86 linux-image-cloud-amd64        # 06: boot a tiny VM with TCG
  python3-seccomp                                # 09: a seccomp filter from Python
  iputils-ping                                   # 10: ping between network namespaces
)

if ! command -v apt-get >/dev/null 2>&1 || [ "$(dpkg --print-architecture 2>/dev/null)" != amd64 ]; then
  echo "setup-labs: this script knows Debian/Ubuntu on amd64; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-labs: everything is installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup-labs: installing ${missing[*]} with apt-get"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-labs: done"
