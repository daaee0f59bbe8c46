import {defineKind} from '../types.js';
import {nameCell, specString, specBool, specPointer, specOr} from '../../printers/cells.js';

export const IPPoolKind = defineKind({
  kind: 'IPPool',
  plural: 'ippools',
  namespaced: false,
  aliases: ['ippool', 'ippools', 'ipp', 'ipps', 'pool', 'pools'],
  columns: {
    ps: ['NAME', 'CIDR', 'SELECTOR'],
    wide: ['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR', 'ASSIGNMENTMODE'],
    values: {
      NAME: nameCell,
      CIDR: specString('cidr'),
      NAT: specBool('natOutgoing'),
      IPIPMODE: specOr('ipipMode', 'Never'),
      VXLANMODE: specOr('vxlanMode', 'Never'),
      DISABLED: specBool('disabled'),
      DISABLEBGPEXPORT: specBool('disableBGPExport'),
      SELECTOR: specString('nodeSelector'),
      ASSIGNMENTMODE: specPointer('assignmentMode'),
    },
  },
});
