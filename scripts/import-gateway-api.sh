#!/usr/bin/env bash
# Regenerates lib/imports/gateway.networking.k8s.io.ts from the committed Gateway API CRDs, and the
# CEL rules the checker evaluates (lib/rules/cel-crd-rules.ts, docs/gateway-api-cel-rules.md).
# `cdk8s import` keeps only the first of several files, and separate imports of one API group
# overwrite each other, so the CRDs are imported from one concatenated file
# (test/data/gateway-api/README.md says where it comes from).
set -euo pipefail
cd "$(dirname "$0")/.."
npx cdk8s import test/data/gateway-api/gateway-api-v1.4.1-standard.yaml --output lib/imports --language typescript --no-check-upgrade
npm run --silent gen:cel
