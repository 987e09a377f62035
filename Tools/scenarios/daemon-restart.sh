#!/usr/bin/env bash
# A daemon restart on an emulated NIC loses no packet and touches no rule.
#
# eswitchd runs on an emulated ConnectX-6 Dx whose emulator is a process of its own
# (`eswitch-hil sim serve`, started by the daemon, found again through the state directory) with its
# VFs backed by veths into two "VM" network namespaces. The session loads an intent, plugs two VMs
# through eswitch-hook (the calls libvirt makes, with each domain's XML on stdin: their NICs are VFs
# of the emulated NIC, which no real QEMU can be given), starts a third VM with a TAP NIC under a
# real libvirtd with the hook installed, shows the ports with their rules in hardware, pings from
# one VM to the other, kills the daemon with SIGKILL during the ping and starts it again. It then
# checks, and prints as the last line (RESULT key=value...):
#   - the restarted daemon adopted every filter and added or deleted none (status -j reconcile);
#   - ping lost nothing (its summary);
#   - the rules' hardware counters grew while the daemon was down and across the restart;
#   - the libvirt VM is plugged through the real hook, kept across the restart and unplugged when
#     libvirt stops it.
# Everything it made (daemon, emulator, namespaces, libvirtd, hook, files) is removed or put back
# on exit, also on failure.
#
# Usage: Tools/scenarios/daemon-restart.sh   (as root; after `swift build`)
# Environment: ESWITCH_BIN (directory of the executables, default .build/debug of this checkout),
# PING_SECONDS (length of the ping, default 12), KEEP=1 keeps the work directory, LIBVIRT=0 leaves
# out the libvirt VM (it needs libvirtd and virtlogd, and no other libvirtd running: it starts its
# own and installs the hook, holding /run/lock/eswitch-libvirt-test.lock like the hook's tests).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scenario=$repo/Tools/scenarios
bin=${ESWITCH_BIN:-$repo/.build/debug}
ping_seconds=${PING_SECONDS:-12}
profile=connectx-6dx
tag=eswr$$
work=$(mktemp -d "/tmp/$tag.XXXX")
state=$work/state
emulator_state=$state/sim
socket=$work/rw.sock
node_ns=$tag-node
vm_prefix=$tag-
daemon_pid=""
ping_pid=""
with_libvirt=${LIBVIRT:-1}
libvirt_domain=$tag-vm-c
libvirt_tap=${tag}c
libvirt_state=()   # what start_libvirt did, for stop_libvirt (started:NAME:PIDFILE, backup:FILE, ...)

say() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
fail() { echo "daemon-restart: $*" >&2; exit 1; }

cleanup() {
  local status=$?
  # Every step is tried whatever the one before gave (errexit would end the clean-up early).
  set +e
  trap - EXIT INT TERM
  [ -n "$ping_pid" ] && kill "$ping_pid" 2>/dev/null && wait "$ping_pid" 2>/dev/null
  stop_libvirt
  if [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null; then
    wait "$daemon_pid" 2>/dev/null || true
  fi
  # The emulator removes the devices and namespaces it made; anything of ours left goes too.
  "$bin/eswitch-hil" sim stop --state "$emulator_state" >/dev/null 2>&1 || true
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$tag-" || true); do ip netns delete "$ns" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "daemon-restart: failed; the daemon's and the emulator's last lines:" >&2
    tail -n 15 "$work"/eswitchd-*.log "$emulator_state/sim.log" >&2 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || fail "needs root (network namespaces)"
for tool in eswitchd eswitchctl eswitch-hook eswitch-hil; do
  [ -x "$bin/$tool" ] || fail "$bin/$tool is missing (swift build)"
done
for tool in jq ping ip; do command -v "$tool" >/dev/null || fail "$tool is missing (Tools/bootstrap)"; done

ctl() { "$bin/eswitchctl" --socket "$socket" "$@"; }

# --- a real libvirtd with eswitch-hook installed, configured to call this session's daemon ---
hook_conf=/etc/eswitch/hook.conf
hook_path=/etc/libvirt/hooks/qemu.d/eswitch
live_pid() {  # the pid in a pid file, when that process runs (and is not a zombie)
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -e "/proc/$pid" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$pid/stat" && echo "$pid"
}
set_aside() {  # moves an existing file aside, to be put back by stop_libvirt
  if [ -e "$1" ] || [ -L "$1" ]; then mv "$1" "$1.$tag"; libvirt_state+=("backup:$1"); fi
}
start_background() {  # NAME: starts /usr/sbin/NAME -d with no descriptor of ours but its log
  ( for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done
    exec "/usr/sbin/$1" -d ) </dev/null >>"$work/$1.out" 2>&1 || fail "$1 -d failed: $(tail -n 3 "$work/$1.out")"
  for _ in $(seq 1 100); do live_pid "/run/$1.pid" >/dev/null && break; sleep 0.05; done
  live_pid "/run/$1.pid" >/dev/null || fail "$1 wrote no live pid to /run/$1.pid"
  libvirt_state+=("started:$1")
}
start_libvirt() {
  for program in /usr/sbin/libvirtd /usr/sbin/virtlogd /usr/bin/virsh; do
    [ -x "$program" ] || fail "$program is missing (Tools/bootstrap; or LIBVIRT=0)"
  done
  exec {libvirt_lock}>/run/lock/eswitch-libvirt-test.lock
  flock "$libvirt_lock"
  libvirt_state+=("locked")
  local running
  if running=$(live_pid /run/libvirtd.pid); then fail "another libvirtd (pid $running) is running; it would not load the hook (stop it, or LIBVIRT=0)"; fi
  [ -d /etc/eswitch ] || { mkdir /etc/eswitch; libvirt_state+=("made:/etc/eswitch"); }
  set_aside "$hook_conf"
  printf 'socket: %s\ntimeout: 5\nplug_timeout: 30\nlog_file: %s\n' "$socket" "$work/hook.log" > "$hook_conf"
  libvirt_state+=("wrote:$hook_conf")
  set_aside "$hook_path"
  "$repo/Tools/install-hook" --binary "$bin/eswitch-hook" >/dev/null
  libvirt_state+=("wrote:$hook_path")
  live_pid /run/virtlogd.pid >/dev/null || start_background virtlogd
  start_background libvirtd
  for _ in $(seq 1 300); do virsh -c qemu:///system version >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "libvirtd did not answer virsh within 30 s"
}
stop_libvirt() {
  [ ${#libvirt_state[@]} -gt 0 ] || return 0
  virsh -c qemu:///system destroy "$libvirt_domain" >/dev/null 2>&1 || true
  virsh -c qemu:///system undefine "$libvirt_domain" >/dev/null 2>&1 || true
  local i entry pid
  for ((i = ${#libvirt_state[@]} - 1; i >= 0; i--)); do
    entry=${libvirt_state[$i]}
    case "$entry" in
      started:*)
        if pid=$(live_pid "/run/${entry#started:}.pid"); then
          kill -TERM "$pid"
          for _ in $(seq 1 100); do live_pid "/run/${entry#started:}.pid" >/dev/null || break; sleep 0.1; done
          live_pid "/run/${entry#started:}.pid" >/dev/null && kill -KILL "$pid"
        fi ;;
      wrote:*) rm -f "${entry#wrote:}" ;;
      backup:*) mv "${entry#backup:}.$tag" "${entry#backup:}" ;;
      made:*) rmdir "${entry#made:}" 2>/dev/null || true ;;
      locked) exec {libvirt_lock}>&- ;;
    esac
  done
  libvirt_state=()
}
domain_xml() {  # the libvirt VM: a TAP NIC mapped to port vm-c-eth0 (no disk: it idles in firmware)
  local type=qemu
  [ -e /dev/kvm ] && type=kvm
  sed -e "s/@TYPE@/$type/" -e "s/@NAME@/$libvirt_domain/" -e "s/@TAP@/$libvirt_tap/" "$scenario/vm-c.xml"
}

# The daemon's configuration: the contract's flags (--platform, --state-dir, --socket) as keys, and
# the emulator's port backing.
cat > "$work/eswitchd.yaml" <<EOF
platform: sim:$profile
state_dir: $state
sockets:
  rw: {path: $socket}
access:
  rw: {uids: [0]}
log: {format: text}
sim:
  vfs: 2
  backing: netns
  node_netns: $node_ns
  vm_netns_prefix: $vm_prefix
EOF

start_daemon() {
  local log=$work/eswitchd-$1.log
  "$bin/eswitchd" --config "$work/eswitchd.yaml" 2>>"$log" &
  daemon_pid=$!
  for _ in $(seq 1 600); do
    ctl ping >/dev/null 2>&1 && return 0
    kill -0 "$daemon_pid" 2>/dev/null || fail "eswitchd exited at start: $(tail -n 3 "$log")"
    sleep 0.1
  done
  fail "eswitchd did not answer within 60 s"
}

# Packets counted by the hardware rules on both VMs' representors, read from the emulator itself
# (what `tc -s filter show` shows on a real host), so it works while the daemon is down.
hardware_packets() {
  local total=0 rep count
  for rep in "$rep_a" "$rep_b"; do
    count=$("$bin/eswitch-hil" sim exec --profile "$profile" --state "$emulator_state" -- tc -s -j filter show dev "$rep" ingress \
      | jq '[.[] | .options.actions[]?.stats.packets // 0] | add // 0')
    total=$((total + count))
  done
  echo "$total"
}

say "start eswitchd on an emulated $profile (emulator backing its VFs by network namespaces)"
start_daemon first
grep -m1 'emulator started' "$work/eswitchd-first.log" || fail "the daemon did not start an emulator"
show ip netns list

say "load the intent"
show ctl apply "$scenario/two-vms.yaml"

say "plug the VMs as libvirt would: eswitch-hook with the domain XML on stdin"
for vm in vm-a vm-b; do
  show "$bin/eswitch-hook" --socket "$socket" "$vm" prepare begin - < "$scenario/$vm.xml"
  show "$bin/eswitch-hook" --socket "$socket" "$vm" started begin - < "$scenario/$vm.xml"
done
if [ "$with_libvirt" = 1 ]; then
  say "start VM vm-c (a TAP NIC) under a real libvirtd with eswitch-hook installed"
  start_libvirt
  domain_xml > "$work/vm-c.xml"
  show virsh -c qemu:///system define "$work/vm-c.xml"
  show virsh -c qemu:///system start "$libvirt_domain"
  show cat "$work/hook.log"
fi
show ctl status
status=$(ctl status -j)
rep_a=$(jq -r '.ports[] | select(.port=="vm-a-eth0") | .representor.name' <<<"$status")
rep_b=$(jq -r '.ports[] | select(.port=="vm-b-eth0") | .representor.name' <<<"$status")
[ -n "$rep_a" ] && [ -n "$rep_b" ] || fail "the ports have no representors: $status"
jq -e '[.ports[] | select(.binding == "vf") | .state == "plugged" and .rules.hardware > 0 and .rules.software == 0] | all' <<<"$status" >/dev/null \
  || fail "the VF ports are not plugged with their rules in hardware"
libvirt_port() { jq -r --arg tap "$libvirt_tap" '.ports[] | select(.port == "vm-c-eth0") | "\(.state) \(.domain) \(.device.name // "")"' <<<"$1"; }
if [ "$with_libvirt" = 1 ]; then
  [ "$(libvirt_port "$status")" = "plugged $libvirt_domain $libvirt_tap" ] || fail "libvirt's VM is not plugged: $(libvirt_port "$status")"
fi
filters=$(jq '.reconcile.added' <<<"$status")

# The VM side: what a guest does with its VF. Its driver takes the MAC the PF gave the VF (the
# emulator's VM end starts with its own), and the guests know each other's MAC statically: ARP is
# answered by the slow path, which this session does not run.
say "configure the VMs (namespaces ${vm_prefix}$rep_a and ${vm_prefix}$rep_b)"
vm_a=$vm_prefix$rep_a
vm_b=$vm_prefix$rep_b
configure_vm() {
  local ns=$1 mac=$2 ip=$3 peer_ip=$4 peer_mac=$5
  ip -n "$ns" link set eth0 address "$mac"
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$ns" neigh replace "$peer_ip" lladdr "$peer_mac" dev eth0 nud permanent
}
configure_vm "$vm_a" 52:54:00:10:00:0a 10.10.0.10 10.10.0.11 52:54:00:10:00:0b
configure_vm "$vm_b" 52:54:00:10:00:0b 10.10.0.11 10.10.0.10 52:54:00:10:00:0a
show ip netns exec "$vm_a" ping -c 3 -i 0.2 -W 2 10.10.0.11

say "ping for $ping_seconds s (20 a second); kill -9 the daemon during it, start it again"
ip netns exec "$vm_a" ping -i 0.05 -c $((ping_seconds * 20)) -W 2 -q 10.10.0.11 > "$work/ping.txt" 2>&1 &
ping_pid=$!
sleep 2
before=$(hardware_packets)
echo "hardware packets before the kill: $before"
show kill -9 "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=""
ctl ping >/dev/null 2>&1 && fail "the daemon still answers after SIGKILL"
gap_start=$(hardware_packets)
sleep 1
gap_end=$(hardware_packets)
echo "hardware packets while the daemon is down: $gap_start, one second later $gap_end"
start_daemon second
grep -m1 'emulator found' "$work/eswitchd-second.log" || fail "the restarted daemon did not find the running emulator"
kill -0 "$ping_pid" 2>/dev/null || echo "note: the ping ended before the daemon was back (PING_SECONDS=$ping_seconds)"
show ctl status
after_status=$(ctl status -j)
echo "reconcile since the restart: $(jq -c '{adopted: .reconcile.adopted, added: .reconcile.added, deleted: .reconcile.deleted}' <<<"$after_status")"
wait "$ping_pid" || true
ping_pid=""
cat "$work/ping.txt"
after=$(hardware_packets)
echo "hardware packets after the restart: $after"

libvirt_vm=none
if [ "$with_libvirt" = 1 ]; then
  say "libvirt stops vm-c: the hook unplugs it from the restarted daemon"
  [ "$(libvirt_port "$after_status")" = "plugged $libvirt_domain $libvirt_tap" ] || fail "libvirt's VM lost its port in the restart"
  show virsh -c qemu:///system destroy "$libvirt_domain"
  for _ in $(seq 1 100); do [ "$(libvirt_port "$(ctl status -j)")" = "unplugged null " ] && break; sleep 0.1; done
  show cat "$work/hook.log"
  [ "$(libvirt_port "$(ctl status -j)")" = "unplugged null " ] || fail "libvirt's VM is still plugged: $(libvirt_port "$(ctl status -j)")"
  libvirt_vm=plugged-kept-unplugged
fi

transmitted=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$work/ping.txt")
received=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$work/ping.txt")
adopted=$(jq '.reconcile.adopted' <<<"$after_status")
added=$(jq '.reconcile.added' <<<"$after_status")
deleted=$(jq '.reconcile.deleted' <<<"$after_status")
plugged=$(jq '[.ports[] | select(.state == "plugged" and .rules.hardware > 0)] | length' <<<"$after_status")
echo "RESULT filters=$filters adopted=$adopted added=$added deleted=$deleted transmitted=$transmitted received=$received" \
  "hw_before=$before hw_gap_start=$gap_start hw_gap_end=$gap_end hw_after=$after plugged=$plugged libvirt_vm=$libvirt_vm"

[ "$adopted" -eq "$filters" ] && [ "$added" -eq 0 ] && [ "$deleted" -eq 0 ] || fail "the restart changed rules"
[ -n "$transmitted" ] && [ "$transmitted" -gt 0 ] && [ "$transmitted" = "$received" ] || fail "pings were lost"
[ "$gap_end" -gt "$gap_start" ] && [ "$gap_start" -ge "$before" ] && [ "$after" -gt "$gap_end" ] || fail "the hardware counters did not grow"
[ "$plugged" -eq 2 ] || fail "the ports are not plugged with hardware rules after the restart"
echo "daemon-restart: ok"
