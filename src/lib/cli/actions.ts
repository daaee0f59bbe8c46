// Command id -> library implementation. The oclif command classes and the fast path both dispatch
// through this table, so every command has exactly one implementation. Loaders are lazy so a command
// loads only the modules it needs.
import type {CommandAction} from './types.js';

type Loader = () => Promise<CommandAction>;

export const ACTIONS: Record<string, Loader> = {
  version: async () => (await import('../actions/version.js')).versionAction,
  validate: async () => (await import('../actions/validate.js')).validateAction,
  diff: async () => (await import('../actions/diff.js')).diffAction,
  create: async () => (await import('../actions/resources.js')).createAction,
  apply: async () => (await import('../actions/resources.js')).applyAction,
  replace: async () => (await import('../actions/resources.js')).replaceAction,
  delete: async () => (await import('../actions/resources.js')).deleteAction,
  get: async () => (await import('../actions/get.js')).getAction,
  patch: async () => (await import('../actions/patch.js')).patchAction,
  label: async () => (await import('../actions/label.js')).labelAction,
  'node:status': async () => (await import('../actions/node-status.js')).nodeStatusAction,
  'node:checksystem': async () => (await import('../actions/node-checksystem.js')).nodeChecksystemAction,
  'node:diags': async () => (await import('../actions/node-diags.js')).nodeDiagsAction,
  'ipam:show': async () => (await import('../actions/ipam.js')).ipamShowAction,
  'ipam:check': async () => (await import('../actions/ipam.js')).ipamCheckAction,
  'ipam:release': async () => (await import('../actions/ipam.js')).ipamReleaseAction,
  'ipam:configure': async () => (await import('../actions/ipam.js')).ipamConfigureAction,
  'ipam:split': async () => (await import('../actions/ipam.js')).ipamSplitAction,
  'datastore:migrate:export': async () => (await import('../actions/migrate.js')).migrateExportAction,
  'datastore:migrate:import': async () => (await import('../actions/migrate.js')).migrateImportAction,
  'datastore:migrate:lock': async () => (await import('../actions/migrate.js')).migrateLockAction,
  'datastore:migrate:unlock': async () => (await import('../actions/migrate.js')).migrateUnlockAction,
  completion: async () => (await import('../actions/completion.js')).completionAction,
  'completion:complete': async () => (await import('../actions/completion.js')).completionCompleteAction,
  'completion:names': async () => (await import('../actions/completion.js')).completionNamesAction,
};
