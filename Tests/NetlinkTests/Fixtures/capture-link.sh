#!/bin/bash
# capture-link.sh > link-capture.txt
# Records, in a throwaway network namespace, the netlink requests iproute2 sends for link commands
# and the kernel's answers (RTM_NEWLINK, NLMSG_ERROR), with nlmsg_seq/nlmsg_pid zeroed.
# Needs root, iproute2, strace, python3 and ../shared/tools/netlink-golden/capture.sh beside the
# repository (CAPTURE=path overrides it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
capture=${CAPTURE:-$here/../../../../shared/tools/netlink-golden/capture.sh}
ns=eswitch-linkfx
trap 'ip netns del $ns 2>/dev/null' EXIT
ip netns del $ns 2>/dev/null
ip netns add $ns
# ifindex: lo=1 veth1=2 veth0=3 vxlan100=4 vxlan6=5 vxlan7=6 vxlanext=7
ip -n $ns link add veth0 address 02:00:00:00:00:a0 type veth peer name veth1 address 02:00:00:00:00:a1
ip -n $ns link add vxlan100 address 02:00:00:00:01:00 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning
ip -n $ns link add vxlan6 address 02:00:00:00:01:06 type vxlan id 200 local 2001:db8::1 remote 2001:db8::2 dstport 4790 ttl 64 tos 0x10 srcport 1000 2000
ip -n $ns link add vxlan7 address 02:00:00:00:01:07 type vxlan id 7 group 239.1.1.1 dev veth0 ttl 10 dstport 4789
ip -n $ns link add vxlanext address 02:00:00:00:01:ee type vxlan external dstport 4789
ip -n $ns link set veth0 mtu 9000 up
echo "# iproute2 $(ip -V | sed 's/.*iproute2-//') on Linux $(uname -r): link requests ('>>') and kernel answers ('<<'), seq/pid zeroed"
echo "# ifindex: $(ip -n $ns -o link | awk -F': ' '{printf "%s=%s ", $2, $1}' | sed 's/@[^=]*=/=/g')"
run() {  # run FLAG CMD...: FLAG -R keeps every answer, -r only NLMSG_ERROR answers
  local flag=$1; shift
  echo
  echo "cmd: $*"
  "$capture" -n $ns $flag -z -- "$@" | grep -v '^# cmd:'
}
for d in veth0 veth1 vxlan100 vxlan6 vxlan7 vxlanext; do run -R ip -d link show dev $d; done
run -R ip -d link show
run -r ip link set dev veth1 up
run -r ip link set dev veth1 down
run -r ip link set dev veth1 mtu 1400
run -r ip link add veth2 type veth peer name veth3
run -r ip link del veth2
run -r ip link add vxlan8 type vxlan id 8 group 239.1.1.8 dev veth0 ttl 10 dstport 4789
run -r ip link add vxlan9 type vxlan id 9 local 2001:db8::9 remote 2001:db8::10 dstport 4789 srcport 5000 6000 noudpcsum
run -r ip link set dev veth0 vf 0 vlan 20 qos 3 proto 802.1ad
run -r ip link set dev veth0 vf 0 min_tx_rate 10 max_tx_rate 100 query_rss on
run -r ip link set dev veth0 vf 0 rate 500
run -r ip link set dev veth0 vf 3 node_guid 11:22:33:44:55:66:77:88 port_guid 01:02:03:04:05:06:07:08
run -r ip link set dev veth0 vf 4 state auto spoofchk off trust on
run -r ip link add br0 type bridge
run -r ip link set dev veth1 master br0
run -r ip link set dev veth1 nomaster
