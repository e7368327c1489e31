/**
 * The sandbox clock's self-signed TLS certificate.
 *
 * Why: a LaMetric Time serves its local API on `https://<ip>:4343` with a self-signed
 * certificate that does not name its IP (providers.md §2.3 A), which is what a client's
 * pin-on-first-use must cope with. Generated in-process with `selfsigned` (a maintained
 * generator) at each start, or on demand to simulate a clock whose certificate changed.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A key pair and its certificate, with the certificate's SHA-256 fingerprint. */
export interface DeviceCertificate {
  key: string;
  cert: string;
  /** Colon-separated upper-case hex, as Node's `X509Certificate.fingerprint256` prints it. */
  sha256: string;
}

/**
 * Generate a fresh self-signed certificate for the clock (EC P-256: fast, like a device).
 *
 * @throws Error when key generation fails.
 */
export async function generateDeviceCertificate(): Promise<DeviceCertificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'lametric.local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'lametric.local' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert, sha256: new X509Certificate(pems.cert).fingerprint256 };
}
