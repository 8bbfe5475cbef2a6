// Typed class for the cert-manager `Certificate` (cert-manager.io/v1), written by hand from the
// CRD's published schema: only the fields this library sets are typed. Output is validated in
// tests against @kubernetes-models/cert-manager.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** cert-manager `spec.issuerRef`. */
export interface CertificateIssuerRef {
  readonly name: string;
  readonly kind?: string;
  readonly group?: string;
}

/** cert-manager `spec.privateKey`. */
export interface CertificatePrivateKey {
  /** `Always` makes a new key at each renewal. */
  readonly rotationPolicy?: 'Never' | 'Always';
  readonly algorithm?: 'RSA' | 'ECDSA' | 'Ed25519';
  readonly size?: number;
}

/** cert-manager `Certificate.spec` (the fields this library uses). */
export interface CertificateSpec {
  readonly secretName: string;
  readonly issuerRef: CertificateIssuerRef;
  readonly dnsNames?: string[];
  readonly ipAddresses?: string[];
  readonly duration?: string;
  readonly renewBefore?: string;
  readonly privateKey?: CertificatePrivateKey;
  readonly usages?: string[];
}

/** Props of `CertManagerCertificate`. */
export interface CertManagerCertificateProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: CertificateSpec;
}

/** A cert-manager.io/v1 Certificate. */
export class CertManagerCertificate extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' };

  constructor(scope: Construct, id: string, props: CertManagerCertificateProps) {
    super(scope, id, { ...CertManagerCertificate.GVK, ...props });
  }
}
