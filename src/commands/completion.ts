import {Args} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Completion extends BaseCommand<typeof Completion> {
  static args = {
    shell: Args.string({description: 'Shell to print the completion script for.', options: ['bash', 'zsh', 'fish'], required: true}),
  };
  static description = `The script completes command words, flags, flag values, resource kinds and their aliases, and resource names read from the configured datastore (each lookup bounded by a 2 second timeout; nothing is offered when no datastore answers). Load it in the current shell, or write it where the shell loads completions from (zsh needs compinit).`;
  static examples = [
    'source <(<%= config.bin %> completion bash)',
    '<%= config.bin %> completion bash > /etc/bash_completion.d/calicoctl',
    'source <(<%= config.bin %> completion zsh)',
    '<%= config.bin %> completion zsh > "${fpath[1]}/_calicoctl"',
    '<%= config.bin %> completion fish | source',
    '<%= config.bin %> completion fish > ~/.config/fish/completions/calicoctl.fish',
  ];
  static summary = 'Print a shell completion script (bash, zsh or fish).';
}
