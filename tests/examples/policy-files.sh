#!/bin/sh
. "$(dirname "$0")/lib.sh"
setup "$@"
tap_done
