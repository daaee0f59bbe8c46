#!/usr/bin/env node
// Entry point. calicoctl (docopt) accepts global options before the sub-command; oclif takes argv[0]
// as the command id, so leading global options are moved behind the command id first.
import {main} from '../dist/main.js';

await main(process.argv.slice(2));
