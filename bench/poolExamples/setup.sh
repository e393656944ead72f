#!/usr/bin/env bash
# Recreates the workspace tally.sh runs on: extracts Cloudflare's example suites from the
# workers-sdk mirror in the monorepo layout and installs their npm deps.
#   new    = HEAD:fixtures/vitest-plugin-examples            (@cloudflare/vitest-plugin, cloudflareTest)
#   old    = bfcc4423fa^:fixtures/vitest-pool-workers-examples (same suites before the v1 rename)
#   legacy = a6ddbdb2b6^:fixtures/vitest-pool-workers-examples (pool 0.5-0.9: defineWorkersProject, Vitest 3)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$HERE/work} # the suites and their node_modules (git-ignored)
# A clone of https://github.com/cloudflare/workers-sdk (full history: three commits are read).
REPO=${REPO:-/work/.mirror/cloudflare+workers-sdk/repo}
extract() { # gen commit dir catalog-json
  local gen=$1 commit=$2 dir=$3 catalog=$4
  mkdir -p "$WORK/$gen"
  git -C "$REPO" archive "$commit" "fixtures/$dir" vitest.shared.ts | tar -x -C "$WORK/$gen"
  local root=$WORK/$gen/fixtures/$dir
  git -C "$REPO" show "$commit:fixtures/$dir/package.json" >"$root/package.upstream.json"
  node "$HERE/make-package-json.mjs" "$root/package.upstream.json" "$root/package.json" "$catalog"
  echo "legacy-peer-deps=true" >"$root/.npmrc"   # pnpm does not fail on peer ranges; npm would (better-auth vs jose)
  (cd "$root" && nice npm install --no-audit --no-fund)
}
extract new HEAD vitest-plugin-examples '{"msw":"2.14.6","@types/node":"22.15.17","typescript":"5.8.3","@cloudflare/workers-types":"^5.20260821.1"}'
extract old bfcc4423fa^ vitest-pool-workers-examples '{"msw":"2.14.6","@types/node":"22.15.17","typescript":"5.8.3","@cloudflare/workers-types":"^5.20260816.1"}'
extract legacy a6ddbdb2b6^ vitest-pool-workers-examples '{"@types/node":"22.15.17","typescript":"5.8.3","@cloudflare/workers-types":"^4.20260310.1"}'
