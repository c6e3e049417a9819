/**
 * The fixed part of the learner's preflight script: POSIX sh (dash, bash,
 * busybox ash), one function per kind of check. It holds no content and no
 * words: every sentence it prints is an `m_…` function the renderer writes
 * from the workshop's catalogue, every value from content arrives quoted as
 * an argument, and fix commands are chosen by the distribution found in
 * /etc/os-release. Written without `${`, backquotes or here-documents so it
 * sits in a raw template string as the shell reads it.
 *
 * Output: one line per check (OK, FAIL for a blocker, WARN for the rest,
 * then what is wrong and the fix), a summary, exit status 1 when a blocker
 * failed. With KIT_PREFLIGHT=machine: only `ID<TAB>pass|fail|skip<TAB>blocker|warning`
 * lines, for `kit labs`, and the same exit status.
 */
export const PREFLIGHT_LIBRARY = String.raw`
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
export PATH
machine=''
[ "$KIT_PREFLIGHT" = machine ] && machine=1
c_ok='' c_fail='' c_warn='' c_off=''
if [ -z "$machine" ] && [ -t 1 ] && [ -z "$NO_COLOR" ]; then
  c_ok=$(printf '\033[32m') c_fail=$(printf '\033[31m') c_warn=$(printf '\033[33m') c_off=$(printf '\033[0m')
fi
blocked=0
warned=0
docker_ok=''
v_exercises='' v_command='' v_user='' v_group='' v_version='' v_wanted='' v_error='' v_free='' v_want='' v_dir='' v_program='' v_file='' v_image='' v_fix='' v_requirement=''

# The system, and its family of distributions for the fix commands.
kernel=$(uname -s 2>/dev/null)
v_system=$kernel
family=''
if [ "$kernel" = Linux ]; then
  if [ -r /etc/os-release ]; then
    v_system=$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"')
    os_ids=" $(sed -n 's/^ID=//p; s/^ID_LIKE=//p' /etc/os-release | tr -d '"' | tr '\n' ' ') "
    case "$os_ids" in
      *" debian "* | *" ubuntu "*) family=deb ;;
      *" fedora "* | *" rhel "* | *" centos "*) family=rpm ;;
      *" arch "*) family=arch ;;
      *" suse "* | *" opensuse "*) family=suse ;;
    esac
  fi
  [ -n "$v_system" ] || v_system=Linux
else
  case "$kernel" in
    Darwin) v_system=macOS ;;
    MINGW* | MSYS* | CYGWIN*) v_system=Windows ;;
  esac
fi

# pick DEB RPM ARCH SUSE: the argument for this machine's family (empty when unknown).
pick() {
  case "$family" in
    deb) printf '%s' "$1" ;;
    rpm) printf '%s' "$2" ;;
    arch) printf '%s' "$3" ;;
    suse) printf '%s' "$4" ;;
  esac
}

# used_by TITLES: the exercises named under the next failed check.
used_by() { v_exercises=$1; }

# result ID SEVERITY VERDICT TITLE [DETAIL [FIX]]; VERDICT is pass, fail or skip.
result() {
  if [ "$3" = fail ] && [ "$2" = blocker ]; then blocked=$((blocked + 1)); elif [ "$3" != pass ]; then warned=$((warned + 1)); fi
  if [ -n "$machine" ]; then
    printf '%s\t%s\t%s\n' "$1" "$3" "$2"
    return
  fi
  if [ "$3" = pass ]; then
    printf '  %s%s%s  %s\n' "$c_ok" "$(m_label_pass)" "$c_off" "$4"
  elif [ "$3" = fail ] && [ "$2" = blocker ]; then
    printf '  %s%s%s  %s\n' "$c_fail" "$(m_label_fail)" "$c_off" "$4"
  elif [ "$3" = fail ]; then
    printf '  %s%s%s  %s\n' "$c_warn" "$(m_label_warn)" "$c_off" "$4"
  else
    printf '  %s%s%s  %s\n' "$c_warn" "$(m_label_skip)" "$c_off" "$4"
  fi
  [ -z "$5" ] || printf '%s%s\n' "$indent" "$5"
  if [ -n "$6" ]; then
    v_fix=$6
    printf '%s%s\n' "$indent" "$(m_fixLine)"
  fi
  if [ "$3" != pass ] && [ -n "$v_exercises" ]; then printf '%s%s\n' "$indent" "$(m_usedBy)"; fi
}

is_linux() { [ "$kernel" = Linux ]; }

# in_group NAME: whether the user running the script is in that group.
in_group() { id -Gn 2>/dev/null | tr ' ' '\n' | grep -qx "$1"; }

# install_fix COMMANDS...: the fix line for "i:install" or "f:find" commands per family.
install_fix() {
  v_command=$(pick "$1" "$2" "$3" "$4")
  case "$v_command" in
    i:*) v_command=$(printf '%s' "$v_command" | cut -c3-); m_command_fixInstall ;;
    f:*) v_command=$(printf '%s' "$v_command" | cut -c3-); m_command_fixFind ;;
    *) m_command_fixUnknown ;;
  esac
}

check_linux() {
  if is_linux; then result linux "$1" pass "$(m_linux_title)"; else result linux "$1" fail "$(m_linux_title)" "$(m_linux_other)" "$(m_linux_fix)"; fi
}

check_root() {
  t=$(m_root_title)
  if ! is_linux; then result root "$1" fail "$t" "$(m_needsLinux)"; return; fi
  if [ "$(id -u)" = 0 ]; then result root "$1" pass "$t" "$(m_root_isRoot)"; return; fi
  v_group=$(pick sudo wheel wheel wheel)
  [ -n "$v_group" ] || v_group=sudo
  if ! command -v sudo >/dev/null 2>&1; then
    v_command=$(pick "su -c 'apt install sudo'" "su -c 'dnf install sudo'" "su -c 'pacman -S sudo'" "su -c 'zypper install sudo'")
    [ -n "$v_command" ] || v_command="su -c '... install sudo'"
    result root "$1" fail "$t" "$(m_root_noSudo)" "$(m_root_fixInstall)"
    return
  fi
  if sudo -n true 2>/dev/null; then result root "$1" pass "$t" "$(m_root_sudo)"; return; fi
  for g in sudo wheel admin; do
    if in_group "$g"; then
      v_group=$g
      result root "$1" pass "$t" "$(m_root_sudoPassword)"
      return
    fi
  done
  v_command="su -c 'usermod -aG $v_group $(id -un)'"
  result root "$1" fail "$t" "$(m_root_none)" "$(m_root_fixGroup)"
}

# The probe: a user namespace where this user is root, and a mount in it
# (a capability that Ubuntu's AppArmor restrictions take away).
userns_probe() {
  (cd / && "$@" unshare --user --map-root-user --mount mount -t tmpfs kit-preflight /tmp 2>&1)
}

check_userns() {
  t=$(m_userns_title)
  if ! is_linux; then result userns "$1" fail "$t" "$(m_needsLinux)"; return; fi
  if ! command -v unshare >/dev/null 2>&1; then
    v_program=unshare
    result userns "$1" fail "$t" "$(m_command_missing)" "$(install_fix 'i:sudo apt install util-linux' 'i:sudo dnf install util-linux' 'i:sudo pacman -S util-linux' 'i:sudo zypper install util-linux')"
    return
  fi
  as_root='' note=''
  if [ "$(id -u)" = 0 ]; then
    uid=$SUDO_UID gid=$SUDO_GID
    [ -n "$uid" ] || uid=65534
    [ -n "$gid" ] || gid=65534
    if command -v setpriv >/dev/null 2>&1 && setpriv --reuid="$uid" --regid="$gid" --clear-groups true 2>/dev/null; then
      out=$(userns_probe setpriv --reuid="$uid" --regid="$gid" --clear-groups)
      rc=$?
      v_user="uid $uid"
      note=$(m_userns_asUser)
    else
      out=$(userns_probe)
      rc=$?
      as_root=1
    fi
  else
    out=$(userns_probe)
    rc=$?
  fi
  if [ "$rc" = 0 ] && [ -n "$as_root" ]; then result userns "$1" skip "$t" "$(m_userns_asRoot)"; return; fi
  if [ "$rc" = 0 ]; then result userns "$1" pass "$t" "$note"; return; fi
  userns_diagnosis "$1" "$t" "$out"
}

# userns_diagnosis SEVERITY TITLE OUTPUT: why the probe failed, from the sysctls that refuse it.
userns_diagnosis() {
  v_error=$(printf '%s\n' "$3" | head -n 1)
  max=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)
  clone=$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null)
  apparmor=$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)
  profile=/etc/apparmor.d/unshare-userns-restrict
  if [ "$max" = 0 ]; then
    v_command="sudo sysctl -w user.max_user_namespaces=10000 && echo user.max_user_namespaces=10000 | sudo tee /etc/sysctl.d/90-userns.conf"
    result userns "$1" fail "$2" "$(m_userns_maxZero)" "$(m_userns_maxFix)"
  elif [ "$clone" = 0 ]; then
    v_command="sudo sysctl -w kernel.unprivileged_userns_clone=1"
    result userns "$1" fail "$2" "$(m_userns_cloneZero)" "$(m_userns_cloneFix)"
  elif [ "$apparmor" = 1 ]; then
    v_command="sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
    [ ! -e "$profile" ] || v_command="$v_command && sudo apparmor_parser -R $profile"
    result userns "$1" fail "$2" "$(m_userns_apparmor)" "$(m_userns_apparmorFix)"
  elif [ -e "$profile" ]; then
    v_command="sudo apparmor_parser -R $profile"
    result userns "$1" fail "$2" "$(m_userns_profile)" "$(m_userns_profileFix)"
  elif [ -e /.dockerenv ] || [ -e /run/.containerenv ]; then
    result userns "$1" fail "$2" "$(m_userns_container)" "$(m_userns_containerFix)"
  else
    result userns "$1" fail "$2" "$(m_userns_other)" "$(m_userns_otherFix)"
  fi
}

# check_cgroup SEVERITY "v1 v2": passes with any of the versions named.
check_cgroup() {
  v_wanted=$(printf '%s' "$2" | sed 's/ / \/ /g')
  t=$(m_cgroup_title)
  if ! is_linux; then result cgroup "$1" fail "$t" "$(m_needsLinux)"; return; fi
  case "$(stat -fc %T /sys/fs/cgroup 2>/dev/null)" in
    cgroup2fs) v_version=v2 ;;
    '') result cgroup "$1" fail "$t" "$(m_cgroup_none)"; return ;;
    *) v_version=v1 ;;
  esac
  case " $2 " in
    *" $v_version "*) result cgroup "$1" pass "$t" "$(m_cgroup_found)" ;;
    *" v2 "*)
      v_command=systemd.unified_cgroup_hierarchy=1
      result cgroup "$1" fail "$t" "$(m_cgroup_wrong)" "$(m_cgroup_fixV2)"
      ;;
    *) result cgroup "$1" fail "$t" "$(m_cgroup_wrong)" "$(m_cgroup_fixV1)" ;;
  esac
}

check_kvm() {
  t=$(m_kvm_title)
  if ! is_linux; then result kvm "$1" fail "$t" "$(m_needsLinux)"; return; fi
  if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then result kvm "$1" pass "$t"; return; fi
  if [ -e /dev/kvm ]; then
    v_command='sudo usermod -aG kvm "$USER"'
    result kvm "$1" fail "$t" "$(m_kvm_denied)" "$(m_kvm_fixDenied)"
  else
    result kvm "$1" fail "$t" "$(m_kvm_missing)" "$(m_kvm_fixMissing)"
  fi
}

check_swap() {
  t=$(m_swap_title)
  if ! is_linux; then result swap "$1" fail "$t" "$(m_needsLinux)"; return; fi
  swaps=$(wc -l 2>/dev/null </proc/swaps)
  if [ -n "$swaps" ] && [ "$swaps" -gt 1 ]; then result swap "$1" pass "$t"; return; fi
  v_command='sudo fallocate -l 1G /swapfile && sudo chmod 600 /swapfile && sudo mkswap /swapfile && sudo swapon /swapfile'
  result swap "$1" fail "$t" "$(m_swap_missing)" "$(m_swap_fix)"
}

# with_timeout SECONDS COMMAND...: coreutils timeout where there is one.
with_timeout() {
  if command -v timeout >/dev/null 2>&1; then timeout "$@"; else shift; "$@"; fi
}

check_docker() {
  t=$(m_docker_title)
  if ! command -v docker >/dev/null 2>&1; then
    if ! is_linux; then fix=$(m_docker_fixDesktop); else
      v_command=$(pick 'sudo apt install docker.io' 'sudo dnf install moby-engine' 'sudo pacman -S docker' 'sudo zypper install docker')
      if [ -n "$v_command" ]; then fix=$(m_docker_fixInstall); else fix=$(m_docker_fixEngine); fi
    fi
    result docker "$1" fail "$t" "$(m_docker_missing)" "$fix"
    return
  fi
  out=$(with_timeout 20 docker version --format '{{.Server.Version}}' 2>&1)
  rc=$?
  if [ "$rc" = 0 ] && [ -n "$out" ]; then
    v_version=$(printf '%s\n' "$out" | head -n 1)
    docker_ok=1
    result docker "$1" pass "$t" "$(m_docker_found)"
  elif printf '%s' "$out" | grep -qi 'permission denied'; then
    v_command='sudo usermod -aG docker "$USER"'
    result docker "$1" fail "$t" "$(m_docker_denied)" "$(m_docker_fixDenied)"
  elif ! is_linux; then
    result docker "$1" fail "$t" "$(m_docker_down)" "$(m_docker_fixDesktop)"
  else
    v_command='sudo systemctl start docker'
    result docker "$1" fail "$t" "$(m_docker_down)" "$(m_docker_fixDown)"
  fi
}

# check_command ID SEVERITY PROGRAM FIX_DEB FIX_RPM FIX_ARCH FIX_SUSE
check_command() {
  v_program=$3
  t=$(m_command_title)
  if ! is_linux; then result "$1" "$2" fail "$t" "$(m_needsLinux)"; return; fi
  if command -v "$3" >/dev/null 2>&1; then result "$1" "$2" pass "$t"; return; fi
  result "$1" "$2" fail "$t" "$(m_command_missing)" "$(install_fix "$4" "$5" "$6" "$7")"
}

# first_existing PATH...: the first of the (glob-expanded) paths that exists; . and .. are no files.
first_existing() {
  for f in "$@"; do
    case "$f" in */. | */..) continue ;; esac
    if [ -e "$f" ]; then
      printf '%s' "$f"
      return
    fi
  done
}

# check_file ID SEVERITY PATTERN FOUND FIX_DEB FIX_RPM FIX_ARCH FIX_SUSE
check_file() {
  v_file=$3
  t=$(m_file_title)
  if ! is_linux; then result "$1" "$2" fail "$t" "$(m_needsLinux)"; return; fi
  if [ -n "$4" ]; then result "$1" "$2" pass "$t"; return; fi
  result "$1" "$2" fail "$t" "$(m_file_missing)" "$(install_fix "$5" "$6" "$7" "$8")"
}

# check_kernel ID SEVERITY PATTERN FOUND
check_kernel() {
  v_file=$3
  t=$(m_kernel_title)
  if ! is_linux; then result "$1" "$2" fail "$t" "$(m_needsLinux)"; return; fi
  if [ -n "$4" ]; then result "$1" "$2" pass "$t"; return; fi
  result "$1" "$2" fail "$t" "$(m_kernel_missing)" "$(m_kernel_fix)"
}

# check_image ID SEVERITY IMAGE: pulled already (needs a Docker daemon, checked before).
check_image() {
  v_image=$3
  t=$(m_image_title)
  if [ -z "$docker_ok" ]; then result "$1" "$2" skip "$t" "$(m_image_noDocker)"; return; fi
  if docker image inspect "$3" >/dev/null 2>&1; then result "$1" "$2" pass "$t"; return; fi
  v_command="docker pull $3"
  result "$1" "$2" fail "$t" "$(m_image_missing)" "$(m_image_fix)"
}

# check_disk ID SEVERITY home|docker MEGABYTES
check_disk() {
  if [ "$3" = docker ]; then
    v_dir=''
    [ -z "$docker_ok" ] || v_dir=$(docker info --format '{{.DockerRootDir}}' 2>/dev/null)
    [ -n "$v_dir" ] || v_dir=/var/lib/docker
  else
    v_dir=$HOME
    [ -n "$v_dir" ] || v_dir=/tmp
  fi
  t=$(m_disk_title)
  at=$v_dir
  while [ ! -e "$at" ] && [ "$at" != / ]; do at=$(dirname "$at"); done
  v_free=$(df -Pk "$at" 2>/dev/null | awk 'NR == 2 { print int($4 / 1024) }')
  v_want=$4
  if [ -z "$v_free" ]; then result "$1" "$2" skip "$t"; return; fi
  if [ "$v_free" -ge "$4" ]; then result "$1" "$2" pass "$t" "$(m_disk_free)"; return; fi
  result "$1" "$2" fail "$t" "$(m_disk_low)" "$(m_disk_fix)"
}
`

/** Ends the script: the summary, and exit status 1 when a blocker failed. */
export const PREFLIGHT_END = String.raw`
if [ -z "$machine" ]; then
  echo
  if [ "$blocked" -gt 0 ]; then
    printf '%s%s%s\n' "$c_fail" "$(m_summary_blocked)" "$c_off"
  elif [ "$warned" -gt 0 ]; then
    printf '%s%s%s\n' "$c_warn" "$(m_summary_warnings)" "$c_off"
  else
    printf '%s%s%s\n' "$c_ok" "$(m_summary_ready)" "$c_off"
  fi
fi
[ "$blocked" -eq 0 ]
`

/**
 * Every message the library prints (`m_userns_maxZero` prints
 * `preflight.userns.maxZero`), and the `v_…` variables messages may name as
 * `{placeholders}`.
 */
export const PREFLIGHT_MESSAGE_KEYS = [
  'header.title',
  'header.usage',
  'header.system',
  'header.notChecked',
  'label.pass',
  'label.fail',
  'label.warn',
  'label.skip',
  'fixLine',
  'usedBy',
  'needsLinux',
  'linux.title',
  'linux.other',
  'linux.fix',
  'root.title',
  'root.isRoot',
  'root.sudo',
  'root.sudoPassword',
  'root.none',
  'root.noSudo',
  'root.fixGroup',
  'root.fixInstall',
  'userns.title',
  'userns.asUser',
  'userns.asRoot',
  'userns.maxZero',
  'userns.maxFix',
  'userns.cloneZero',
  'userns.cloneFix',
  'userns.apparmor',
  'userns.apparmorFix',
  'userns.profile',
  'userns.profileFix',
  'userns.container',
  'userns.containerFix',
  'userns.other',
  'userns.otherFix',
  'cgroup.title',
  'cgroup.found',
  'cgroup.none',
  'cgroup.wrong',
  'cgroup.fixV2',
  'cgroup.fixV1',
  'kvm.title',
  'kvm.denied',
  'kvm.fixDenied',
  'kvm.missing',
  'kvm.fixMissing',
  'swap.title',
  'swap.missing',
  'swap.fix',
  'docker.title',
  'docker.found',
  'docker.missing',
  'docker.fixInstall',
  'docker.fixDesktop',
  'docker.fixEngine',
  'docker.denied',
  'docker.fixDenied',
  'docker.down',
  'docker.fixDown',
  'command.title',
  'command.missing',
  'command.fixInstall',
  'command.fixFind',
  'command.fixUnknown',
  'file.title',
  'file.missing',
  'kernel.title',
  'kernel.missing',
  'kernel.fix',
  'image.title',
  'image.missing',
  'image.fix',
  'image.noDocker',
  'disk.title',
  'disk.free',
  'disk.low',
  'disk.fix',
  'summary.ready',
  'summary.warnings',
  'summary.blocked',
] as const

/** The runtime values a message may name: `{command}` prints `$v_command`. */
export const PREFLIGHT_VARIABLES = [
  'workshop',
  'edition',
  'system',
  'requirement',
  'exercises',
  'fix',
  'command',
  'user',
  'group',
  'version',
  'wanted',
  'error',
  'free',
  'want',
  'dir',
  'program',
  'file',
  'image',
] as const
