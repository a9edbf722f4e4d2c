#!/usr/bin/env bash
# Start stage 3 (full) after graygate has checked its entry conditions; prints the desired state.
# Usage: start_full.sh [REASON]    (GRAYGATE_OPERATOR names who starts it)
set -euo pipefail
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
reason="${1:-stage 3 started with start_full.sh}"
"$GRAYGATE" stage start full --by "$OPERATOR" --reason "$reason"
"$GRAYGATE" state
