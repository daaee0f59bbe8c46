// Placeholder: implemented by its own issue. Fails clearly instead of pretending.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';

export const getAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

