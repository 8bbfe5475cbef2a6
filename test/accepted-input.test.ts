import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  Console, CopilotPod, Endpoint, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, synthStacks,
  TlsMode, Trust,
} from '../lib';
import { containersOf, podOf } from '../lib/rules/pod-specs';
import { ADMIN_STORE, CA, HTTPS_STORE_OPTIONS, STORE, STORE_OPTIONS } from './bad-input-case';
import { adminConfigOf, DATABASE, STORAGE } from './support/flyte-invariants';
import { expectValid, only, testApp } from './support/harness';
import { secret } from './support/refs';

// Unusual but valid input that must NOT be refused (class `no-false-refusals`): spellings of one
// origin, addresses that are not DNS names where no certificate is made, cloud Kubernetes versions,
// pre-releases inside a modelled line, JSON-loaded props with null for optional props, and second
// instances that do not collide. Each output passes expectValid; normalised values are asserted.

interface Accepted {
  readonly name: string;
  readonly class: 'no-false-refusals';
  /** Builds in `chart`; returns what validation needs and the checks of the normalised values. */
  readonly build: (chart: Chart) => {
    readonly external?: string[];
    readonly endpoints?: Endpoint[];
    readonly check?: (objects: any[]) => void;
  };
}

const admin = (c: Chart, props: any = {}, id = 'admin') => new SecureAdmin(c, id, { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, ...props });
/** The Secrets the Flyte props name (database password, store keys) in `namespace`, and more. */
const flyteSecrets = (namespace = 'flyte', ...more: string[]) => ['flyte-db', 'flyte-storage', ...more].map((n) => `Secret/${namespace}/${n}`);
/** The Numaflow server's `main` container. */
const numaflowMain = (objects: any[]): any => containersOf(podOf(only(objects, 'Deployment', 'numaflow-server'))!.spec).find((x) => x.container.name === 'main')!.container;
const mainArgs = (objects: any[]): string[] => numaflowMain(objects).args;
const template = (c: Chart, objectStore = STORE) => new FlytePodTemplate(c, 'template', { objectStore });
const task = (c: Chart, props: any, objectStore = STORE) => new CopilotPod(c, 'task', { podTemplate: template(c, objectStore), image: 'alpine:3.20', ...props });

const CASES: Accepted[] = [
  {
    name: 'an upper-case scheme and host, the default port and a trailing slash in Admin publicUrl',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { tls: TlsMode.fromSecretName('flyte-tls'), publicUrl: 'HTTPS://Flyte.Example.COM:443/' });
      expect(a.publicUrl).toBe('https://flyte.example.com');
      return { external: flyteSecrets('flyte', 'flyte-tls'), endpoints: [a.endpoint] };
    },
  },
  {
    name: 'a Console origin with an upper-case scheme, :80 and a trailing slash; baseUrl with a trailing slash',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c);
      const k = new Console(c, 'console', { admin: a, publicOrigin: 'HTTP://Console.Example.com:80/', baseUrl: '/console/' });
      expect(k.publicOrigin).toBe('http://console.example.com');
      expect(k.baseUrl).toBe('/console');
      expect(a.allowedOrigins).toEqual(['http://console.example.com']);
      return {
        external: flyteSecrets(), endpoints: [a.endpoint, k.endpoint],
        check: (objects) => expect(adminConfigOf(objects, 'flyte').server.security.allowedOrigins).toEqual(['http://console.example.com']),
      };
    },
  },
  {
    name: 'two spellings of one origin in allowedOrigins are one origin',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { allowedOrigins: ['https://Console.Example.com:443', 'https://console.example.com/'] });
      expect(a.allowedOrigins).toEqual(['https://console.example.com']);
      return { external: flyteSecrets(), endpoints: [a.endpoint] };
    },
  },
  {
    name: 'an IPv6 publicUrl with TlsMode.fromSecret (no certificate is made)',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { tls: TlsMode.fromSecretName('flyte-tls'), publicUrl: 'https://[::1]:8443' });
      expect(a.publicUrl).toBe('https://[::1]:8443');
      return { external: flyteSecrets('flyte', 'flyte-tls'), endpoints: [a.endpoint] };
    },
  },
  {
    name: 'an IP publicUrl with TLS disabled (Numaflow), upper-case scheme and trailing slash',
    class: 'no-false-refusals',
    build: (c) => {
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), publicUrl: 'HTTP://10.0.0.5:8080/' });
      expect(n.publicUrl).toBe('http://10.0.0.5:8080');
      return { endpoints: [n.endpoint], check: (objects) => expect(mainArgs(objects)).toContain('--server-addr=http://10.0.0.5:8080') };
    },
  },
  {
    name: 'an IPv6 publicUrl with a self-signed Numaflow server',
    class: 'no-false-refusals',
    build: (c) => {
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.selfSigned(), publicUrl: 'https://[2001:DB8::1]:8443' });
      expect(n.publicUrl).toBe('https://[2001:db8::1]:8443');
      return { endpoints: [n.endpoint] };
    },
  },
  {
    name: 'an IP publicUrl with cert-manager goes to the certificate\'s ipAddresses',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { tls: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }), publicUrl: 'https://10.0.0.5' });
      expect(a.publicUrl).toBe('https://10.0.0.5');
      return {
        external: flyteSecrets(), endpoints: [a.endpoint],
        check: (objects) => {
          const spec = only(objects, 'Certificate').spec;
          expect(spec.ipAddresses).toEqual(['10.0.0.5']);
          expect(spec.dnsNames).not.toContain('10.0.0.5');
        },
      };
    },
  },
  {
    name: 'an underscore host where no certificate is made (fromSecret and disabled)',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { tls: TlsMode.fromSecretName('flyte-tls'), publicUrl: 'https://flyte_admin.internal' });
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), publicUrl: 'http://numaflow_ui.internal:8080' });
      expect(a.publicUrl).toBe('https://flyte_admin.internal');
      expect(n.publicUrl).toBe('http://numaflow_ui.internal:8080');
      return { external: flyteSecrets('flyte', 'flyte-tls'), endpoints: [a.endpoint, n.endpoint] };
    },
  },
  {
    name: 'Numaflow CORS origins with an IPv6 host, upper case and :443',
    class: 'no-false-refusals',
    build: (c) => {
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), corsAllowedOrigins: ['http://[::1]:3000', 'HTTPS://UI.example.com:443'] });
      return { endpoints: [n.endpoint], check: (objects) => expect(mainArgs(objects)).toContain('--cors-allowed-origins=http://[::1]:3000,https://ui.example.com') };
    },
  },
  {
    name: 'an EKS Kubernetes version (v1.29.3-eks-adc7111)',
    class: 'no-false-refusals',
    build: (c) => {
      const p = task(c, { kubernetesVersion: 'v1.29.3-eks-adc7111' });
      expect(p.kubernetesVersion.tag).toBe('v1.29.3');
      return { external: [] };
    },
  },
  {
    name: 'a GKE Kubernetes version (v1.30.2-gke.1587003)',
    class: 'no-false-refusals',
    build: (c) => {
      const p = task(c, { kubernetesVersion: 'v1.30.2-gke.1587003' });
      expect(p.kubernetesVersion.tag).toBe('v1.30.2');
      return {};
    },
  },
  {
    name: 'pre-release versions inside the modelled lines (Numaflow, metrics-server, Flyte)',
    class: 'no-false-refusals',
    build: (c) => {
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), version: 'v1.8.0-rc1' });
      const m = new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned(), version: '0.8.0-rc.1' });
      const a = admin(c, { version: '1.16.0-b1' });
      expect([n.version.tag, n.image]).toEqual(['v1.8.0-rc1', 'quay.io/numaproj/numaflow:v1.8.0-rc1']);
      expect([m.version.tag, m.securePort]).toEqual(['v0.8.0-rc.1', 10250]);
      expect(a.version.tag).toBe('v1.16.0-b1');
      return { external: flyteSecrets(), endpoints: [n.endpoint, m.endpoint, a.endpoint] };
    },
  },
  {
    name: 'versions without a leading v',
    class: 'no-false-refusals',
    build: (c) => {
      const t = new FlytePodTemplate(c, 'template', { objectStore: STORE, flyteVersion: '1.16.8' });
      const p = new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() })), aibrixVersion: '0.7.0', strategy: ScalingStrategy.APA, metric: { name: 'go_threads', targetValue: 0.5 }, minReplicas: 0, maxReplicas: 2 });
      expect([t.flyteVersion.tag, p.aibrixVersion.tag]).toEqual(['v1.16.8', 'v0.7.0']);
      return { check: (objects) => expect(only(objects, 'PodAutoscaler').spec.metricsSources[0].targetValue).toBe('0.5') };
    },
  },
  {
    name: 'JSON-loaded Numaflow props with null for optional props',
    class: 'no-false-refusals',
    build: (c) => {
      const loaded = JSON.parse('{"namespace":null,"replicas":null,"labels":null,"corsAllowedOrigins":null,"publicUrl":null,'
        + '"userRbac":{"defaultRole":null,"policy":null},"resources":{"requests":null,"limits":{"cpu":null,"memory":"2Gi"}}}');
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), ...loaded });
      expect([n.namespace, n.publicUrl]).toEqual(['numaflow-system', 'http://localhost:8080']);
      return {
        endpoints: [n.endpoint],
        check: (objects) => {
          expect(numaflowMain(objects).resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '2Gi' } });
        },
      };
    },
  },
  {
    name: 'JSON-loaded Admin props with null for optional props (nested too)',
    class: 'no-false-refusals',
    build: (c) => {
      const loaded = JSON.parse('{"publicUrl":null,"allowedOrigins":null,"useAuth":null,"authSecret":null,"extraConfig":null,'
        + '"database":{"host":"postgres.flyte.svc","port":null,"dbName":null,"username":"flyteadmin"}}');
      // A Secret reference cannot come from JSON: the loader makes it from the name it read.
      loaded.database.passwordSecret = { secret: secret('flyte-db'), key: 'password' };
      const objectStore = ObjectStore.s3(JSON.parse('{"bucket":"flyte-data","endpoint":null,"region":null,"credentials":null,"trust":null}'));
      expect([objectStore.endpoint, objectStore.region, objectStore.credentials, objectStore.trust.kind]).toEqual([undefined, undefined, undefined, 'systemRoots']);
      const a = new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), objectStore, ...loaded });
      expect(a.publicUrl).toBe('http://localhost:8088');
      return { external: flyteSecrets(), endpoints: [a.endpoint], check: (objects) => expect(adminConfigOf(objects, 'flyte').database.postgres.port).toBe(5432) };
    },
  },
  {
    name: 'JSON-loaded cert-manager options and Trust key with nulls',
    class: 'no-false-refusals',
    build: (c) => {
      const tls = TlsMode.certManager(JSON.parse('{"issuer":{"name":"cluster-ca","kind":null,"group":null},"trust":null,"duration":null,"renewBefore":null,"secretName":null}'));
      expect(tls.issuer).toEqual({ name: 'cluster-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
      const trust = Trust.caFromSecretName('store-ca', null as any);
      expect(trust.key).toBe('ca.crt');
      const m = new MetricsServer(c, 'ms', { tls });
      new FlytePodTemplate(c, 'template', { objectStore: ObjectStore.minio({ ...HTTPS_STORE_OPTIONS, trust }) });
      return { external: ['Secret/flyte/store-ca'], endpoints: [m.endpoint] };
    },
  },
  {
    name: 'two cluster-wide Numaflow servers in two namespaces',
    class: 'no-false-refusals',
    build: (c) => {
      const a = new NumaflowServer(c, 'nf-a', { tls: TlsMode.disabled(), namespace: 'team-a' });
      const b = new NumaflowServer(c, 'nf-b', { tls: TlsMode.selfSigned(), namespace: 'team-b' });
      return {
        endpoints: [a.endpoint, b.endpoint],
        check: (objects) => expect(objects.filter((o) => o.kind === 'ClusterRole').map((o) => o.metadata.name).sort())
          .toEqual(['team-a-numaflow-server-role', 'team-b-numaflow-server-role']),
      };
    },
  },
  {
    name: 'two Admins in two namespaces',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, {}, 'admin-a');
      const b = admin(c, { namespace: 'flyte-b', tls: TlsMode.fromSecretName('flyte-tls') }, 'admin-b');
      return { external: [...flyteSecrets(), ...flyteSecrets('flyte-b', 'flyte-tls')], endpoints: [a.endpoint, b.endpoint] };
    },
  },
  {
    name: 'two Consoles of one Admin in two namespaces',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c);
      const k1 = new Console(c, 'k1', { admin: a, publicOrigin: 'http://console-a.example.com' });
      const k2 = new Console(c, 'k2', { admin: a, namespace: 'console-b', publicOrigin: 'http://console-b.example.com' });
      expect(a.allowedOrigins).toEqual(['http://console-a.example.com', 'http://console-b.example.com']);
      return { external: flyteSecrets(), endpoints: [a.endpoint, k1.endpoint, k2.endpoint] };
    },
  },
  {
    name: 'upper-case store endpoints with the default port and a trailing slash (normalised for copilot and Admin)',
    class: 'no-false-refusals',
    build: (c) => {
      const store = ObjectStore.minio({ ...STORE_OPTIONS, endpoint: 'HTTP://Minio.Flyte.svc:9000/' });
      expect(store.endpoint).toBe('http://minio.flyte.svc:9000');
      task(c, {}, store);
      const a = admin(c, { objectStore: ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: 'HTTPS://MINIO.flyte.svc:443', credentials: STORAGE.credentials }) });
      return {
        external: [...flyteSecrets()], endpoints: [a.endpoint],
        check: (objects) => {
          const pod = only(objects, 'Pod');
          const commands = containersOf(pod.spec).map((x) => x.container.command ?? []).flat();
          expect(commands).toContain('--storage.connection.endpoint=http://minio.flyte.svc:9000');
          expect(adminConfigOf(objects, 'flyte').storage.connection.endpoint).toBe('https://minio.flyte.svc');
        },
      };
    },
  },
  {
    name: 'an inline CA with CRLF line endings and blank lines around it',
    class: 'no-false-refusals',
    build: (c) => {
      const trust = Trust.caPem(`\r\n${CA.replace(/\n/g, '\r\n')}\r\n\r\n`);
      const t = new FlytePodTemplate(c, 'template', { objectStore: ObjectStore.minio({ ...HTTPS_STORE_OPTIONS, trust }) });
      expect(t.caConfigMapName).toBe('flyte-template-ca');
      return {};
    },
  },
  {
    name: 'Flyte config keys in mixed case that do not clash, and an empty label value',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { extraConfig: { Logger: { Level: 4, 'show-source': true } }, labels: { 'example.com/flag': '' } });
      return { external: flyteSecrets(), endpoints: [a.endpoint], check: (objects) => expect(adminConfigOf(objects, 'flyte').Logger).toEqual({ Level: 4, 'show-source': true }) };
    },
  },
  {
    name: 'Kubernetes structs in their typed form (tolerations, a Quantity in a volume)',
    class: 'no-false-refusals',
    build: (c) => {
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] });
      new FlytePodTemplate(c, 'template', { objectStore: STORE, extraVolumes: [{ name: 'scratch', emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }], extraVolumeMounts: [{ name: 'scratch', mountPath: '/scratch', readOnly: false }] });
      return { endpoints: [n.endpoint] };
    },
  },
  {
    name: 'settings about a password, not passwords, in extraEnv and extraArgs (ALLOW_EMPTY_PASSWORD, SECRETS_STORE_ENABLED, --password-min-length)',
    class: 'no-false-refusals',
    build: (c) => {
      const env = [{ name: 'ALLOW_EMPTY_PASSWORD', value: 'yes' }, { name: 'SECRETS_STORE_ENABLED', value: 'true' }, { name: 'PASSWORD_MIN_LENGTH', value: '12' }];
      const n = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), extraEnv: env, extraArgs: ['--password-min-length=12'] });
      return {
        endpoints: [n.endpoint],
        check: (objects) => {
          expect(numaflowMain(objects).env).toEqual(expect.arrayContaining(env));
          expect(mainArgs(objects)).toContain('--password-min-length=12');
        },
      };
    },
  },
  {
    name: 'Admin config keys about a password, not passwords (PASSWORD_HASH_ALGORITHM, PASSWORD_MIN_LENGTH, passwordPolicy)',
    class: 'no-false-refusals',
    build: (c) => {
      const a = admin(c, { extraConfig: { auth: { PASSWORD_HASH_ALGORITHM: 'bcrypt', PASSWORD_MIN_LENGTH: '12', passwordPolicy: { minLength: 12 } } } });
      return {
        external: flyteSecrets(), endpoints: [a.endpoint],
        check: (objects) => expect(adminConfigOf(objects, 'flyte').auth).toMatchObject({ PASSWORD_HASH_ALGORITHM: 'bcrypt', PASSWORD_MIN_LENGTH: '12', passwordPolicy: { minLength: 12 } }),
      };
    },
  },
  {
    name: 'one stack of synthStacks per namespace, with no object emitted twice',
    class: 'no-false-refusals',
    build: () => {
      const stack = (ns: string) => ({ id: ns, createChart: (s: any, id: string) => { const ch = new Chart(s, id); new NumaflowServer(ch, 'nf', { tls: TlsMode.disabled(), namespace: ns }); return ch; } });
      const yaml = synthStacks([stack('team-a'), stack('team-b')]);
      expect([...yaml.keys()]).toEqual(['team-a', 'team-b']);
      return {};
    },
  },
];

test('the catalog holds at least 15 accepted unusual inputs, all of class no-false-refusals', () => {
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(15);
  expect(CASES.every((c) => c.class === 'no-false-refusals')).toBe(true);
});

describe.each(CASES)('[$class] $name', (c) => {
  test('is accepted, and the output is valid', () => {
    const chart = new Chart(testApp(), 'c');
    const made = c.build(chart);
    const objects = Testing.synth(chart);
    if (objects.length > 0 || made.endpoints?.length) {
      expectValid(objects, { external: made.external, endpoints: made.endpoints });
    }
    made.check?.(objects);
  });
});
