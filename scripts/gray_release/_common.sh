#!/usr/bin/env bash
# Shared by the gray-release scripts: locate the graygate launcher and the operator's name.
# GRAYGATE: the command to run (default: the launcher of this checkout).
# GRAYGATE_OPERATOR: who runs the script, for the audit trail (default: $USER).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GRAYGATE="${GRAYGATE:-$here/../../graygate}"
OPERATOR="${GRAYGATE_OPERATOR:-${USER:-unknown}}"
export GRAYGATE OPERATOR
