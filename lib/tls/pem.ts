import { X509Certificate } from 'crypto';
import { ValidationError } from '../errors';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Checks that `pem` holds one or more X.509 certificates that Node can parse, and returns it
 * normalised (trimmed, one trailing newline). A bundle of several CAs is allowed.
 */
export function requireCertificatePem(path: string, prop: string, pem: unknown): string {
  const fail = (why: string) =>
    new ValidationError(path, prop, abbreviate(pem), why, 'one or more PEM "-----BEGIN CERTIFICATE-----" blocks');
  if (typeof pem !== 'string') throw fail('not a string');
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks) throw fail('no PEM certificate block found');
  // A trust bundle holds public certificates only: a private key (or any other text) is refused.
  if (pem.replace(PEM_BLOCK, '').trim() !== '') throw fail('it holds something besides certificates (a key or other text)');
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (e) {
      throw fail(`a certificate block does not parse (${(e as Error).message})`);
    }
  }
  return `${pem.trim()}\n`;
}

/** Error messages show the start of a PEM, not all of it. */
function abbreviate(value: unknown): unknown {
  return typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
