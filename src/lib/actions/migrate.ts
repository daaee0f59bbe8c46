// `calicoctl datastore migrate export|import|lock|unlock` (src/lib/migrate does the work).
import {readFileSync} from 'node:fs';
import type {CommandAction} from '../cli/types.js';
import {CliError, errorMessage} from '../errors.js';
import {withSession} from '../ipam/session.js';

export const migrateLockAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const {lockDatastore} = await import('../migrate/lock.js');
    out.out(await lockDatastore(ds));
  });
};

export const migrateUnlockAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const {unlockDatastore} = await import('../migrate/lock.js');
    out.out(await unlockDatastore(ds));
  });
};

export const migrateExportAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const {exportDatastore} = await import('../migrate/export.js');
    await exportDatastore(ds, out);
  });
};

export const migrateImportAction: CommandAction = async ({flags, out}) => {
  // As calicoctl's import: no version-mismatch check (the target is expected to be empty).
  await withSession(
    flags,
    async (ds) => {
      const filename = flags.filename === '-' ? '/dev/stdin' : String(flags.filename);
      let text: string;
      try {
        text = readFileSync(flags.filename === '-' ? 0 : filename, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(`error while reading migration file: open ${filename}: ${code === 'ENOENT' ? 'no such file or directory' : errorMessage(err)}`);
      }
      const {importDatastore} = await import('../migrate/import.js');
      out.out(await importDatastore(ds, text, {filename, force: flags.force === true}));
    },
    {versionCheck: false},
  );
};
