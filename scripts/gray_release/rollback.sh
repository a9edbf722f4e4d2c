#!/usr/bin/env bash
# Roll back every symbol to baseline (STRATEGY_MODE=quiet, DYNAMIC_MODE_ENABLED=false), then run the
# health check. Works when the rules do not compile and when the metrics are stale.
# Usage: rollback.sh REASON      rollback.sh --drill   (rehearsal on a scratch release)
set -euo pipefail
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
if [[ $# -lt 1 ]]; then
  echo "usage: rollback.sh REASON | rollback.sh --drill" >&2
  exit 2
fi
if [[ "$1" == "--drill" ]]; then
  exec "$GRAYGATE" rollback --drill --by "$OPERATOR"
fi
"$GRAYGATE" rollback --reason "$1" --by "$OPERATOR"
"$GRAYGATE" state --format env
"$(dirname "${BASH_SOURCE[0]}")/health_check.sh" || echo "rollback done; the health check above needs attention" >&2
