# Helpers for the system test's commands in the guest, sourced by the serial
# console's root shell after each boot (from the 9p share, /mnt/share).

# frames: how many first frames the kiosk has drawn in this boot
frames() { journalctl -b -u kiosk -o cat | grep -c 'first frame'; }

# more_frames N: the kiosk has drawn a first frame since it had drawn N
more_frames() { [ "$(frames)" -gt "$1" ]; }

# wait_for SECONDS COMMAND...: until COMMAND succeeds; 1 when the time is up
wait_for() {
    n=$1; shift
    while ! "$@" >/dev/null 2>&1; do
        n=$((n - 1)); [ "$n" -gt 0 ] || return 1; sleep 1
    done
}

# prop NAME: a property of kiosk.service (MainPID, NRestarts, ActiveState...)
prop() { systemctl show kiosk -p "$1" --value; }

# set_hours SPAN: every day's opening hours in /etc/kiosk/kiosk.yaml
set_hours() {
    sed -i -E "s/^( +(monday|tuesday|wednesday|thursday|friday|saturday|sunday)): .*/\1: \"$1\"/" \
        /etc/kiosk/kiosk.yaml
}

# set_key KEY VALUE: a top-level key of /etc/kiosk/kiosk.yaml
set_key() { sed -i -E "s/^$1: .*/$1: $2/" /etc/kiosk/kiosk.yaml; }

# tree_sum DIR: one hash over the names and contents of every file under DIR
tree_sum() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16; }
