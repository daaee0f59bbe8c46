// Placeholder: implemented by its own issue. Fails clearly instead of pretending.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';

export const createAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const applyAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const replaceAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const deleteAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

