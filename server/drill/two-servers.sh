#!/bin/sh
# The two-server drill (docs/reliability.md): two `archipel` processes on one
# throwaway PostgreSQL cluster, clients pushing through both, one server
# SIGKILLed halfway; prints the figures. Needs PostgreSQL's binaries
# (`apt-get install postgresql`, or `cargo xtask setup`).
#
#   server/drill/two-servers.sh [clients] [seconds]     (default 20 clients, 20 s)
set -eu
cd "$(dirname "$0")/../.."
ARCHIPEL_DRILL_CLIENTS="${1:-20}" ARCHIPEL_DRILL_SECONDS="${2:-20}" \
  exec cargo test -p archipel-server --test drill -- --nocapture --test-threads 1
