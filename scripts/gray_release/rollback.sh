#!/usr/bin/env bash
# Roll back every symbol to baseline (STRATEGY_MODE=quiet, DYNAMIC_MODE_ENABLED=false), wait until every live
# agent reported the baseline applied (the strategies run it, not only the database says so), then run the
# health check. Works when the rules do not compile and when the metrics are stale.
# Usage: rollback.sh REASON      rollback.sh --drill   (rehearsal on a scratch release)
# GRAYGATE_ROLLBACK_WAIT_SECONDS: how long to wait for the agents (default 30; 0: do not wait)
# Exit: 0 rolled back and effective; 1 rolled back but an agent did not apply it (named above; see
# docs/GRAY_RELEASE_ROLLBACK.md, "When an agent does not apply the baseline"); 2 the rollback itself failed.
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
status=0
"$GRAYGATE" rollback --reason "$1" --by "$OPERATOR" --wait "${GRAYGATE_ROLLBACK_WAIT_SECONDS:-30}" || status=$?
if [[ $status -ge 2 ]]; then
  echo "rollback FAILED (exit $status): nothing was changed; see the message above" >&2
  exit "$status"
fi
"$GRAYGATE" state --format env
"$(dirname "${BASH_SOURCE[0]}")/health_check.sh" || echo "rollback recorded; the health check above needs attention" >&2
if [[ $status -ne 0 ]]; then
  echo "rollback recorded but NOT effective everywhere: act on the agents named above" >&2
fi
exit "$status"
