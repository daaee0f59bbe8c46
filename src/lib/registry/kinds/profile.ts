import {defineKind} from '../types.js';

export const ProfileKind = defineKind({
  kind: 'Profile',
  plural: 'profiles',
  namespaced: false,
  aliases: ['profile', 'profiles', 'pro', 'pros'],
});
