import { ObjectStore, TlsMode, Trust, ValidationError } from '../../lib';
import { secret } from '../support/refs';

// The value type Admin and copilot share: every refusal names the factory, the option and what is allowed.

describe('ObjectStore factories', () => {
  test('s3 keeps what it is given; region, endpoint and credentials are optional', () => {
    const store = ObjectStore.s3({ bucket: 'flyte-data' });
    expect([store.type, store.bucket, store.region, store.endpoint, store.credentials]).toEqual(['s3', 'flyte-data', undefined, undefined, undefined]);
    expect(store.trust.kind).toBe('systemRoots');
    expect(store.tlsEnabled).toBe(true); // the provider's own HTTPS endpoint
  });

  test('minio needs an endpoint, and its scheme is the TLS setting', () => {
    expect(ObjectStore.minio({ bucket: 'b-1', endpoint: 'http://minio:9000' }).tlsEnabled).toBe(false);
    expect(ObjectStore.minio({ bucket: 'b-1', endpoint: 'https://minio:9000' }).tlsEnabled).toBe(true);
    expect(() => ObjectStore.minio({ bucket: 'b-1' } as any)).toThrow(/^ObjectStore\.minio: .*endpoint/);
  });

  test('the endpoint is written as clients serialise it', () => {
    expect(ObjectStore.minio({ bucket: 'b-1', endpoint: 'HTTPS://MinIO.Example.com:443/' }).endpoint).toBe('https://minio.example.com');
    expect(ObjectStore.s3({ bucket: 'b-1', endpoint: 'http://minio:9000' }).endpoint).toBe('http://minio:9000');
  });

  test('credentials default their keys', () => {
    expect(ObjectStore.s3({ bucket: 'b-1', credentials: { secret: secret('keys') } }).credentials)
      .toEqual({ secret: secret('keys'), accessKeyKey: 'access-key', secretKeyKey: 'secret-key' });
  });

  test.each([
    ['a bucket name with upper case', () => ObjectStore.s3({ bucket: 'Flyte' }), 'bucket', /not a bucket name/],
    ['a region with spaces', () => ObjectStore.s3({ bucket: 'b-1', region: 'us east' }), 'region', /not a region name/],
    ['an endpoint with a path', () => ObjectStore.s3({ bucket: 'b-1', endpoint: 'https://minio:9000/data' }), 'endpoint', /not an http\(s\) URL of a host/],
    ['an endpoint with credentials', () => ObjectStore.s3({ bucket: 'b-1', endpoint: 'https://u:p@minio:9000' }), 'endpoint', /plain text/],
    ['an ftp endpoint', () => ObjectStore.s3({ bucket: 'b-1', endpoint: 'ftp://minio' }), 'endpoint', /not an http\(s\) URL/],
    ['skip-verify', () => ObjectStore.s3({ bucket: 'b-1', trust: Trust.skipVerify() }), 'trust', /no skip-verify switch/],
    ['a CA for an http store', () => ObjectStore.minio({ bucket: 'b-1', endpoint: 'http://minio:9000', trust: Trust.caFromConfigMapName('ca') }), 'trust', /plain HTTP/],
    ['an issued-CA trust (it belongs to a server mode)', () => ObjectStore.s3({ bucket: 'b-1', trust: TlsMode.certManager({ issuer: { name: 'ca' } }).trust }), 'trust', /bound to that server/],
    ['a bad credentials Secret', () => ObjectStore.s3({ bucket: 'b-1', credentials: { secret: secret('Keys!') } }), 'credentials.secret.name', /not allowed/],
    ['an unknown option', () => ObjectStore.s3({ bucket: 'b-1', tls: true } as any), 'tls', /not allowed/],
  ])('refuses %s', (_what, make, prop, why) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.path).toMatch(/^ObjectStore\.(s3|minio)$/);
    expect(v.prop).toBe(prop);
    expect(v.message).toMatch(why);
  });

  test('toString shows the factory call (used in messages)', () => {
    expect(String(ObjectStore.minio({ bucket: 'b-1', endpoint: 'https://m:9000', trust: Trust.caFromConfigMapName('ca') })))
      .toBe('ObjectStore.minio({ bucket: "b-1", endpoint: "https://m:9000", trust: Trust.caFromConfigMapName("ca", "ca.crt") })');
  });
});

describe('Trust.sameAs (a store given to a pod must verify as its template does)', () => {
  const fs = require('fs');
  const path = require('path');
  const pem = (file: string) => fs.readFileSync(path.resolve(__dirname, '../support/fixtures', file), 'utf8');

  test('the same source is the same trust; another key, name, kind or PEM is not', () => {
    expect(Trust.caFromSecretName('ca').sameAs(Trust.caFromSecretName('ca', 'ca.crt'))).toBe(true);
    expect(Trust.caFromSecretName('ca').sameAs(Trust.caFromSecretName('ca', 'root.pem'))).toBe(false);
    expect(Trust.caFromSecretName('ca').sameAs(Trust.caFromConfigMapName('ca'))).toBe(false);
    expect(Trust.caPem(pem('ca.crt.pem')).sameAs(Trust.caPem(pem('ca.crt.pem')))).toBe(true);
    expect(Trust.caPem(pem('ca.crt.pem')).sameAs(Trust.caPem(pem('ca-ec.crt.pem')))).toBe(false);
    expect(Trust.systemRoots().sameAs(Trust.systemRoots())).toBe(true);
  });
});
