#!/usr/bin/env bash
# Start stage 1 (gray_10pct) after graygate has checked its entry conditions; prints the desired state.
# Usage: start_10pct.sh [REASON]    (GRAYGATE_OPERATOR names who starts it)
set -euo pipefail
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
reason="${1:-stage 1 started with start_10pct.sh}"
"$GRAYGATE" stage start gray_10pct --by "$OPERATOR" --reason "$reason"
"$GRAYGATE" state
