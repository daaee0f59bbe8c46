import {BaseCommand} from '../../base-command.js';

// Called by the completion scripts (and by kubectl as `kubectl_complete-calico`); not for people.
export default class CompletionComplete extends BaseCommand<typeof CompletionComplete> {
  static hidden = true;
  static strict = false;
  static summary = 'Print completion candidates for the words after "--" (cobra __complete format).';
  static usage = 'completion complete -- [WORD...]';
  static examples = ['<%= config.bin %> completion complete -- get ipp'];
}
