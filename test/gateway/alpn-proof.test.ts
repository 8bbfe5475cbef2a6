// The server side of Admin's TLS gRPC, reproduced (scripts/alpn-proof/, docs/gateway-implementations.md):
// a Go listener built like flyteadmin's secure one serves gRPC only to an HTTP/2 client that
// negotiated h2. Go is required, as for the YAML reader tests: the test fails, never skips, without
// it (.ci/run installs Debian's golang-go).
import { spawnSync } from 'child_process';
import * as path from 'path';

test('Go is installed (apt-get install golang-go), so that the proof runs', () => {
  expect(spawnSync('go', ['version'], { encoding: 'utf8' }).status).toBe(0);
});

test('Admin\'s TLS listener: gRPC only over HTTP/2 with h2 negotiated; it offers h2 and http/1.1', () => {
  const run = spawnSync(path.resolve(__dirname, '../../scripts/alpn-proof/run.sh'), { encoding: 'utf8', timeout: 120_000 });
  expect(run.status).toBe(0);
  const lines = run.stdout.split('\n');
  const line = (prefix: string) => {
    const found = lines.filter((l) => l.startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0];
  };
  expect(line('offered ALPN')).toBe('offered ALPN ["h2" "http/1.1"]');
  expect(line('HTTP/2 client, ALPN offered h2, gRPC call')).toMatch(/negotiated h2; HTTP\/2 200 served by grpc grpc-status 0$/);
  expect(line('HTTP/2 client, ALPN offered h2,http/1.1, gRPC call')).toMatch(/negotiated h2; HTTP\/2 200 served by grpc/);
  expect(line('HTTP/2 client, ALPN offered h2, REST call')).toMatch(/served by rest$/);
  for (const alpn of ['http/1.1', '(none)']) {
    expect(line(`HTTP/2 client, ALPN offered ${alpn}, gRPC call`)).toMatch(/ERR_HTTP2_ERROR/);
    expect(line(`HTTP/2 preface, ALPN offered ${alpn}`)).toContain('HTTP/1.1 200 OK');
    // An HTTP/1.1 gateway reaches REST only: the gRPC call never reaches gRPC.
    expect(line(`HTTP/1.1 client, ALPN offered ${alpn}, gRPC call`)).toMatch(/HTTP\/1\.1 200 served by rest$/);
  }
  expect(line('HTTP/1.1 client, ALPN offered h2, gRPC call')).toMatch(/negotiated h2; error/);
}, 150_000);
