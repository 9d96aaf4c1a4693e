#!/bin/sh
# A CUPS backend for tests: a "printer" that keeps each job it is handed as a file, so a test can
# check the bytes a real CUPS queue delivered. Installed as /usr/lib/cups/backend/packdesk-capture by
# scripts/cups-test-queue.js; a queue's device URI names the folder: packdesk-capture:/var/tmp/packdesk-cups
# CUPS calls a backend with no arguments to discover devices, else with: job user title copies options [file].
if [ $# -eq 0 ]; then
  echo 'direct packdesk-capture "Unknown" "Packdesk capture printer (tests)"'
  exit 0
fi
umask 022
dir="${DEVICE_URI#packdesk-capture:}"
out="$dir/$PRINTER-$1.job"
if [ -n "$6" ]; then cat "$6" > "$out.tmp" || exit 1; else cat > "$out.tmp" || exit 1; fi
# A test sees a job whole or not at all.
mv "$out.tmp" "$out"
exit 0
