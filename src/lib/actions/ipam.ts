// Placeholder: implemented by its own issue. Fails clearly instead of pretending.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';

export const ipamShowAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const ipamCheckAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const ipamReleaseAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const ipamConfigureAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

export const ipamSplitAction: CommandAction = async () => {
  throw new CliError('this command is not implemented yet');
};

