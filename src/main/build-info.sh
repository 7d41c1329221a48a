#!/usr/bin/env bash
# Writes what `pledge --version` prints (read by dev.pledge.cli.BuildInfo): the project version and the Git commit
# of the source tree, "unknown" outside Git. Runs from Maven (pom.xml, execution build-info); git is asked directly
# so that worktrees report their own commit.
# usage: build-info.sh VERSION OUTPUT_FILE
set -euo pipefail
version="$1"
output="$2"
cd "$(dirname "$0")/../.."
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
dirty=false
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  dirty=true
fi
mkdir -p "$(dirname "$output")"
printf 'version=%s\ncommit=%s\ndirty=%s\n' "$version" "$commit" "$dirty" > "$output"
