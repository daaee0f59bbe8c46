// The client version is the package version (calicoctl prints it with a leading `v`).
import {readFileSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string; gitCommit?: string};

export const CLIENT_VERSION = `v${pkg.version}`;
export const GIT_COMMIT = pkg.gitCommit ?? 'unknown';
