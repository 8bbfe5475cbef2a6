#!/usr/bin/env bash
# Runs the ALPN proof offline (Go >= 1.19, Node >= 20): server.go, a listener built like
# flyteadmin's secure one, and client.js, HTTP/2 and HTTP/1.1 clients offering each ALPN list.
# Results and what they mean: docs/gateway-implementations.md, "Admin's TLS port and ALPN".
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
GO111MODULE=off go build -o "$tmp/server" server.go
"$tmp/server" >"$tmp/out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do grep -q offered "$tmp/out" && break; sleep 0.1; done
grep offered "$tmp/out"
node client.js "$(sed -n 's/^listening //p' "$tmp/out")"
