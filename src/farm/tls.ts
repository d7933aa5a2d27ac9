import tls from 'node:tls';
import { generate } from 'selfsigned';

/**
 * A certificate authority made for one farm run, and a certificate per host signed by it on the
 * first handshake (EC keys: a few milliseconds each). Clients trust the farm by its CA PEM.
 */
export interface FarmCertificates {
  /** PEM of the CA, for NetworkOptions.ca. */
  caPem: string;
  /** For https.createServer: answers with the host's certificate, fails the handshake otherwise. */
  sniCallback: (
    servername: string,
    callback: (error: Error | null, context?: tls.SecureContext) => void,
  ) => void;
}

export async function createFarmCertificates(
  servesTls: (hostname: string) => boolean,
): Promise<FarmCertificates> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Barometre fixture farm CA (simulated)' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const contexts = new Map<string, Promise<tls.SecureContext>>();
  const contextFor = (hostname: string): Promise<tls.SecureContext> => {
    let context = contexts.get(hostname);
    if (context === undefined) {
      context = generate([{ name: 'commonName', value: hostname }], {
        keyType: 'ec',
        algorithm: 'sha256',
        notBeforeDate,
        notAfterDate,
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] },
        ],
      }).then((pems) => tls.createSecureContext({ key: pems.private, cert: `${pems.cert}\n${ca.cert}` }));
      contexts.set(hostname, context);
    }
    return context;
  };
  return {
    caPem: ca.cert,
    sniCallback(servername, callback) {
      const hostname = servername.toLowerCase();
      if (!servesTls(hostname)) {
        callback(new Error(`farm: no TLS for ${hostname}`));
        return;
      }
      contextFor(hostname).then(
        (context) => callback(null, context),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  };
}
