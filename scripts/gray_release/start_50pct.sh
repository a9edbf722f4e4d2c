#!/usr/bin/env bash
# Start stage 2 (gray_50pct) after graygate has checked its entry conditions; prints the desired state.
# Usage: start_50pct.sh [REASON]    (GRAYGATE_OPERATOR names who starts it)
set -euo pipefail
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
reason="${1:-stage 2 started with start_50pct.sh}"
"$GRAYGATE" stage start gray_50pct --by "$OPERATOR" --reason "$reason"
"$GRAYGATE" state
