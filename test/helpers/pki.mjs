// A throwaway PKI for TLS tests, generated with the openssl CLI into a fresh temp dir per run:
// a CA, an etcd server certificate for 127.0.0.1/localhost, a client certificate, an expired client
// certificate, and a second unrelated CA with its own client certificate (the "wrong" ones).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

function openssl(args, cwd) {
  execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']});
}

// EC keys: generation is instant, and etcd and Node both accept them.
function newKey(dir, name) {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`], dir);
}

function newCA(dir, name, subject) {
  newKey(dir, name);
  openssl(['req', '-x509', '-new', '-key', `${name}.key`, '-subj', subject, '-days', '2', '-sha256', '-out', `${name}.crt`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  // `openssl ca` (the only way to choose validity dates on OpenSSL 3.0) needs a tiny database.
  writeFileSync(join(dir, `${name}.index`), '');
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      '[ca]', 'default_ca = this', '[this]', `database = ${name}.index`, `new_certs_dir = .`, `certificate = ${name}.crt`,
      `private_key = ${name}.key`, 'default_md = sha256', 'policy = anything', 'copy_extensions = copy', 'rand_serial = yes',
      'unique_subject = no', '[anything]', 'commonName = optional', 'organizationName = optional',
      '[server]', 'basicConstraints = CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = serverAuth,clientAuth', 'subjectAltName = IP:127.0.0.1,DNS:localhost',
      '[client]', 'basicConstraints = CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', 'extendedKeyUsage = clientAuth',
      '',
    ].join('\n'),
  );
}

/** Issues `${name}.crt`/`${name}.key` signed by `ca`; `startdate`/`enddate` as YYMMDDHHMMSSZ. */
function issue(dir, ca, name, cn, profile, {startdate, enddate, days = 2, subject = `/CN=${cn}`} = {}) {
  newKey(dir, name);
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`], dir);
  const validity = startdate ? ['-startdate', startdate, '-enddate', enddate] : ['-days', String(days)];
  openssl(['ca', '-batch', '-config', `${ca}.cnf`, '-extensions', profile, '-in', `${name}.csr`, '-out', `${name}.crt`, '-notext', ...validity], dir);
}

function asn1Time(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

/**
 * createPki() -> {dir, files: {ca, serverCert, serverKey, clientCert, clientKey, noCnCert, noCnKey, expiredCert, expiredKey, expiredServerCert, expiredServerKey,
 * otherCa, otherCert, otherKey}, pem(name) -> file contents, cleanup()}
 */
export function createPki() {
  const dir = mkdtempSync(join(tmpdir(), 'calicoctl-pki-'));
  newCA(dir, 'ca', '/CN=calicoctl-test-ca');
  issue(dir, 'ca', 'server', 'etcd-server', 'server');
  issue(dir, 'ca', 'client', 'calicoctl', 'client');
  // etcd's gateway refuses certificates with a CommonName when etcd authentication is on.
  issue(dir, 'ca', 'nocn', '', 'client', {subject: '/O=calicoctl'});
  const day = 24 * 3600 * 1000;
  const past = {startdate: asn1Time(new Date(Date.now() - 3 * day)), enddate: asn1Time(new Date(Date.now() - day))};
  issue(dir, 'ca', 'expired', 'calicoctl-expired', 'client', past);
  issue(dir, 'ca', 'expired-server', 'etcd-server', 'server', past);
  newCA(dir, 'other-ca', '/CN=unrelated-ca');
  issue(dir, 'other-ca', 'other', 'calicoctl', 'client');
  const f = (n) => join(dir, n);
  const files = {
    ca: f('ca.crt'),
    serverCert: f('server.crt'),
    serverKey: f('server.key'),
    clientCert: f('client.crt'),
    clientKey: f('client.key'),
    noCnCert: f('nocn.crt'),
    noCnKey: f('nocn.key'),
    expiredCert: f('expired.crt'),
    expiredKey: f('expired.key'),
    expiredServerCert: f('expired-server.crt'),
    expiredServerKey: f('expired-server.key'),
    otherCa: f('other-ca.crt'),
    otherCert: f('other.crt'),
    otherKey: f('other.key'),
  };
  return {
    dir,
    files,
    pem: (name) => readFileSync(files[name], 'utf8'),
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
}
