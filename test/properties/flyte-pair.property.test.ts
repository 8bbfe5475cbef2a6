import * as fc from 'fast-check';
import { Console, SecureAdmin } from '../../lib';
import { adminConfigOf, DATABASE, expectFlyteValid, userSecrets } from '../support/flyte-invariants';
import { only, synth, testChart } from '../support/harness';
import { buildOrRefuse, expectBoth, namedByUser, objectStore, origin, params, semver, storeNamedByUser, tlsMode } from './arbitraries';

// Console ↔ Admin with random modes, origins and versions: either a clear refusal, or every origin
// registered (item 4), every address with the target's scheme and port (item 3), and valid output.
// The store is random too: a private CA of an https store is mounted into flyteadmin, else nothing.
test('SecureAdmin + Consoles: refused clearly, or CORS and addresses wired', () => {
  const seen = { built: 0, refused: 0 };
  fc.assert(fc.property(
    tlsMode, fc.option(tlsMode, { nil: undefined }), semver(fc.constant(1), fc.integer({ min: 9, max: 16 })),
    fc.option(origin, { nil: undefined }), fc.array(fc.option(origin, { nil: undefined }), { minLength: 1, maxLength: 2 }),
    fc.array(origin, { maxLength: 2 }), objectStore,
    (adminTls, consoleTls, version, publicUrl, consoleOrigins, extraOrigins, store) => {
      const chart = testChart();
      const namespace = 'flyte';
      const admin = buildOrRefuse('test/admin', () => new SecureAdmin(chart, 'admin', {
        tls: adminTls, version, publicUrl, allowedOrigins: extraOrigins, database: DATABASE, objectStore: store, namespace,
      }));
      if (!admin) {
        seen.refused++;
        return;
      }
      const consoles = consoleOrigins.map((o, i) => buildOrRefuse(`test/console${i}`, () => new Console(chart, `console${i}`, {
        admin, tls: consoleTls, publicOrigin: o, namespace: i === 0 ? undefined : `console-${i}`,
      }))).filter((c): c is Console => c !== undefined);
      seen[consoles.length ? 'built' : 'refused']++;
      let objects: any[];
      try {
        objects = synth(chart);
      } catch (e) {
        // The synth-time refusals: Admin < 1.13.3 with TLS and a cross-origin browser client, and a
        // Console whose origin's scheme is not Admin's (judged at synth unless both are props).
        const message = (e as Error).message;
        const schemes = consoles.filter((c) => c.publicOrigin.split(':')[0] !== admin.publicUrl.split(':')[0]);
        if (/the Console strips the scheme/.test(message)) {
          expect(message).toMatch(/test\/console\d: publicOrigin .* is not allowed: the Console strips the scheme of ADMIN_API_URL/);
          expect(schemes.length).toBeGreaterThan(0);
        } else {
          expect(message).toMatch(/test\/admin: version .* is not allowed: with TLS on, Admin before v1\.13\.3 sends no CORS headers/);
          expect(adminTls.enabled && admin.version.below('v1.13.3')).toBe(true);
        }
        return;
      }
      const external = [...namedByUser(adminTls, namespace), ...userSecrets(namespace), ...storeNamedByUser(store, namespace), ...consoles.flatMap((c) => namedByUser(c.tls, c.namespace))];
      expectFlyteValid(objects, admin, consoles, { external });
      const adminPod = only(objects, 'Deployment', 'flyteadmin').spec.template.spec;
      const caMounts = adminPod.containers.find((c: any) => c.name === 'flyteadmin').volumeMounts.filter((m: any) => m.name === 'flyte-storage-ca');
      expect(caMounts.map((m: any) => m.mountPath)).toEqual(store.tlsEnabled && store.trust.isCaBundle ? ['/etc/ssl/certs/flyte-storage-ca.pem'] : []);
      expect(objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'flyteadmin-storage-ca')).toBe(store.tlsEnabled && store.trust.kind === 'caPem');
      const origins: string[] = adminConfigOf(objects, namespace).server.security.allowedOrigins;
      for (const c of consoles) expect(origins).toContain(c.publicOrigin);
      expect(origins).not.toContain('*');
      expect([...origins].sort()).toEqual(origins);
    },
  ), params);
  expectBoth(seen);
});
