import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseIP, formatIP, parseCIDR, formatCIDR, cidrsOverlap, cidrSize} from '../../dist/lib/net/ip.js';

test('IPv4 parsing follows Go', () => {
  assert.equal(formatIP(parseIP('10.0.0.1')), '10.0.0.1');
  for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', '', 'a.b.c.d', '1..2.3']) assert.equal(parseIP(bad), undefined, bad);
});

test('IPv6 parsing and RFC 5952 output', () => {
  assert.equal(formatIP(parseIP('FD00:0:0:0:0:0:0:1')), 'fd00::1');
  assert.equal(formatIP(parseIP('2001:db8:0:0:1:0:0:1')), '2001:db8::1:0:0:1');
  assert.equal(formatIP(parseIP('::')), '::');
  assert.equal(formatIP(parseIP('::1')), '::1');
  assert.equal(formatIP(parseIP('1:0:1:0:1:0:1:0')), '1:0:1:0:1:0:1:0');
  assert.equal(formatIP(parseIP('::ffff:1.2.3.4')), '1.2.3.4');
  assert.equal(formatIP(parseIP('64:ff9b::1.2.3.4')), '64:ff9b::102:304');
  for (const bad of ['1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', ':1']) assert.equal(parseIP(bad), undefined, bad);
});

test('CIDRs: masking, canonical form, overlap, size', () => {
  const c = parseCIDR('10.1.2.3/16');
  assert.equal(formatCIDR(c), '10.1.0.0/16');
  assert.equal(formatCIDR(parseCIDR('fd00:0:0::/48')), 'fd00::/48');
  assert.equal(parseCIDR('10.0.0.0/33'), undefined);
  assert.equal(formatCIDR(parseCIDR('10.0.0.0/08')), '10.0.0.0/8'); // Go's dtoi accepts leading zeros
  assert.ok(cidrsOverlap(parseCIDR('10.0.0.0/8'), parseCIDR('10.2.0.0/16')));
  assert.ok(!cidrsOverlap(parseCIDR('10.0.0.0/16'), parseCIDR('10.1.0.0/16')));
  assert.equal(cidrSize(parseCIDR('fd00::/48')), 2n ** 80n);
});
