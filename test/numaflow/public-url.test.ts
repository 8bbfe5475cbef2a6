import { Testing } from 'cdk8s';
import { NumaflowServer, NumaflowServerProps, TlsMode, ValidationError } from '../../lib';
import { container, testChart } from '../support/harness';

// numaproj/numaflow server/apis/v1/dexauthn.go: with auth on, Dex's issuer is <server-addr>/dex and
// the login redirect <server-addr><base-href>login (UPSTREAM §9.4). The address is what the browser
// uses, so it is a prop: publicUrl.

function serverAddr(props: Partial<NumaflowServerProps> & { tls: TlsMode }) {
  const chart = testChart();
  const server = new NumaflowServer(chart, 'nf', props);
  const args: string[] = container(Testing.synth(chart), 'Deployment', 'main').args;
  return { server, addr: args.find((a) => a.startsWith('--server-addr=')) };
}

test.each([
  [TlsMode.disabled(), '--server-addr=http://localhost:8080'],
  [TlsMode.selfSigned(), '--server-addr=https://localhost:8443'],
])('unset: the pod\'s own port on localhost (login works only through a port-forward)', (tls, flag) => {
  expect(serverAddr({ tls }).addr).toBe(flag);
});

test('set: the origin users type, whatever the scheme the pod serves (TLS may end at an ingress)', () => {
  const { server, addr } = serverAddr({ tls: TlsMode.disabled(), publicUrl: 'https://numaflow.example.com', disableAuth: false });
  expect(addr).toBe('--server-addr=https://numaflow.example.com');
  expect(server.publicUrl).toBe('https://numaflow.example.com');
});

test('normalised as browsers do: case, default port, trailing slash', () => {
  expect(serverAddr({ tls: TlsMode.selfSigned(), publicUrl: 'HTTPS://NumaFlow.Example.com:443/' }).addr).toBe('--server-addr=https://numaflow.example.com');
});

test.each([
  ['a path (the base href is appended by the server)', 'https://example.com/numaflow'],
  ['credentials', 'https://admin:secret@numaflow.example.com'],
  ['no scheme (Dex URLs need one)', 'numaflow.example.com'],
])('refused: %s', (_why, publicUrl) => {
  expect(() => serverAddr({ tls: TlsMode.disabled(), publicUrl })).toThrow(ValidationError);
});

test('the password of a refused URL is never echoed back', () => {
  expect(() => serverAddr({ tls: TlsMode.disabled(), publicUrl: 'https://admin:hunter2@numaflow.example.com' })).toThrow(/\*\*\*/);
  expect(() => serverAddr({ tls: TlsMode.disabled(), publicUrl: 'https://admin:hunter2@numaflow.example.com' })).not.toThrow(/hunter2/);
});
